using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;
using LlmWatch.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Web.Features.Valuations;

/// <summary>A valuation the source states, from the deal that carries it.</summary>
public sealed record ValuationPoint(int DealId, string CompanySlug, string CompanyZh, string CompanyEn, Camp Camp, PartialDate? Date, Money Valuation,
    bool RaisingAt, List<CitationView> Citations);

public sealed class ValuationQueries(IDbContextFactory<LlmWatchDbContext> dbFactory)
{
    /// <summary>Every stated valuation with its citations: two queries whatever the data size (valuations are few per company).</summary>
    public async Task<List<ValuationPoint>> GetAllAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Deals.Where(d => d.Valuation != null)
            .OrderBy(d => d.Organization.Slug).ThenBy(d => d.Date)
            .Select(d => new ValuationPoint(d.Id, d.Organization.Slug, d.Organization.NameZh, d.Organization.NameEn, d.Organization.Camp, d.Date, d.Valuation!,
                d.ValuationIsRaisingAt, new List<CitationView>()))
            .ToListAsync(ct);
        var citations = await Citations.ForAsync(db, SubjectType.Deal, rows.Select(r => r.DealId).ToList(), ct);
        return rows.Select(r => r with { Citations = citations.Of(r.DealId) }).ToList();
    }

    /// <summary>Each company's latest valuation (by date; undated ones count as oldest), largest lower bound in US dollars first.</summary>
    public static List<ValuationPoint> Latest(IEnumerable<ValuationPoint> points, FxRates rates) =>
        points.GroupBy(p => p.CompanySlug)
            .Select(g => g.OrderByDescending(p => p.Date.HasValue).ThenByDescending(p => p.Date).First())
            .OrderByDescending(p => rates.Convert(p.Valuation, "USD", p.Date ?? DefaultDate).Min)
            .ToList();

    /// <summary>The article's date: the rate used for a valuation the source does not date.</summary>
    public static readonly PartialDate DefaultDate = new(2023, 8);
}
