using LlmWatch.Data;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Tests.Infrastructure;

/// <summary>What a reader may type to find an organisation: every 1–4 character piece of its names, aliases and pinyin.</summary>
public static class SearchTexts
{
    public static async Task<List<string>> OfOrganizationsAsync(LlmWatchDbContext db)
    {
        var names = await db.Organizations.Select(o => new { o.NameZh, o.NameEn, o.Pinyin, o.Aliases }).ToListAsync();
        return names
            .SelectMany(n => new[] { n.NameZh, n.NameEn, n.Pinyin ?? "" }.Concat(n.Aliases))
            .SelectMany(name => Substrings(name, 4))
            .Select(t => t.Trim())
            .Where(t => t.Length > 0)
            .Distinct()
            .ToList();
    }

    private static IEnumerable<string> Substrings(string text, int maxLength)
    {
        for (var i = 0; i < text.Length; i++)
            for (var n = 1; n <= maxLength && i + n <= text.Length; n++)
                yield return text.Substring(i, n);
    }
}
