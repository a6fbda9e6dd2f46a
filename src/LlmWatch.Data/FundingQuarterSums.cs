using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;

namespace LlmWatch.Data;

/// <summary>One raised round as the quarter sums read it: its date, its camp (its organisation's), its amount's currency and bounds.</summary>
public readonly record struct RaisedRound(string? Date, string Camp, string? Currency, long Min, long? Max, string Kind);

/// <summary>
/// Sums raised rounds by quarter and camp (see <see cref="FundingQuarter"/>): amounts per date, camp, currency and kind, each sum
/// converted once (<see cref="OrganizationFigures.SumUsd"/>). The one rule for the summary table's rebuild and for a past view's
/// summary (<see cref="FundingSummary"/> under asOf), so that the two agree to the dollar.
/// </summary>
public static class FundingQuarterSums
{
    public static List<FundingQuarter> Sum(IEnumerable<RaisedRound> rounds, FxRates rates)
    {
        var sums = new Dictionary<(int? Year, int? Quarter, string Camp), FundingQuarter>();
        var amounts = new Dictionary<(string? Date, string Camp, string Currency, string Kind), (long Min, long Max, int Open, int Deals)>();
        foreach (var round in rounds)
        {
            var quarter = Quarter(round.Date);
            var key = (quarter.Year, quarter.Quarter, round.Camp);
            if (!sums.TryGetValue(key, out var sum))
                sums[key] = sum = new FundingQuarter { Year = key.Item1, Quarter = key.Item2, Camp = Enum.Parse<Camp>(round.Camp) };
            sum.Deals++;
            if (round.Currency is null) continue;

            sum.DisclosedDeals++;
            var group = (round.Date, round.Camp, round.Currency, round.Kind);
            var (min, max, open, deals) = amounts.GetValueOrDefault(group);
            amounts[group] = (min + round.Min, max + (round.Max ?? 0), open + (round.Max is null ? 1 : 0), deals + 1);
        }
        foreach (var ((dateText, camp, currency, _), (min, max, open, _)) in amounts)
        {
            PartialDate? date = dateText is null ? null : PartialDate.Parse(dateText);
            var quarter = Quarter(dateText);
            var sum = sums[(quarter.Year, quarter.Quarter, camp)];
            var usd = OrganizationFigures.SumUsd(currency, min, max, open, date, rates);
            sum.MinUsd += usd.Min;
            if (usd.Max is { } m) sum.MaxUsd += m;
            sum.OpenDeals += open;
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
