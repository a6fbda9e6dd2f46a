using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Data;

/// <summary>
/// The funding summary under asOf or recordedAt: the summary table holds today's rounds, so a past view sums the rounds its
/// context's filters keep, by the same rule as the table's rebuild (<see cref="FundingQuarterSums"/>). Today's view reads the table.
/// </summary>
public static partial class FundingSummary
{
    public static async Task<List<QuarterTotal>> ByQuarterAsync(LlmWatchDbContext db, FxRates rates, Camp? camp = null, CancellationToken cancellationToken = default)
    {
        if (db.View.IsToday) return await ByQuarterAsync(db, camp, cancellationToken);
        return (await PastQuartersAsync(db, rates, cancellationToken)).Where(q => camp is null || q.Camp == camp)
            .GroupBy(q => new { q.Year, q.Quarter })
            .Select(g => new QuarterTotal(g.Key.Year, g.Key.Quarter, g.Sum(q => q.Deals), g.Sum(q => q.DisclosedDeals), g.Sum(q => q.OpenDeals),
                g.Sum(q => q.MinUsd), g.Sum(q => q.MaxUsd)))
            .OrderBy(t => t.Year is null).ThenBy(t => t.Year).ThenBy(t => t.Quarter is null).ThenBy(t => t.Quarter)
            .ToList();
    }

    public static async Task<List<CampQuarterTotal>> ByQuarterAndCampAsync(LlmWatchDbContext db, FxRates rates, CancellationToken cancellationToken = default)
    {
        if (db.View.IsToday) return await ByQuarterAndCampAsync(db, cancellationToken);
        return (await PastQuartersAsync(db, rates, cancellationToken))
            .Select(q => new CampQuarterTotal(q.Year, q.Quarter, q.Camp, q.Deals, q.DisclosedDeals, q.OpenDeals, q.MinUsd, q.MaxUsd))
            .OrderBy(t => t.Year is null).ThenBy(t => t.Year).ThenBy(t => t.Quarter is null).ThenBy(t => t.Quarter).ThenBy(t => t.Camp)
            .ToList();
    }

    private static async Task<List<FundingQuarter>> PastQuartersAsync(LlmWatchDbContext db, FxRates rates, CancellationToken cancellationToken)
    {
        var rounds = await db.Deals.AsNoTracking().WhereRaised()
            .Select(d => new { d.Date, d.Organization.Camp, d.Amount, d.Kind })
            .ToListAsync(cancellationToken);
        return FundingQuarterSums.Sum(rounds.Select(r => new RaisedRound(r.Date?.ToString(), r.Camp.ToString(), r.Amount?.Currency,
            r.Amount?.Min ?? 0, r.Amount?.Max, r.Kind.ToString())), rates);
    }

    // The summary table is today's: a past view reading it would show rounds not yet known then.
    private static void RefusePastView(LlmWatchDbContext db)
    {
        if (!db.View.IsToday)
            throw new InvalidOperationException("FundingSummary under asOf or recordedAt sums the filtered rounds: call the overload that takes FxRates.");
    }
}
