using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Search;
using LlmWatch.Data.Values;
using LlmWatch.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Web.Features.Models;

public sealed record ModelRow(int Id, string Slug, string Name, string? OrganizationSlug, string? OrganizationZh, string? OrganizationEn, PartialDate? ReleasedOn,
    Quantity? Parameters, bool? OpenSource, CommercialUse CommercialUse, string? BaseSlug, string? BaseName, List<CitationView> Citations)
{
    /// <summary>The bases of fields not plainly stated, such as parameters read from the model's name.</summary>
    public IReadOnlyList<FieldBasis> Bases { get; init; } = [];

    /// <summary>Epoch AI's confidence in the row's figures (null: not from the dataset, or the cell is empty).</summary>
    public DatasetConfidence? Confidence { get; init; }

    /// <summary>How the model can be used, as Epoch AI's <c>Model accessibility</c> gives it.</summary>
    public ModelAccessibility? Accessibility { get; init; }

    /// <summary>Every organisation of the model in order (a joint row has several); empty when it has none.</summary>
    public IReadOnlyList<ModelOrganizationView> Organizations { get; init; } = [];
}

public sealed record ModelDetail(ModelRow Model, string? SummaryZh, string? SummaryEn, List<EditorNote> Notes, List<ModelRow> Derived, ModelReport? Report = null);

/// <summary>Parameter-count bands the registry filters by; a model whose range touches a band is in it.</summary>
public enum SizeBand { Small, Medium, Large, Trillion }

public enum ModelSort { Name, Released, Parameters }

/// <summary>The registry's view, for /models and /api/models; <see cref="Search"/> matches the model's name or its organisation's.</summary>
public sealed record ModelFilter(string? Organization, bool? Open, SizeBand? Size, ModelSort Sort, int Page,
    PartialDate? From = null, PartialDate? To = null, string? Search = null, int PageSize = ModelQueries.PageSize, bool IncludeUndated = false,
    int? Year = null, DatasetConfidence? Confidence = null)
{
    /// <summary>The query parameters this view reads, besides page and pageSize: the API refuses others, caches by these, and documents them.</summary>
    public static readonly IReadOnlyList<string> Parameters = ["org", "openSource", "open", "size", "sort", "q", "from", "to", "year", "confidence", FilterQuery.IncludeUndatedName];

    /// <summary>The filters the releases chart shares with the list (the year is the chart's axis, so it is left out).</summary>
    public ModelCriteria Criteria(bool withYear) => new(Organization, withYear ? Year : null, Open, Confidence,
        Size is { } band ? ModelQueries.Bounds(band).Min : null, Size is { } b ? ModelQueries.Bounds(b).Max : null);

    /// <summary>Whether a release-date filter leaves out models whose release date is not known.</summary>
    public bool FiltersRelease => From is not null || To is not null;

    /// <summary>The view the query string asks for, given the slug of the organisation found for it (null: not found).</summary>
    public static ModelFilter Parse(FilterQuery q, string? foundOrganization)
    {
        var (from, to) = q.Dates();
        var open = q.Bool("openSource") ?? q.Bool("open");
        return new ModelFilter(q.Found("org", foundOrganization), open, q.Enum<SizeBand>("size"), q.Enum<ModelSort>("sort") ?? ModelSort.Name,
            q.Page(), from, to, q.Search(), q.PageSize(ModelQueries.PageSize), q.IncludeUndated(), q.Year("year"), q.Enum<DatasetConfidence>("confidence"));
    }
}

public sealed class ModelQueries(IDbContextFactory<LlmWatchDbContext> dbFactory)
{
    public const int PageSize = 50;

    public static (long Min, long? Max) Bounds(SizeBand band) => band switch
    {
        SizeBand.Small => (0, 9_999_999_999),
        SizeBand.Medium => (10_000_000_000, 99_999_999_999),
        SizeBand.Large => (100_000_000_000, 999_999_999_999),
        _ => (1_000_000_000_000, null),
    };

    /// <summary>Up to <see cref="FilterLookup.Limit"/> organisations with models whose names contain the text, for the filter: one query.</summary>
    public Task<List<FilterOption>> SearchOrganizationsAsync(string? text, CancellationToken ct = default) =>
        FilterLookup.SearchAsync(dbFactory, WithModels, text, ct);

    /// <summary>The organisation the address names, if it has models: one query.</summary>
    public Task<FilterOption?> FindOrganizationAsync(string slug, CancellationToken ct = default) =>
        FilterLookup.FindAsync(dbFactory, WithModels, slug, ct);

    private static IQueryable<Organization> WithModels(LlmWatchDbContext db) => db.Organizations.Where(o => db.ModelOrganizations.Any(l => l.OrganizationId == o.Id));

    /// <summary>The filter the query string asks for, its organisation looked up: a query when one is given.</summary>
    public async Task<ModelFilter> ParseAsync(FilterQuery q, CancellationToken ct = default) =>
        ModelFilter.Parse(q, q["org"] is { } org ? (await FindOrganizationAsync(org, ct))?.Slug : null);

