using LlmWatch.Data.Entities;
using LlmWatch.Data.Search;
using LlmWatch.Data.Values;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Data;

/// <summary>What the registry may be narrowed by beyond its own filters: an organisation (joint work included), a release year, open weights, a confidence, a parameter range.</summary>
public sealed record ModelCriteria(
    string? Organization = null, int? Year = null, bool? OpenWeights = null, DatasetConfidence? Confidence = null,
    long? MinParameters = null, long? MaxParameters = null);

/// <summary>One organisation of a model, in order (0: the model's own).</summary>
public sealed record ModelOrganizationView(int ModelId, string Slug, string NameZh, string NameEn, int Ordinal);

/// <summary>How many models an organisation released in a year (a joint model counts for each of its organisations).</summary>
public sealed record ReleasesInYear(int Year, string OrganizationSlug, string NameZh, string NameEn, int Models);

/// <summary>A dataset source's description: what its page heads the table with, and the credit its licence asks for.</summary>
public sealed record DatasetSourceView(string Id, string Title, string Publisher, string? Url, string? Licence, string? Credit, DateOnly? RetrievedOn,
    IReadOnlyList<string> Columns, int Rows, string? Note);

/// <summary>A fact citing cells of a dataset row: which row, which columns, the quote, and the fact (its kind, slug and name).</summary>
public sealed record RowCitation(int Row, IReadOnlyList<string> Columns, string Quote, SubjectType SubjectType, int SubjectId, string Slug, string Name);

/// <summary>One dataset row as its source page shows it: its cells verbatim, and the facts citing them.</summary>
public sealed record DatasetRowView(int Number, int Line, DateOnly? PublishedOn, string? Link, string? Reference, IReadOnlyList<string> Cells,
    IReadOnlyList<RowCitation> Citations);

/// <summary>Where a model's dataset figures come from: the row, its own date and reference, the dataset and its credit.</summary>
public sealed record ModelReport(int ModelId, string SourceId, string Publisher, string? Credit, int Row, DateOnly? PublishedOn, string? Link, string? Reference,
    DatasetConfidence? Confidence, ModelAccessibility? Accessibility, string? ParametersNote, double? TrainingCompute, string? TrainingComputeText,
    string? TrainingComputeNote, string? Domain, string? Task);

/// <summary>
/// The reads the pages need of a dataset source and of what its rows made. Every one goes through the context's query filters,
/// so <c>asOf</c> holds (<see cref="AsOfScope"/>): a row, a citation into it and a model it made count from the row's own date.
/// </summary>
public static class DatasetQueries
{
    /// <summary>Open weights, whatever the terms.</summary>
    public static readonly IReadOnlyList<ModelAccessibility> OpenWeights =
        [ModelAccessibility.OpenWeightsUnrestricted, ModelAccessibility.OpenWeightsRestrictedUse, ModelAccessibility.OpenWeightsNonCommercial];

    /// <summary>The models matching <paramref name="c"/>: an organisation by any of its models' organisations (joint work included), a year by the release date.</summary>
    public static IQueryable<Model> Matching(this IQueryable<Model> models, LlmWatchDbContext db, ModelCriteria c)
    {
        if (c.Organization is { } org)
            models = models.Where(m => db.ModelOrganizations.Any(l => l.ModelId == m.Id && l.Organization.Slug == org));
        if (c.Year is { } year)
        {
            var from = new PartialDate(year);
            var to = new PartialDate(year + 1);
            models = models.Where(m => m.ReleasedOn != null && m.ReleasedOn >= from && m.ReleasedOn < to);
        }
        if (c.OpenWeights is { } open) models = models.Where(m => m.OpenSource == open);
        if (c.Confidence is { } confidence) models = models.Where(m => m.Confidence == confidence);
        if (c.MinParameters is { } min) models = models.Where(m => m.Parameters != null && (m.Parameters.Max == null || m.Parameters.Max >= min));
        if (c.MaxParameters is { } max) models = models.Where(m => m.Parameters != null && m.Parameters.Min <= max);
        return models;
    }

    /// <summary>Every organisation of each model, in order: one query.</summary>
    public static async Task<ILookup<int, ModelOrganizationView>> OrganizationsOfAsync(LlmWatchDbContext db, IReadOnlyCollection<int> modelIds, CancellationToken ct = default)
    {
        var links = await db.ModelOrganizations.Where(l => modelIds.Contains(l.ModelId)).OrderBy(l => l.ModelId).ThenBy(l => l.Ordinal)
            .Select(l => new ModelOrganizationView(l.ModelId, l.Organization.Slug, l.Organization.NameZh, l.Organization.NameEn, l.Ordinal)).ToListAsync(ct);
        return links.ToLookup(l => l.ModelId);
    }

