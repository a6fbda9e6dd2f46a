using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;

namespace LlmWatch.Data;

/// <summary>A deal as the derived columns of its organization see it.</summary>
public readonly record struct DealFigures(DealKind Kind, DealStatus Status, PartialDate? Date, Money? Amount, Money? Valuation);

/// <summary>
/// The organization columns derived from other facts (<see cref="Organization.Camp"/>, <see cref="Organization.LatestValuationUsd"/>,
/// <see cref="Organization.DisclosedFundingUsd"/>). Every writer derives them here, so the seed and generated data follow one rule.
/// </summary>
public static class OrganizationFigures
{
    /// <summary>
    /// The camp of the latest assignment, ordered by when it began (<c>from</c>), then by the date it is reported as of
    /// (<c>asOf</c>); a missing date counts as earliest and ties keep the later one given. None without any.
    /// </summary>
    public static Camp LatestCamp(IEnumerable<(PartialDate? From, PartialDate? AsOf, Camp Camp)> assignments) => assignments
        .OrderBy(a => a.From?.Start ?? DateOnly.MinValue)
        .ThenBy(a => a.AsOf?.Start ?? DateOnly.MinValue)
        .Select(a => a.Camp)
        .DefaultIfEmpty(Camp.None)
        .Last();

    /// <summary>The lower bound in US dollars of the latest deal with a valuation (ties keep the later one given); null without any.</summary>
    public static long? LatestValuationUsd(IEnumerable<DealFigures> deals, FxRates rates) => deals
        .Where(d => d.Valuation is not null)
        .OrderBy(d => d.Date?.Start ?? DateOnly.MinValue)
        .Select(d => (long?)Usd(d.Valuation!, d.Date, rates))
        .LastOrDefault();

    /// <summary>The sum of the lower bounds in US dollars of completed equity rounds and founder capital with an amount; null without any.</summary>
    public static long? DisclosedFundingUsd(IEnumerable<DealFigures> deals, FxRates rates)
    {
        var raised = deals
            .Where(d => d.Amount is not null && d.Kind is DealKind.EquityRound or DealKind.FounderCapital && d.Status == DealStatus.Completed)
            .Select(d => Usd(d.Amount!, d.Date, rates))
            .ToList();
        return raised.Count == 0 ? null : raised.Sum();
    }

    private static long Usd(Money money, PartialDate? date, FxRates rates) => rates.Convert(money, "USD", date ?? DatabaseMaintenance.UndatedRateDate).Min;
}
