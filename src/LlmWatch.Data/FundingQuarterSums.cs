using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;

namespace LlmWatch.Data;

/// <summary>One raised round as the quarter sums read it: its date, its camp (its organisation's), its amount's currency and bounds.</summary>
public readonly record struct RaisedRound(string? Date, string Camp, string? Currency, long Min, long? Max, string Kind);

/// <summary>Raised rounds of one date, camp, currency and kind: their summed bounds, how many have no upper bound, how many there are.</summary>
public readonly record struct RaisedGroup(string? Date, string Camp, string? Currency, string Kind, long Min, long Max, int Open, int Deals);

/// <summary>
/// Sums raised rounds by quarter and camp (see <see cref="FundingQuarter"/>): amounts per date, camp, currency and kind, each sum
/// converted once (<see cref="OrganizationFigures.SumUsd"/>). The one rule for the summary table's rebuild and for a past view's
/// summary (<see cref="FundingSummary"/> under asOf), so that the two agree to the dollar.
/// </summary>
public static class FundingQuarterSums
{
    public static List<FundingQuarter> Sum(IEnumerable<RaisedRound> rounds, FxRates rates) =>
        SumGroups(rounds
            .GroupBy(r => (r.Date, r.Camp, r.Currency, r.Kind))
            .Select(g => new RaisedGroup(g.Key.Date, g.Key.Camp, g.Key.Currency, g.Key.Kind,
                g.Sum(r => r.Min), g.Sum(r => r.Max ?? 0), g.Count(r => r.Max is null), g.Count())), rates);

    /// <summary>The same sums from rounds already grouped by date, camp, currency and kind (the FundingGroups rebuild reads them so).</summary>
    public static List<FundingQuarter> SumGroups(IEnumerable<RaisedGroup> groups, FxRates rates)
    {
        var sums = new Dictionary<(int? Year, int? Quarter, string Camp), FundingQuarter>();
        foreach (var group in groups)
        {
            var quarter = Quarter(group.Date);
            var key = (quarter.Year, quarter.Quarter, group.Camp);
            if (!sums.TryGetValue(key, out var sum))
                sums[key] = sum = new FundingQuarter { Year = key.Item1, Quarter = key.Item2, Camp = Enum.Parse<Camp>(group.Camp) };
            sum.Deals += group.Deals;
            if (group.Currency is null) continue;

            sum.DisclosedDeals += group.Deals;
            var usd = OrganizationFigures.SumUsd(group.Currency, group.Min, group.Max, group.Open,
                group.Date is null ? null : PartialDate.Parse(group.Date), rates);
            sum.MinUsd += usd.Min;
            if (usd.Max is { } m) sum.MaxUsd += m;
            sum.OpenDeals += group.Open;
        }
        return [.. sums.Values];
    }

    private static (int? Year, int? Quarter) Quarter(string? date)
    {
        if (date is null) return (null, null);
        var d = PartialDate.Parse(date);
        return (d.Year, d.Month is { } m ? (m - 1) / 3 + 1 : null);
    }
}