    /// <summary>The models an organisation made or co-made, newest first (undated last): one query.</summary>
    public static Task<List<Model>> ModelsOfAsync(LlmWatchDbContext db, string organizationSlug, CancellationToken ct = default) =>
        db.Models.Where(m => db.ModelOrganizations.Any(l => l.ModelId == m.Id && l.Organization.Slug == organizationSlug))
            .OrderBy(m => m.ReleasedOn == null).ThenByDescending(m => m.ReleasedOn).ThenBy(m => m.Name).ToListAsync(ct);

    /// <summary>Models released per year and organisation (joint work counted for each), for the releases chart and its table: one query.</summary>
    public static async Task<List<ReleasesInYear>> ReleasesPerYearAsync(LlmWatchDbContext db, ModelCriteria? criteria = null, CancellationToken ct = default)
    {
        var models = db.Models.Where(m => m.ReleasedOn != null);
        if (criteria is not null) models = models.Matching(db, criteria);
        var pairs = await db.ModelOrganizations.Where(l => models.Any(m => m.Id == l.ModelId))
            .GroupBy(l => new { l.Model.ReleasedOn, l.Organization.Slug, l.Organization.NameZh, l.Organization.NameEn })
            .Select(g => new { g.Key.ReleasedOn, g.Key.Slug, g.Key.NameZh, g.Key.NameEn, Count = g.Count() }).ToListAsync(ct);
        return pairs.GroupBy(p => (p.ReleasedOn!.Value.Year, p.Slug, p.NameZh, p.NameEn))
            .Select(g => new ReleasesInYear(g.Key.Year, g.Key.Slug, g.Key.NameZh, g.Key.NameEn, g.Sum(p => p.Count)))
            .OrderBy(r => r.Year).ThenByDescending(r => r.Models).ThenBy(r => r.OrganizationSlug, StringComparer.Ordinal).ToList();
    }

    /// <summary>The organisations (with their camps) that have a model released after <paramref name="after"/> (a day; a month- or year-dated release counts from its first day after it): one query.</summary>
    public static async Task<Dictionary<string, Camp>> ShippedAfterAsync(LlmWatchDbContext db, DateOnly after, CancellationToken ct = default)
    {
        // Partial dates compare as text: from the year of the day on, then by the period's first day.
        var year = new PartialDate(after.Year);
        var links = await db.ModelOrganizations.Where(l => l.Model.ReleasedOn != null && l.Model.ReleasedOn >= year)
            .Select(l => new { l.Organization.Slug, l.Organization.Camp, l.Model.ReleasedOn }).ToListAsync(ct);
        return links.Where(l => l.ReleasedOn!.Value.Start > after).DistinctBy(l => l.Slug).ToDictionary(l => l.Slug, l => l.Camp, StringComparer.Ordinal);
    }

    /// <summary>A dataset source's description, or null when there is none with this id (or it is an article): one query.</summary>
    public static Task<DatasetSourceView?> SourceAsync(LlmWatchDbContext db, string sourceId, CancellationToken ct = default) =>
        db.Sources.Where(s => s.Id == sourceId && s.Kind == SourceKind.Dataset)
            .Select(s => new DatasetSourceView(s.Id, s.Title, s.Publisher, s.Url, s.Licence, s.Credit, s.RetrievedOn, s.Columns,
                db.DatasetRows.Count(r => r.SourceId == s.Id), s.Note))
            .FirstOrDefaultAsync(ct);

    /// <summary>The page of the dataset's rows (those matching <paramref name="search"/>) that holds row <paramref name="row"/>, counted under the view: one query.</summary>
    public static async Task<int> PageOfRowAsync(LlmWatchDbContext db, string sourceId, string? search, int row, int pageSize, CancellationToken ct = default)
    {
        var before = await Searched(db, sourceId, search).CountAsync(r => r.Number < row, ct);
        return before / pageSize + 1;
    }

    private static IQueryable<DatasetRow> Searched(LlmWatchDbContext db, string sourceId, string? search)
    {
        var rows = db.DatasetRows.Where(r => r.SourceId == sourceId);
        if (string.IsNullOrWhiteSpace(search)) return rows;
        var pattern = OrganizationSearch.ContainsPattern(search.Trim().ToLowerInvariant());
        return rows.Where(r => EF.Functions.Like(r.SearchText, pattern, "\\"));
    }

