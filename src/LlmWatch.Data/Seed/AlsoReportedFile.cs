using System.Text.Json;
using System.Text.Json.Nodes;
using LlmWatch.Data.Curation;
using LlmWatch.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Data.Seed;

/// <summary>
/// One value another source reported for a field of a fact, kept beside the preferred one (<see cref="AlsoReported"/>), as
/// <c>seed/alsoReported.json</c> holds it: the fact by kind and slug, the field, the value in the fact file's own shape, and
/// the citation that reports it.
/// </summary>
public sealed record SeedAlsoReported
{
    public required string Kind { get; init; }
    public required string Fact { get; init; }
    public required string Field { get; init; }
    public required JsonElement Value { get; init; }
    public required string SourceId { get; init; }
    public required string Quote { get; init; }
}

/// <summary>
/// <c>seed/alsoReported.json</c>: the "also reported" values a review kept, so that <c>export</c> and <c>import</c> carry them
/// like any fact. The file exists only when there are such values (data/ as kept in git has none). Entries are sorted by kind
/// (in the importer's order), fact, field, source and quote. An import adds what the file holds and removes file-borne values
/// the file no longer holds; values kept by a review in the editor area stay either way (as curated facts do).
/// </summary>
public static class AlsoReportedFile
{
    public const string FileName = "alsoReported.json";

    /// <summary>The fields where another source's value is a claim to keep beside the preferred one, by kind of fact.</summary>
    public static readonly IReadOnlyDictionary<SubjectType, string[]> ClaimFields = new Dictionary<SubjectType, string[]>
    {
        [SubjectType.Organization] = ["foundedOn", "city", "status"],
        [SubjectType.CampAssignment] = ["camp", "from"],
        [SubjectType.Role] = ["from", "to"],
        [SubjectType.Model] = ["releasedOn", "parameters"],
        [SubjectType.Deal] = ["date", "amount", "valuation", "status", "stage"],
        [SubjectType.Event] = ["date"],
        [SubjectType.Statistic] = ["value", "date"],
    };

    /// <summary>
    /// The value as the database keeps it, the field's seed JSON as a review writes it: read as the field's type and written
    /// back compact, so a value that went through a file equals the one the review kept.
    /// </summary>
    public static string Stored(SubjectType kind, string field, JsonElement value)
    {
        var type = FieldType(kind, field);
        return JsonSerializer.Serialize(value.Deserialize(type, FactDocuments.Json), type, FactDocuments.Json);
    }

