using System.Text.Json.Serialization;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;

namespace LlmWatch.Web.Features.Funding;

/// <summary>A camp's share of a period: the sum of disclosed lower and upper bounds in US dollars (Max null: open), and how many deals.</summary>
public sealed record CampAmount(Camp Camp, long MinUsd, long? MaxUsd, int Deals);

/// <summary>A period's deals that do not count as raised: drawn in a lane of their own, never added to the raised total.</summary>
public sealed record NotRaisedAmount(long MinUsd, long? MaxUsd, int Deals, int Disclosed);

/// <summary>
/// One column of the funding chart: the money raised, stacked by camp, and beside it what was not raised. <see cref="YearOnly"/> holds deals
/// dated only to the year: they are not spread into a quarter they may not belong to but stand in their own column after the year's quarters.
/// <see cref="Undated"/> (Year null) holds the deals whose date the source does not state, last.
/// </summary>
public sealed record FundingPeriod(int? Year, int? Quarter, List<CampAmount> Camps, int Undisclosed, NotRaisedAmount? NotRaised = null)
{
    // Derived, so left out of the state the prerender hands the circuit.
    [JsonIgnore] public bool Undated => Year is null;
    [JsonIgnore] public bool YearOnly => Year is not null && Quarter is null;
    [JsonIgnore] public long MinUsd => Camps.Sum(c => c.MinUsd);
    [JsonIgnore] public long? MaxUsd => Camps.Any(c => c.MaxUsd is null) ? null : Camps.Sum(c => c.MaxUsd!.Value);
}

public static class FundingPeriods
{
    /// <summary>
    /// Groups deals by quarter (or year-only, or undated last). Raised money is summed by camp; the rest is summed apart. Each group's
    /// amounts share a date and a currency, so they convert as one sum at that date's rate, as the overview's summary does.
    /// </summary>
    public static List<FundingPeriod> Group(IEnumerable<DealGroup> groups, FxRates rates) =>
        groups
            .GroupBy(g => (g.Date?.Year, Quarter: g.Date is { Month: { } m } ? (m - 1) / 3 + 1 : (int?)null))
            .OrderBy(p => p.Key.Year is null).ThenBy(p => p.Key.Year).ThenBy(p => p.Key.Quarter ?? 5)
            .Select(p =>
            {
                var raised = p.Where(g => g.Raised).ToList();
                var other = p.Where(g => !g.Raised).ToList();
                return new FundingPeriod(p.Key.Year, p.Key.Quarter,
                    raised.Where(g => g.Currency is not null).GroupBy(g => g.Camp).OrderBy(c => c.Key)
                        .Select(c =>
                        {
                            var converted = c.Select(g => g.Usd(rates)!).ToList();
                            return new CampAmount(c.Key, converted.Sum(x => x.Min), converted.Any(x => x.Max is null) ? null : converted.Sum(x => x.Max!.Value), c.Sum(g => g.Deals));
                        })
                        .ToList(),
                    raised.Where(g => g.Currency is null).Sum(g => g.Deals),
                    other.Count == 0 ? null : NotRaised(other, rates));
            })
            .ToList();

    private static NotRaisedAmount NotRaised(List<DealGroup> groups, FxRates rates)
    {
        var converted = groups.Select(g => g.Usd(rates)).OfType<ConvertedMoney>().ToList();
        return new NotRaisedAmount(converted.Sum(x => x.Min), converted.Any(x => x.Max is null) ? null : converted.Sum(x => x.Max!.Value),
            groups.Sum(g => g.Deals), groups.Where(g => g.Currency is not null).Sum(g => g.Deals));
    }
}
