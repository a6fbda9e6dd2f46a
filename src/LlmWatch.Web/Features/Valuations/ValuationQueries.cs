using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;
using LlmWatch.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Web.Features.Valuations;

/// <summary>A valuation the source states, from the deal that carries it.</summary>
public sealed record ValuationPoint(int DealId, string CompanySlug, string CompanyZh, string CompanyEn, Camp Camp, PartialDate? Date, Money Valuation,
    bool RaisingAt, List<CitationView> Citations);

/// <summary>One page of the leaderboard (each company's latest valuation, with its citations) and every stated valuation of those companies.</summary>
public sealed record ValuationsResult(Paged<ValuationPoint> Latest, List<ValuationPoint> History);

/// <summary>The leaderboard's view: which camp, which page.</summary>
public sealed record ValuationFilter(Camp? Camp, int Page)
{
    /// <summary>The query parameters this filter reads (the page reads "currency" beside it, a way of showing, not a filter).</summary>
    public static readonly IReadOnlyList<string> Parameters = ["camp", "page"];

    public static ValuationFilter Parse(FilterQuery q) => new(q.Enum<Camp>("camp"), q.Page());
}

public sealed class ValuationQueries(IDbContextFactory<LlmWatchDbContext> dbFactory)
{
    /// <summary>Companies a page ranks, and so draws in the history chart: more lines would not be told apart.</summary>
    public const int PageSize = 10;

    /// <summary>
    /// The companies ranked by the lower bound of their latest valuation in US dollars (the indexed Organization.LatestValuationUsd), one page of
    /// them with every valuation they stated, and the latest ones' citations: three queries whatever the data size.
    /// </summary>
    public async Task<ValuationsResult> GetPageAsync(ValuationFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var valued = db.Organizations.Where(o => o.LatestValuationUsd != null);
        if (filter.Camp is { } c) valued = valued.Where(o => o.Camp == c);
        var total = await valued.CountAsync(ct);
        var page = Paging.Clamp(filter.Page, total, PageSize);

        var shown = valued.OrderByDescending(o => o.LatestValuationUsd).ThenBy(o => o.Slug)
            .Skip(Paging.Skip(page, PageSize)).Take(PageSize)
            .Select(o => o.Id);
        var rows = await db.Deals.Where(d => d.Valuation != null && shown.Contains(d.OrganizationId))
            .Select(d => new
            {
                Point = new ValuationPoint(d.Id, d.Organization.Slug, d.Organization.NameZh, d.Organization.NameEn, d.Organization.Camp, d.Date, d.Valuation!,
                    d.ValuationIsRaisingAt, new List<CitationView>()),
                d.Organization.LatestValuationUsd,
            })
            .ToListAsync(ct);
        var history = rows.OrderByDescending(r => r.LatestValuationUsd).ThenBy(r => r.Point.CompanySlug, StringComparer.Ordinal)
            .ThenBy(r => r.Point.Date?.Start ?? DateOnly.MinValue).ThenBy(r => r.Point.DealId)
            .Select(r => r.Point)
            .ToList();
        var latest = Latest(history);
        var citations = await Citations.ForAsync(db, SubjectType.Deal, latest.Select(p => p.DealId).ToList(), ct);
        return new ValuationsResult(new Paged<ValuationPoint>(latest.Select(p => p with { Citations = citations.Of(p.DealId) }).ToList(), total, page, PageSize), history);
    }

    /// <summary>
    /// Each company's latest valuation, in the order the companies come, by the rule of Organization.LatestValuationUsd, so the figure shown
    /// is the one the ranking used; <paramref name="points"/> come in date then deal order, so ties keep the deal given later.
    /// </summary>
    public static List<ValuationPoint> Latest(IEnumerable<ValuationPoint> points) =>
        points.GroupBy(p => p.CompanySlug)
            .Select(g => OrganizationFigures.LatestValuation(g.Select(p => new DealFigures(default, default, p.Date, null, p.Valuation, p.DealId))) is { } latest
                ? g.First(p => p.DealId == latest.Id)
                : g.Last())
            .ToList();
}
