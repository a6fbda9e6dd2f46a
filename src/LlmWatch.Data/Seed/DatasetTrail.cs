using LlmWatch.Data.Curation;
using LlmWatch.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Data.Seed;

/// <summary>
/// The audit trail of a dataset read again: what its rows had made (models, organisations, a linked model's row citations and
/// figures) before the import, compared with what they make now; each fact that changed, appeared or went gets a
/// <see cref="ChangeRecord"/> (by <c>import: &lt;source id&gt;</c>) and, when it changed or went, its earlier version in
/// <see cref="FactVersion"/>, as an approved change would. The same export read twice records nothing.
/// </summary>
internal sealed class DatasetTrail
{
    private sealed record Before(SeedFact? Fact, Dictionary<string, string?> Figures, DateOnly? KnownFrom, DateOnly? ValidFrom, DateTime? RecordedAt);

    private readonly Dictionary<(SubjectType Kind, string Slug), Before> _before;
    private readonly Dictionary<(SubjectType, string), string> _datasetOf;

    private DatasetTrail(Dictionary<(SubjectType, string), Before> before, Dictionary<(SubjectType, string), string> datasetOf) =>
        (_before, _datasetOf) = (before, datasetOf);

    /// <summary>Null when none of the set's datasets was imported before (a first import of a dataset is not a change to record).</summary>
    public static async Task<DatasetTrail?> BeforeAsync(LlmWatchDbContext db, SeedSet set, CancellationToken ct)
    {
        var ids = set.Datasets.Select(d => d.SourceId).ToList();
        var known = await db.Sources.AsNoTracking().IgnoreQueryFilters().Where(s => ids.Contains(s.Id) && s.Kind == SourceKind.Dataset).Select(s => s.Id).ToListAsync(ct);
        if (known.Count == 0) return null;
        var datasetOf = new Dictionary<(SubjectType, string), string>();
        foreach (var m in set.Models)
            if (set.DatasetFigures.TryGetValue(m.Slug, out var f) && known.Contains(f.SourceId)) datasetOf[(SubjectType.Model, m.Slug)] = f.SourceId;
        foreach (var o in set.Organizations)
            if (o.Dataset is { } d && known.Contains(d)) datasetOf[(SubjectType.Organization, o.Slug)] = d;
        var models = await db.Models.AsNoTracking().IgnoreQueryFilters()
            .Where(m => m.DatasetRow != null && known.Contains(m.DatasetRow.SourceId))
            .Select(m => new { m.Slug, m.DatasetRow!.SourceId }).ToListAsync(ct);
        foreach (var m in models) datasetOf.TryAdd((SubjectType.Model, m.Slug), m.SourceId);
        var organizations = await db.Organizations.AsNoTracking().IgnoreQueryFilters()
            .Where(o => o.FromDataset != null && known.Contains(o.FromDataset)).Select(o => new { o.Slug, o.FromDataset }).ToListAsync(ct);
        foreach (var o in organizations) datasetOf.TryAdd((SubjectType.Organization, o.Slug), o.FromDataset!);

        var before = new Dictionary<(SubjectType, string), Before>();
        foreach (var (kind, slug) in datasetOf.Keys)
        {
            var fact = await FactDocuments.LoadAsync(db, kind, slug, ct);
            var times = kind == SubjectType.Model
                ? await db.Models.AsNoTracking().IgnoreQueryFilters().Where(m => m.Slug == slug).Select(m => new { m.KnownFrom, m.ValidFrom, m.RecordedAt }).FirstOrDefaultAsync(ct)
                : await db.Organizations.AsNoTracking().IgnoreQueryFilters().Where(o => o.Slug == slug).Select(o => new { o.KnownFrom, o.ValidFrom, o.RecordedAt }).FirstOrDefaultAsync(ct);
            var figures = kind == SubjectType.Model
                ? await db.Models.AsNoTracking().IgnoreQueryFilters().Where(m => m.Slug == slug).Select(m => new DatasetModelFigures(
                    "", 0, new List<string>(), m.Confidence, m.Accessibility, m.ParametersNote, m.TrainingCompute, m.TrainingComputeText,
                    m.TrainingComputeNote, m.Domain, m.Task)).FirstOrDefaultAsync(ct)
                : null;
            before[(kind, slug)] = new Before(fact, Figures(figures), times?.KnownFrom, times?.ValidFrom, times?.RecordedAt);
        }
        return new DatasetTrail(before, datasetOf);
    }