    private static Type FieldType(SubjectType kind, string field) =>
        FactDocuments.SeedTypeOf(kind).GetProperties().Single(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name) == field).PropertyType;

    /// <summary>The file's bytes, or null when the database keeps no such value (then no file is written).</summary>
    public static async Task<byte[]?> ExportAsync(LlmWatchDbContext db, Func<JsonNode, byte[]> write, CancellationToken ct)
    {
        // Each value with its fact's slug; a fact or source the view does not see (asOf) takes its values with it.
        var rows = await db.AlsoReported.AsNoTracking()
            .Where(a => db.Sources.Any(s => s.Id == a.SourceId))
            .Select(a => new
            {
                a.SubjectType, a.Field, a.Value, a.SourceId, a.Quote,
                Slug = a.SubjectType == SubjectType.Organization ? db.Organizations.Where(f => f.Id == a.SubjectId).Select(f => f.Slug).FirstOrDefault()
                    : a.SubjectType == SubjectType.CampAssignment ? db.CampAssignments.Where(f => f.Id == a.SubjectId).Select(f => f.Slug).FirstOrDefault()
                    : a.SubjectType == SubjectType.Person ? db.People.Where(f => f.Id == a.SubjectId).Select(f => f.Slug).FirstOrDefault()
                    : a.SubjectType == SubjectType.Role ? db.Roles.Where(f => f.Id == a.SubjectId).Select(f => f.Slug).FirstOrDefault()
                    : a.SubjectType == SubjectType.Model ? db.Models.Where(f => f.Id == a.SubjectId).Select(f => f.Slug).FirstOrDefault()
                    : a.SubjectType == SubjectType.Deal ? db.Deals.Where(f => f.Id == a.SubjectId).Select(f => f.Slug).FirstOrDefault()
                    : a.SubjectType == SubjectType.Event ? db.Events.Where(f => f.Id == a.SubjectId).Select(f => f.Slug).FirstOrDefault()
                    : a.SubjectType == SubjectType.Viewpoint ? db.Viewpoints.Where(f => f.Id == a.SubjectId).Select(f => f.Slug).FirstOrDefault()
                    : db.Statistics.Where(f => f.Id == a.SubjectId).Select(f => f.Slug).FirstOrDefault(),
            })
            .Where(a => a.Slug != null)
            .ToListAsync(ct);
        if (rows.Count == 0) return null;

        var array = new JsonArray();
        var order = SeedExporter.SeedFiles.Select(f => f.Kind).ToList();
        // The same value kept twice (two reviews of the same claim) is one entry: the file names a claim, not a review.
        foreach (var row in rows
                     .DistinctBy(r => (r.SubjectType, r.Slug, r.Field, r.Value, r.SourceId, r.Quote))
                     .OrderBy(r => order.IndexOf(r.SubjectType)).ThenBy(r => r.Slug, StringComparer.Ordinal).ThenBy(r => r.Field, StringComparer.Ordinal)
                     .ThenBy(r => r.SourceId, StringComparer.Ordinal).ThenBy(r => r.Quote, StringComparer.Ordinal).ThenBy(r => r.Value, StringComparer.Ordinal))
        {
            array.Add(new JsonObject
            {
                ["kind"] = row.SubjectType.ToApi(),
                ["fact"] = row.Slug,
                ["field"] = row.Field,
                ["value"] = SeedExporter.Prune(JsonNode.Parse(row.Value)),
                ["sourceId"] = row.SourceId,
                ["quote"] = row.Quote,
            });
        }
        return write(array);
    }

    /// <summary>
    /// Every entry names a fact of the set by kind and slug, one of that kind's claim fields, a value that fits the field
    /// (the fact's own entry with the value put in its place still reads), and a quote that stands verbatim in its source.
    /// </summary>
    public static void Validate(SeedSet set, IReadOnlyDictionary<string, string> sources, List<SeedError> errors)
    {
        var facts = new Dictionary<(SubjectType, string), SeedFact>();
        foreach (var (kind, list) in FactsOf(set))
            foreach (var fact in list) facts.TryAdd((kind, fact.Slug), fact);

        for (var i = 0; i < set.AlsoReported.Count; i++)
        {
            var entry = set.AlsoReported[i];
            var at = $"$[{i}]";
            void Fail(string member, string reason) => errors.Add(new(FileName, $"{at}.{member}", reason));

            if (!ApiNames.TryParseApi<SubjectType>(entry.Kind, out var kind))
            {
                Fail("kind", $"'{entry.Kind}' is not a kind of fact; expected one of {string.Join(", ", ApiNames.AllApi<SubjectType>())}.");
                continue;
            }
            if (!facts.TryGetValue((kind, entry.Fact), out var fact))
                Fail("fact", $"No {entry.Kind} with the slug '{entry.Fact}' is in the seed files.");
            if (!ClaimFields.TryGetValue(kind, out var fields) || !fields.Contains(entry.Field))
                Fail("field", $"'{entry.Field}' is not a field another source's value is kept for on a {entry.Kind}"
                    + (fields is null ? "." : $"; expected one of {string.Join(", ", fields)}."));
            else if (entry.Value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
                Fail("value", "A value is needed: an also-reported value is what the other source said.");
            else if (fact is not null && !Fits(fact, entry.Field, entry.Value, out var why))
                Fail("value", $"The value does not fit the field '{entry.Field}': {why}");

            if (!sources.TryGetValue(entry.SourceId, out var text))
                Fail("sourceId", $"No source '{entry.SourceId}' is under sources/.");
            else if (string.IsNullOrEmpty(entry.Quote) || !text.Contains(entry.Quote, StringComparison.Ordinal))
                Fail("quote", $"The quote is not verbatim in the source '{entry.SourceId}'.");
        }
    }

    // Only the field's own shape is checked here (its paths): the entry's references and citations are the fact's, checked with it.
    private static readonly SeedReferences NoReferences = new(new Dictionary<string, string>(), new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), new HashSet<string>());

    // The fact's entry with the field set to the value must still read as that kind of entry and pass the entry's own checks.
    private static bool Fits(SeedFact fact, string field, JsonElement value, out string why)
    {
        var node = JsonSerializer.SerializeToNode(fact, fact.GetType(), FactDocuments.Json)!.AsObject();
        node[field] = JsonNode.Parse(value.GetRawText());
        try
        {
            var changed = (SeedFact?)node.Deserialize(fact.GetType(), FactDocuments.Json);
            if (changed is null)
            {
                why = "it does not read.";
                return false;
            }
            var problems = SeedValidator.ValidateEntry(changed, NoReferences).Where(e => e.Path == "$." + field || e.Path.StartsWith("$." + field + ".", StringComparison.Ordinal)).ToList();
            why = string.Join(" ", problems.Select(p => p.Reason));
            return problems.Count == 0;
        }
        catch (JsonException e)
        {
            why = e.Message.Split(" Path:")[0];
            return false;
        }
    }

    /// <summary>
    /// Brings the database's file-borne values in line with the file: adds what is new, removes file-borne values the file no
    /// longer holds. Values a review kept (<see cref="AlsoReported.ProposalId"/> set) are never removed, and a file entry equal to
    /// one of them is not added twice.
    /// </summary>
    public static Task SyncAsync(LlmWatchDbContext db, SeedSet set, Func<SubjectType, string, int> idOf, DateTime now, bool empty, CancellationToken ct) =>
        SyncAsync(db, new TrackedSeedRows(db), set, idOf, now, empty, ct);

    internal static async Task SyncAsync(LlmWatchDbContext db, ISeedRows added, SeedSet set, Func<SubjectType, string, int> idOf, DateTime now, bool empty, CancellationToken ct)
    {
        var wanted = set.AlsoReported
            .Select(e => (Kind: ApiNames.TryParseApi<SubjectType>(e.Kind, out var k) ? k : throw new InvalidOperationException("Validated before."), e))
            .Select(x => new AlsoReported
            {
                SubjectType = x.Kind, SubjectId = idOf(x.Kind, x.e.Fact), Field = x.e.Field, Value = Stored(x.Kind, x.e.Field, x.e.Value),
                SourceId = x.e.SourceId, Quote = x.e.Quote, RecordedAt = now,
            })
            .DistinctBy(Key)
            .ToDictionary(Key);
        foreach (var row in empty ? [] : await db.AlsoReported.AsTracking().ToListAsync(ct))
        {
            if (wanted.Remove(Key(row))) continue;
            if (row.ProposalId is null) db.AlsoReported.Remove(row);
        }
        foreach (var row in wanted.Values) added.Add(row);
    }

    private static (SubjectType, int, string, string, string, string) Key(AlsoReported a) => (a.SubjectType, a.SubjectId, a.Field, a.Value, a.SourceId, a.Quote);

    private static IEnumerable<(SubjectType Kind, IEnumerable<SeedFact> Facts)> FactsOf(SeedSet set) =>
    [
        (SubjectType.Organization, set.Organizations), (SubjectType.CampAssignment, set.Camps), (SubjectType.Person, set.People),
        (SubjectType.Role, set.Roles), (SubjectType.Model, set.Models), (SubjectType.Deal, set.Deals), (SubjectType.Event, set.Events),
        (SubjectType.Viewpoint, set.Viewpoints), (SubjectType.Statistic, set.Statistics),
    ];
}