    /// <summary>A sorted, filtered page of the registry with citations: three queries.</summary>
    public async Task<Paged<ModelRow>> GetPageAsync(ModelFilter f, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Models.AsQueryable();
        query = Filtered(db, query, f);
        var range = DateRange.Overlapping(f.From, f.To);
        if (range.AtLeast is { } atLeast)
            query = f.IncludeUndated
                ? query.Where(m => m.ReleasedOn == null || m.ReleasedOn >= atLeast || m.ReleasedOn == range.Year || m.ReleasedOn == range.Month)
                : query.Where(m => m.ReleasedOn >= atLeast || m.ReleasedOn == range.Year || m.ReleasedOn == range.Month);
        if (range.AtMost is { } atMost) query = f.IncludeUndated ? query.Where(m => m.ReleasedOn == null || m.ReleasedOn <= atMost) : query.Where(m => m.ReleasedOn <= atMost);
        var total = await query.CountAsync(ct);
        var page = Paging.Clamp(f.Page, total, f.PageSize);
        query = f.Sort switch
        {
            ModelSort.Released => query.OrderBy(m => m.ReleasedOn == null).ThenByDescending(m => m.ReleasedOn).ThenBy(m => m.Name),
            ModelSort.Parameters => query.OrderBy(m => m.Parameters == null).ThenByDescending(m => m.Parameters!.Min).ThenBy(m => m.Name),
            _ => query.OrderBy(m => m.Name),
        };
        var rows = await Project(query.Skip(Paging.Skip(page, f.PageSize)).Take(f.PageSize)).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var citations = await Citations.ForAsync(db, SubjectType.Model, ids, ct);
        var organizations = await DatasetQueries.OrganizationsOfAsync(db, ids, ct);
        return new Paged<ModelRow>(rows.Select(r => r with { Citations = citations.Of(r.Id), Organizations = organizations[r.Id].ToList() }).ToList(), total, page, f.PageSize);
    }

    /// <summary>Models released per year and organisation under the list's filters but its year (the chart's axis): one query.</summary>
    public async Task<List<ReleasesInYear>> ReleasesAsync(ModelFilter f, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await DatasetQueries.ReleasesPerYearAsync(db, f.Criteria(withYear: false), ct);
    }

    /// <summary>With a release-date filter, how many models the other filters keep whose release date is not known: one query. Null without one.</summary>
    public async Task<int?> UndatedAsync(ModelFilter f, CancellationToken ct = default)
    {
        if (!f.FiltersRelease) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Filtered(db, db.Models.AsQueryable(), f).Where(m => m.ReleasedOn == null).CountAsync(ct);
    }

    /// <summary>Every filter but the release dates.</summary>
    private static IQueryable<Model> Filtered(LlmWatchDbContext db, IQueryable<Model> query, ModelFilter f)
    {
        // An organisation matches every model it made or co-made (a joint row counts for each of its organisations).
        query = query.Matching(db, new ModelCriteria(f.Organization, f.Year, f.Open, f.Confidence));
        if (f.Size is { } size)
        {
            var (min, max) = Bounds(size);
            query = max is { } hi
                ? query.Where(m => m.Parameters != null && m.Parameters.Min <= hi && (m.Parameters.Max == null || m.Parameters.Max >= min))
                : query.Where(m => m.Parameters != null && (m.Parameters.Max == null || m.Parameters.Max >= min));
        }
        if (f.Search is { } search)
        {
            var pattern = OrganizationSearch.ContainsPattern(search);
            var organizations = db.Organizations.Search(db, search).Select(o => o.Id);
            query = query.Where(m => EF.Functions.Like(m.Name, pattern, "\\") || (m.OrganizationId != null && organizations.Contains(m.OrganizationId.Value)));
        }
        return query;
    }

    /// <summary>A model, the models built on it, and its citations: three queries.</summary>
    public async Task<ModelDetail?> GetAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var model = await db.Models.Where(m => m.Slug == slug)
            .Select(m => new { Row = new ModelRow(m.Id, m.Slug, m.Name, m.Organization == null ? null : m.Organization.Slug, m.Organization == null ? null : m.Organization.NameZh,
                m.Organization == null ? null : m.Organization.NameEn, m.ReleasedOn, m.Parameters, m.OpenSource, m.CommercialUse,
                m.BaseModel == null ? null : m.BaseModel.Slug, m.BaseModel == null ? null : m.BaseModel.Name, new List<CitationView>())
                { Bases = m.Bases, Confidence = m.Confidence, Accessibility = m.Accessibility }, m.SummaryZh, m.SummaryEn, m.Notes })
            .FirstOrDefaultAsync(ct);
        if (model is null) return null;
        var derived = await Project(db.Models.Where(m => m.BaseModelId == model.Row.Id).OrderBy(m => m.Name)).ToListAsync(ct);
        var citations = await Citations.ForAsync(db, SubjectType.Model, [model.Row.Id], ct);
        var organizations = await DatasetQueries.OrganizationsOfAsync(db, [model.Row.Id], ct);
        var reports = await DatasetQueries.ReportsAsync(db, [model.Row.Id], ct);
        return new ModelDetail(model.Row with { Citations = citations.Of(model.Row.Id), Organizations = organizations[model.Row.Id].ToList() },
            model.SummaryZh, model.SummaryEn, model.Notes, derived, reports.GetValueOrDefault(model.Row.Id));
    }

    private static IQueryable<ModelRow> Project(IQueryable<Model> models) => models.Select(m => new ModelRow(m.Id, m.Slug, m.Name,
        m.Organization == null ? null : m.Organization.Slug, m.Organization == null ? null : m.Organization.NameZh, m.Organization == null ? null : m.Organization.NameEn,
        m.ReleasedOn, m.Parameters, m.OpenSource, m.CommercialUse, m.BaseModel == null ? null : m.BaseModel.Slug, m.BaseModel == null ? null : m.BaseModel.Name,
        new List<CitationView>()) { Bases = m.Bases, Confidence = m.Confidence, Accessibility = m.Accessibility });
}