    /// <summary>The figures a change record compares (those the seed entry does not carry).</summary>
    public static Dictionary<string, string?> Figures(DatasetModelFigures? f) => new()
    {
        ["confidence"] = f?.Confidence?.ToApi(),
        ["accessibility"] = f?.Accessibility?.ToApi(),
        ["parametersNote"] = f?.ParametersNote,
        ["trainingCompute"] = f?.TrainingComputeText,
        ["trainingComputeNote"] = f?.TrainingComputeNote,
        ["domain"] = f?.Domain,
        ["task"] = f?.Task,
    };

    /// <summary>Adds a change record (and the replaced version) for every fact the dataset's rows changed; returns how many.</summary>
    public int Audit(LlmWatchDbContext db, SeedSet set, DateTime now)
    {
        var recorded = 0;
        foreach (var ((kind, slug), before) in _before.OrderBy(b => b.Key.Kind).ThenBy(b => b.Key.Slug, StringComparer.Ordinal))
        {
            SeedFact? after = kind == SubjectType.Model ? set.Models.FirstOrDefault(m => m.Slug == slug) : set.Organizations.FirstOrDefault(o => o.Slug == slug);
            var fields = FactDocuments.Diff(Unnumbered(before.Fact), Unnumbered(after)).Select(f => new FieldChange(f.Field, f.Before, f.After)).ToList();
            if (kind == SubjectType.Model)
            {
                var now_ = Figures(after is null ? null : set.DatasetFigures.GetValueOrDefault(slug));
                foreach (var (field, value) in now_)
                    if (before.Figures.GetValueOrDefault(field) != value) fields.Add(new FieldChange(field, before.Figures.GetValueOrDefault(field), value));
            }
            if (fields.Count == 0) continue;
            var dataset = _datasetOf[(kind, slug)];
            var curator = CuratedWork.DatasetImportCurator + dataset;
            db.ChangeRecords.Add(new ChangeRecord
            {
                RecordedAt = now,
                Action = before.Fact is null ? ChangeAction.Added : after is null ? ChangeAction.Retired : ChangeAction.Changed,
                FactKind = Enum.Parse<FactKind>(kind.ToString()),
                FactKey = slug,
                OrganizationSlug = CurationService.OrganizationOf(after ?? before.Fact),
                SourceId = dataset,
                ProposedById = curator, ProposedByName = curator, ApprovedById = curator, ApprovedByName = curator,
                ReviewerReason = after is null
                    ? "The dataset's newer export no longer holds the row this fact was made from."
                    : "The dataset's newer export changed the row this fact is cited to (rows are matched by model and organisation).",
                Fields = fields,
            });
            if (before.Fact is not null)
                db.FactVersions.Add(new FactVersion
                {
                    Kind = kind, Slug = slug, OrganizationSlug = CurationService.OrganizationOf(before.Fact), Payload = FactDocuments.Serialize(before.Fact),
                    KnownFrom = before.KnownFrom, ValidFrom = before.ValidFrom, RecordedAt = before.RecordedAt ?? now, SupersededAt = now,
                    SupersededFrom = after is null ? null : RowDay(set, slug), Retired = after is null,
                });
            recorded++;
        }
        return recorded;
    }

    // A newer export numbers its rows anew: a row cited by its new number with the same cells is no change to the fact.
    private static SeedFact? Unnumbered(SeedFact? fact) =>
        fact is null ? null : fact with { Citations = fact.Citations.Select(c => c.Row is null ? c : c with { Row = 0 }).ToList() };

    private static DateOnly? RowDay(SeedSet set, string slug)
    {
        if (!set.DatasetFigures.TryGetValue(slug, out var f)) return null;
        var dataset = set.Datasets.First(d => d.SourceId == f.SourceId);
        return DatasetFacts.ParseDate(dataset.Cell(dataset.Rows[f.Row - 1], DatasetFacts.DateColumn));
    }
}