    /// <summary>
    /// A page of a dataset's rows in file order, those whose cells contain <paramref name="search"/> (any case) when given, each
    /// with the facts citing its cells: three queries.
    /// </summary>
    public static async Task<Paged<DatasetRowView>> RowsAsync(LlmWatchDbContext db, string sourceId, string? search, int page, int pageSize, CancellationToken ct = default)
    {
        var rows = Searched(db, sourceId, search);
        var total = await rows.CountAsync(ct);
        page = Paging.Clamp(page, total, pageSize);
        var items = await rows.OrderBy(r => r.Number).Skip(Paging.Skip(page, pageSize)).Take(pageSize).ToListAsync(ct);
        var citations = (await CitationsOfRowsAsync(db, sourceId, items.Select(r => r.Number).ToList(), ct)).ToLookup(c => c.Row);
        return new Paged<DatasetRowView>(items.Select(r => new DatasetRowView(r.Number, r.Line, r.PublishedOn, r.Link, r.Reference, r.Cells,
            citations[r.Number].ToList())).ToList(), total, page, pageSize);
    }

    /// <summary>The facts citing cells of the given rows of a dataset (models and organisations, with their names): two queries.</summary>
    public static async Task<List<RowCitation>> CitationsOfRowsAsync(LlmWatchDbContext db, string sourceId, IReadOnlyCollection<int> rows, CancellationToken ct = default)
    {
        var citations = await db.Citations.Where(c => c.SourceId == sourceId && c.Row != null && rows.Contains(c.Row.Value))
            .OrderBy(c => c.Row).ThenBy(c => c.SubjectType).ThenBy(c => c.SubjectId).ThenBy(c => c.Ordinal)
            .Select(c => new { Row = c.Row!.Value, c.Columns, c.Quote, c.SubjectType, c.SubjectId }).ToListAsync(ct);
        var modelIds = citations.Where(c => c.SubjectType == SubjectType.Model).Select(c => c.SubjectId).Distinct().ToList();
        var organizationIds = citations.Where(c => c.SubjectType == SubjectType.Organization).Select(c => c.SubjectId).Distinct().ToList();
        var models = await db.Models.Where(m => modelIds.Contains(m.Id)).Select(m => new { m.Id, m.Slug, m.Name }).ToDictionaryAsync(m => m.Id, ct);
        var organizations = await db.Organizations.Where(o => organizationIds.Contains(o.Id)).Select(o => new { o.Id, o.Slug, o.NameEn }).ToDictionaryAsync(o => o.Id, ct);
        var result = new List<RowCitation>();
        foreach (var c in citations)
        {
            var (slug, name) = c.SubjectType switch
            {
                SubjectType.Model when models.TryGetValue(c.SubjectId, out var m) => (m.Slug, m.Name),
                SubjectType.Organization when organizations.TryGetValue(c.SubjectId, out var o) => (o.Slug, o.NameEn),
                _ => (null, null),
            };
            if (slug is not null) result.Add(new RowCitation(c.Row, c.Columns ?? [], c.Quote, c.SubjectType, c.SubjectId, slug, name!));
        }
        return result;
    }

    /// <summary>Where each model's dataset figures come from (its row, that row's date and reference, the dataset's credit), for models that have one: one query.</summary>
    public static async Task<Dictionary<int, ModelReport>> ReportsAsync(LlmWatchDbContext db, IReadOnlyCollection<int> modelIds, CancellationToken ct = default)
    {
        var reports = await db.Models.Where(m => modelIds.Contains(m.Id) && m.DatasetRow != null)
            .Select(m => new ModelReport(m.Id, m.DatasetRow!.SourceId,
                db.Sources.Where(s => s.Id == m.DatasetRow.SourceId).Select(s => s.Publisher).First(),
                db.Sources.Where(s => s.Id == m.DatasetRow.SourceId).Select(s => s.Credit).First(),
                m.DatasetRow.Number, m.DatasetRow.PublishedOn, m.DatasetRow.Link, m.DatasetRow.Reference, m.Confidence, m.Accessibility,
                m.ParametersNote, m.TrainingCompute, m.TrainingComputeText, m.TrainingComputeNote, m.Domain, m.Task))
            .ToListAsync(ct);
        return reports.ToDictionary(r => r.ModelId);
    }
}
