using LlmWatch.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Data;

/// <summary>Completed equity and founder rounds in one quarter (Quarter null: dated by year only; Year null: undated).</summary>
public sealed record QuarterTotal(int? Year, int? Quarter, int Deals, int DisclosedDeals, int OpenDeals, long MinUsd, long MaxUsd)
{
    public int UndisclosedDeals => Deals - DisclosedDeals;

    /// <summary>The upper bound of the sum, or null when any disclosed amount has none.</summary>
    public long? MaxUsdOrOpen => OpenDeals > 0 ? null : MaxUsd;
}

/// <summary>A camp's raised money in one quarter (Quarter null: dated by year only; Year null: undated).</summary>
public sealed record CampQuarterTotal(int? Year, int? Quarter, Camp Camp, int Deals, int DisclosedDeals, int OpenDeals, long MinUsd, long MaxUsd)
{
    /// <summary>The upper bound of the sum, or null when any disclosed amount has none.</summary>
    public long? MaxUsdOrOpen => OpenDeals > 0 ? null : MaxUsd;
}

/// <summary>Funding by quarter from the FundingQuarters summary: a few hundred rows whatever the number of deals.</summary>
public static partial class FundingSummary
{
    /// <summary>Every quarter with rounds, oldest first, then year-only periods after their year's quarters, undated last.</summary>
    public static async Task<List<QuarterTotal>> ByQuarterAsync(LlmWatchDbContext db, Camp? camp = null, CancellationToken cancellationToken = default)
    {
        RefusePastView(db);
        var rows = db.FundingQuarters.AsNoTracking();
        if (camp is { } c) rows = rows.Where(q => q.Camp == c);
        var totals = await rows
            .GroupBy(q => new { q.Year, q.Quarter })
            .Select(g => new QuarterTotal(g.Key.Year, g.Key.Quarter, g.Sum(q => q.Deals), g.Sum(q => q.DisclosedDeals), g.Sum(q => q.OpenDeals),
                g.Sum(q => q.MinUsd), g.Sum(q => q.MaxUsd)))
            .ToListAsync(cancellationToken);
        return totals
            .OrderBy(t => t.Year is null).ThenBy(t => t.Year).ThenBy(t => t.Quarter is null).ThenBy(t => t.Quarter)
            .ToList();
    }

    /// <summary>Every quarter's raised money by camp, in the order of <see cref="ByQuarterAsync"/>: what a chart stacked by camp draws.</summary>
    public static async Task<List<CampQuarterTotal>> ByQuarterAndCampAsync(LlmWatchDbContext db, CancellationToken cancellationToken = default)
    {
        RefusePastView(db);
        var rows = await db.FundingQuarters.AsNoTracking()
            .Select(q => new CampQuarterTotal(q.Year, q.Quarter, q.Camp, q.Deals, q.DisclosedDeals, q.OpenDeals, q.MinUsd, q.MaxUsd))
            .ToListAsync(cancellationToken);
        return rows
            .OrderBy(t => t.Year is null).ThenBy(t => t.Year).ThenBy(t => t.Quarter is null).ThenBy(t => t.Quarter).ThenBy(t => t.Camp)
            .ToList();
    }
}
