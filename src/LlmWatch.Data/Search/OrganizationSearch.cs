using LlmWatch.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Data.Search;

/// <summary>Which index answers a search text.</summary>
public enum SearchPath
{
    /// <summary>3 or more characters: the FTS5 trigram index (on PostgreSQL, pg_trgm).</summary>
    Trigram,

    /// <summary>1 or 2 non-ASCII letters or digits (a 2-character Chinese word): the index of short grams (on PostgreSQL, a table of them).</summary>
    Grams,

    /// <summary>Anything else (1–2 Latin characters, punctuation, spaces around short text): a LIKE scan.</summary>
    Scan,
}

/// <summary>
/// The one way to search organisations by name: Chinese and English names and aliases contain the text, or the
/// pinyin (without its spaces) contains the text without its spaces; Latin letters ignore case. An index narrows the
/// candidates (<see cref="PathFor"/>) and the same LIKE predicate as the scan then keeps exactly the rows a scan keeps,
/// so the indexes change the speed, never the results.
/// </summary>
public static class OrganizationSearch
{
    public const int TrigramLength = 3;

    public static SearchPath PathFor(string text)
    {
        var length = RuneCount(text);
        if (length >= TrigramLength && RuneCount(Compact(text)) >= TrigramLength && !text.Any(char.IsControl)) return SearchPath.Trigram;
        if (length is 1 or 2 && text.All(IsGramChar)) return SearchPath.Grams;
        return SearchPath.Scan;
    }

    /// <summary>The organisations matching <paramref name="text"/> (trimmed, non-empty), through the index that suits it.</summary>
    public static IQueryable<Organization> Search(this IQueryable<Organization> organizations, LlmWatchDbContext db, string text)
    {
        var matching = organizations.SearchByScan(text);
        if (db.Database.IsNpgsql()) return SearchPostgreSql(matching, db, text);
        switch (PathFor(text))
        {
            case SearchPath.Trigram:
                var trigram = TrigramQuery(text);
                var byTrigram = db.Database.SqlQuery<int>($"SELECT rowid AS \"Value\" FROM \"OrganizationSearch\" WHERE \"OrganizationSearch\" MATCH {trigram}");
                return matching.Where(o => byTrigram.Contains(o.Id));
            case SearchPath.Grams:
                var gram = Quote(text);
                var byGram = db.Database.SqlQuery<int>($"SELECT rowid AS \"Value\" FROM \"OrganizationGrams\" WHERE \"OrganizationGrams\" MATCH {gram}");
                return matching.Where(o => byGram.Contains(o.Id));
            default:
                return matching;
        }
    }

    /// <summary>
    /// PostgreSQL's indexes narrow the candidates as SQLite's do, and the same predicate keeps exactly the rows a scan keeps:
    /// pg_trgm's GIN index answers ILIKE on the names and aliases (one text) and on the compact pinyin; a b-tree over every
    /// 1- and 2-character gram answers the short Chinese words pg_trgm cannot (it needs 3 characters).
    /// </summary>
    private static IQueryable<Organization> SearchPostgreSql(IQueryable<Organization> matching, LlmWatchDbContext db, string text)
    {
        switch (PathFor(text))
        {
            case SearchPath.Trigram:
                var pattern = ContainsPattern(text);
                var compact = ContainsPattern(Compact(text));
                var byTrigram = db.Database.SqlQuery<int>(
                    $"SELECT \"Id\" AS \"Value\" FROM \"OrganizationSearch\" WHERE \"Names\" ILIKE {pattern} OR \"Pinyin\" ILIKE {compact}");
                return matching.Where(o => byTrigram.Contains(o.Id));
            case SearchPath.Grams:
                var byGram = db.Database.SqlQuery<int>($"SELECT \"Id\" AS \"Value\" FROM \"OrganizationGrams\" WHERE \"Gram\" = {text}");
                return matching.Where(o => byGram.Contains(o.Id));
            default:
                return matching;
        }
    }

    /// <summary>The portable predicate alone: a LIKE '%…%' scan of every row. The indexed search keeps exactly these rows.</summary>
    public static IQueryable<Organization> SearchByScan(this IQueryable<Organization> organizations, string text)
    {
        var pattern = ContainsPattern(text);
        var compact = ContainsPattern(Compact(text));
        // SQLite's LIKE ignores case for Latin letters (on PostgreSQL it is ILIKE under the "C" collation: the same); pinyin is compared without its spaces so "baichuan" finds "bai chuan zhi neng".
        return organizations.Where(o => EF.Functions.Like(o.NameZh, pattern, "\\")
                                        || EF.Functions.Like(o.NameEn, pattern, "\\")
                                        || (o.Pinyin != null && EF.Functions.Like(o.Pinyin.Replace(" ", ""), compact, "\\"))
                                        || o.Aliases.Any(a => EF.Functions.Like(a, pattern, "\\")));
    }

    /// <summary>An FTS5 query: the text as a phrase in the names and aliases, or without spaces in the pinyin.</summary>
    public static string TrigramQuery(string text) => $"{{NameZh NameEn Aliases}} : {Quote(text)} OR Pinyin : {Quote(Compact(text))}";

    /// <summary>What the gram index holds for a name: every 1- and 2-character run of <see cref="IsGramChar"/> characters, once.</summary>
    public static string Grams(IEnumerable<string?> texts)
    {
        var grams = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            if (string.IsNullOrEmpty(text)) continue;
            for (var i = 0; i < text.Length; i++)
            {
                if (!IsGramChar(text[i])) continue;
                grams.Add(text.Substring(i, 1));
                if (i + 1 < text.Length && IsGramChar(text[i + 1])) grams.Add(text.Substring(i, 2));
            }
        }
        return string.Join(' ', grams.Order(StringComparer.Ordinal));
    }

    /// <summary>Letters and digits outside ASCII (Chinese characters above all), one UTF-16 unit each: the gram index's alphabet.</summary>
    public static bool IsGramChar(char c) => c > 0x7F && !char.IsSurrogate(c) && char.IsLetterOrDigit(c);

    public static string Compact(string text) => text.Replace(" ", "", StringComparison.Ordinal);

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static int RuneCount(string text) => text.EnumerateRunes().Count();

    /// <summary>A LIKE pattern (escape character '\\') matching any text that contains <paramref name="text"/>.</summary>
    public static string ContainsPattern(string text) => $"%{EscapeLike(text)}%";

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    internal static string AliasesText(string? json) =>
        string.IsNullOrEmpty(json) ? "" : string.Join('\n', System.Text.Json.JsonSerializer.Deserialize<List<string>>(json) ?? []);

}
