using LlmWatch.Data.Curation;
using LlmWatch.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Data.Seed;

/// <summary>One fact on which a file and an approved change disagree: which file and entry, which field, both values, and whose approval.</summary>
public sealed record ImportConflict(string File, string Slug, string Field, string? FileValue, string? DatabaseValue, string ApprovedBy, DateTime ApprovedAt)
{
    public override string ToString() =>
        $"{File} '{Slug}' {Field}: the file says {FileValue ?? "nothing"}, the database says {DatabaseValue ?? "nothing"} (approved by {ApprovedBy} on {ApprovedAt:yyyy-MM-dd HH:mm} UTC)";
}

public sealed class ImportConflictException(IReadOnlyList<ImportConflict> conflicts)
    : Exception($"{conflicts.Count} field(s) of the files disagree with changes approved in the editor area; nothing was imported. First: {conflicts[0]}")
{
    public IReadOnlyList<ImportConflict> Conflicts { get; } = conflicts;
}

/// <summary>
/// What the editor area added or changed, as an import must respect it: every fact and source with an entry in the audit
/// trail. An import keeps the curated facts and sources the files do not hold, and stops before writing anything when a
/// file holds a curated fact with other values (unless told that the files win, which the trail then records).
/// </summary>
public sealed class CuratedWork
{
    /// <summary>Who made an import's replacements, as the audit trail names them.</summary>
    public const string ImportCurator = "import --prefer-files";

    /// <summary>Who made the changes a dataset's newer export brought, as the audit trail names them ("import: &lt;source id&gt;").</summary>
    public const string DatasetImportCurator = "import: ";

    private sealed record Latest(ChangeAction Action, string ApprovedBy, DateTime At);

    private readonly Dictionary<(FactKind, string), Latest> _facts;
    private readonly HashSet<string> _sources;

    private CuratedWork(Dictionary<(FactKind, string), Latest> facts, HashSet<string> sources) => (_facts, _sources) = (facts, sources);

    /// <summary>A fact (or source) the file replaced, with its fields before and after, for the trail.</summary>
    public sealed record Replacement(SubjectType Kind, string Slug, SeedFact? Before, SeedFact After);

    public List<Replacement> Replacements { get; } = [];

    public static async Task<CuratedWork> LoadAsync(LlmWatchDbContext db, CancellationToken ct)
    {
        var records = await db.ChangeRecords.AsNoTracking().OrderBy(c => c.Id)
            .Select(c => new { c.FactKind, c.FactKey, c.Action, c.ApprovedByName, c.RecordedAt }).ToListAsync(ct);
        var facts = new Dictionary<(FactKind, string), Latest>();
        var sources = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            // A dataset import's own changes (rows updated by a newer export) are the files' work, not the editor area's.
            if (record.ApprovedByName.StartsWith(DatasetImportCurator, StringComparison.Ordinal)) continue;
            if (record.FactKind == FactKind.Source) sources.Add(record.FactKey);
            else facts[(record.FactKind, record.FactKey)] = new(record.Action, record.ApprovedByName, record.RecordedAt);
        }
        return new(facts, sources);
    }

    public bool IsEmpty => _facts.Count == 0 && _sources.Count == 0;

    /// <summary>
    /// Compares every curated fact with the files: conflicts for those a file holds with other values (or holds again after
    /// an editor retired it), and, added to <paramref name="set"/>, the curated facts and sources that no file holds.
    /// </summary>
    public async Task<List<ImportConflict>> ReconcileAsync(LlmWatchDbContext db, SeedSet set, CancellationToken ct)
    {
        var conflicts = new List<ImportConflict>();
        async Task Reconcile<T>(SubjectType kind, List<T> entries) where T : SeedFact
        {
            var file = SeedExporter.SeedFiles.First(f => f.Kind == kind).File;
            var bySlug = entries.ToDictionary(e => e.Slug, StringComparer.Ordinal);
            var added = false;
            foreach (var ((factKind, slug), latest) in _facts.Where(f => f.Key.Item1.ToString() == kind.ToString()).OrderBy(f => f.Key.Item2, StringComparer.Ordinal))
            {
                var recorded = await FactDocuments.LoadAsync(db, kind, slug, ct);
                if (!bySlug.TryGetValue(slug, out var fromFile))
                {
                    // Only in the database: the editor area's work, kept.
                    if (recorded is T kept) { entries.Add(kept); added = true; }
                    continue;
                }
                var fields = FactDocuments.Diff(recorded, Canonical(fromFile));
                if (fields.Count == 0) continue;
                Replacements.Add(new(kind, slug, recorded, fromFile));
                foreach (var (field, before, after) in recorded is null ? [("(retired)", "retired", "present")] : fields)
                    conflicts.Add(new(file, slug, field, after, before, latest.ApprovedBy, latest.At));
            }
            if (added) entries.Sort((a, b) => string.CompareOrdinal(a.Slug, b.Slug));
        }
        await Reconcile(SubjectType.Organization, set.Organizations);
        await Reconcile(SubjectType.CampAssignment, set.Camps);
        await Reconcile(SubjectType.Person, set.People);
        await Reconcile(SubjectType.Role, set.Roles);
        await Reconcile(SubjectType.Model, set.Models);
        await Reconcile(SubjectType.Deal, set.Deals);
        await Reconcile(SubjectType.Event, set.Events);
        await Reconcile(SubjectType.Viewpoint, set.Viewpoints);
        await Reconcile(SubjectType.Statistic, set.Statistics);

        var fileSources = set.Sources.Select(s => s.Source.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in _sources.Where(id => !fileSources.Contains(id)).Order(StringComparer.Ordinal))
        {
            var source = await db.Sources.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
            if (source is null) continue;
            set.Sources.Add((SeedExporter.SeedDocument(source), source.Text));
        }
        return conflicts;
    }

    /// <summary>Records each replaced curated fact in the audit trail: the import's change, with the values it replaced.</summary>
    public void Audit(LlmWatchDbContext db, DateTime now)
    {
        foreach (var replacement in Replacements)
        {
            var fields = FactDocuments.Diff(replacement.Before, Canonical(replacement.After));
            db.ChangeRecords.Add(new ChangeRecord
            {
                RecordedAt = now,
                Action = replacement.Before is null ? ChangeAction.Added : ChangeAction.Changed,
                FactKind = Enum.Parse<FactKind>(replacement.Kind.ToString()),
                FactKey = replacement.Slug,
                OrganizationSlug = CurationService.OrganizationOf(replacement.After),
                SourceId = replacement.After.Citations.FirstOrDefault()?.SourceId,
                ProposedById = ImportCurator,
                ProposedByName = ImportCurator,
                ApprovedById = ImportCurator,
                ApprovedByName = ImportCurator,
                ReviewerReason = "The files replaced the approved change: import was run with --prefer-files.",
                Fields = fields.Select(f => new FieldChange(f.Field, f.Before, f.After)).ToList(),
            });
        }
    }

    // The database keeps an event's links without order and reads them sorted; a file's order is not a difference.
    private static SeedFact Canonical(SeedFact fact) => fact is SeedEvent e
        ? e with { Organizations = e.Organizations.Order(StringComparer.Ordinal).ToList(), People = e.People.Order(StringComparer.Ordinal).ToList(),
            Models = e.Models.Order(StringComparer.Ordinal).ToList(), Deals = e.Deals.Order(StringComparer.Ordinal).ToList() }
        : fact;
}
