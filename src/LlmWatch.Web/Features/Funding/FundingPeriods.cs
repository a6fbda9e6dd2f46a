using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;

namespace LlmWatch.Web.Features.Funding;

/// <summary>A camp's share of a period: the sum of disclosed lower and upper bounds in US dollars (Max null: open), and how many deals.</summary>
public sealed record CampAmount(Camp Camp, long MinUsd, long? MaxUsd, int Deals);

/// <summary>
/// One column of the funding chart. <see cref="YearOnly"/> holds deals dated only to the year: they are not spread into
/// a quarter they may not belong to but stand in their own column after the year's quarters.
/// </summary>
public sealed record FundingPeriod(int Year, int? Quarter, List<CampAmount> Camps, int Undisclosed)
{
    public bool YearOnly => Quarter is null;
    public long MinUsd => Camps.Sum(c => c.MinUsd);
    public long? MaxUsd => Camps.Any(c => c.MaxUsd is null) ? null : Camps.Sum(c => c.MaxUsd!.Value);
}

public static class FundingPeriods
{
    /// <summary>Groups dated deals by quarter (or year-only); undated deals are left out and counted by the caller.</summary>
    public static List<FundingPeriod> Group(IEnumerable<DealPoint> points, FxRates rates) =>
        points.Where(p => p.Date is not null)
            .GroupBy(p => (p.Date!.Value.Year, Quarter: p.Date.Value.Month is { } m ? (m - 1) / 3 + 1 : (int?)null))
            .OrderBy(g => g.Key.Year).ThenBy(g => g.Key.Quarter ?? 5)
            .Select(g => new FundingPeriod(g.Key.Year, g.Key.Quarter,
                g.Where(p => p.Amount is not null).GroupBy(p => p.Camp).OrderBy(c => c.Key)
                    .Select(c =>
                    {
                        var converted = c.Select(p => rates.Convert(p.Amount!, "USD", p.Date!.Value)).ToList();
                        return new CampAmount(c.Key, converted.Sum(x => x.Min), converted.Any(x => x.Max is null) ? null : converted.Sum(x => x.Max!.Value), converted.Count);
                    })
                    .ToList(),
                g.Count(p => p.Amount is null)))
            .ToList();
}
