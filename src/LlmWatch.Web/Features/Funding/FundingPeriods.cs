using System.Text.Json.Serialization;
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
    // Derived, so left out of the state the prerender hands the circuit.
    [JsonIgnore] public bool YearOnly => Quarter is null;
    [JsonIgnore] public long MinUsd => Camps.Sum(c => c.MinUsd);
    [JsonIgnore] public long? MaxUsd => Camps.Any(c => c.MaxUsd is null) ? null : Camps.Sum(c => c.MaxUsd!.Value);
}

public static class FundingPeriods
{
    /// <summary>
    /// Groups dated deals by quarter (or year-only); undated deals are left out and counted by the caller. Each group's amounts share a date
    /// and a currency, so they convert as one sum at that date's rate.
    /// </summary>
    public static List<FundingPeriod> Group(IEnumerable<DealGroup> groups, FxRates rates) =>
        groups.Where(g => g.Date is not null)
            .GroupBy(g => (g.Date!.Value.Year, Quarter: g.Date.Value.Month is { } m ? (m - 1) / 3 + 1 : (int?)null))
            .OrderBy(p => p.Key.Year).ThenBy(p => p.Key.Quarter ?? 5)
            .Select(p => new FundingPeriod(p.Key.Year, p.Key.Quarter,
                p.Where(g => g.Amount is not null).GroupBy(g => g.Camp).OrderBy(c => c.Key)
                    .Select(c =>
                    {
                        var converted = c.Select(g => rates.Convert(g.Amount!, "USD", g.Date!.Value)).ToList();
                        return new CampAmount(c.Key, converted.Sum(x => x.Min), converted.Any(x => x.Max is null) ? null : converted.Sum(x => x.Max!.Value), c.Sum(g => g.Deals));
                    })
                    .ToList(),
                p.Where(g => g.Amount is null).Sum(g => g.Deals)))
            .ToList();
}
