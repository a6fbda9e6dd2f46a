using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;

namespace LlmWatch.Data;

/// <summary>A deal as the figures of its organization see it; <see cref="Id"/> lets a reader find the deal a figure came from.</summary>
public readonly record struct DealFigures(DealKind Kind, DealStatus Status, PartialDate? Date, Money? Amount, Money? Valuation, int Id = 0, bool ValuationIsRaisingAt = false);

/// <summary>The completed rounds' disclosed amounts summed in US dollars (a range when any is a range), the rounds that gave no amount, and the deals summed.</summary>
public sealed record DisclosedFunding(Money? Total, int Undisclosed, IReadOnlyList<int> DealIds);

/// <summary>
/// The rules behind an organization's figures: the derived columns (<see cref="Organization.Camp"/>, <see cref="Organization.LatestValuationUsd"/>,
/// <see cref="Organization.DisclosedFundingUsd"/>) and the figures pages and the API show. Every writer and reader decides here, so they agree.
/// </summary>
public static class OrganizationFigures
{
    /// <summary>Undated amounts convert at the rate of this month (the seed article's publication).</summary>
    public static readonly PartialDate UndatedRateDate = new(2023, 8);

    /// <summary>The month whose rate converts an amount of this date.</summary>
    public static PartialDate RateDate(PartialDate? date) => date ?? UndatedRateDate;

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

    /// <summary>The kinds of deal whose money counts as raised, once <see cref="RaisedStatus"/>: not acquisitions, IPO filings or failed raises.</summary>
    public static readonly IReadOnlyList<DealKind> RaisedKinds = [DealKind.EquityRound, DealKind.FounderCapital];

    public const DealStatus RaisedStatus = DealStatus.Completed;

    /// <summary>
    /// The one rule for "money raised": completed equity rounds and founder capital put into the company count. Share sales between holders,
    /// loans, acquisitions, IPO filings and failed raises do not, nor does any deal that is planned, in progress or rumoured. Those are shown
    /// beside the raised money, never summed into it.
    /// </summary>
    public static bool CountsAsRaised(DealKind kind, DealStatus status) => RaisedKinds.Contains(kind) && status == RaisedStatus;

    /// <summary>The deals that <see cref="CountsAsRaised"/>, as a query the database runs.</summary>
    public static IQueryable<Deal> WhereRaised(this IQueryable<Deal> deals)
    {
        var kinds = RaisedKinds.ToList();
        return deals.Where(d => kinds.Contains(d.Kind) && d.Status == RaisedStatus);
    }

    /// <summary>
    /// Amounts that share a date and a currency, summed (<paramref name="open"/> of them without an upper bound) and converted to US dollars
    /// at that date's rate, once: how every chart and total of raised money converts, so they agree.
    /// </summary>
    public static ConvertedMoney SumUsd(string currency, long min, long max, int open, PartialDate? date, FxRates rates) =>
        rates.Convert(new Money(currency, min, open > 0 ? null : max, ""), "USD", RateDate(date));

    /// <summary>The latest deal with a valuation: an undated one counts as earliest, ties keep the later one given; null without any.</summary>
    public static DealFigures? LatestValuation(IEnumerable<DealFigures> deals) => deals
        .Where(d => d.Valuation is not null)
        .OrderBy(d => d.Date?.Start ?? DateOnly.MinValue)
        .Select(d => (DealFigures?)d)
        .LastOrDefault();

    /// <summary>The lower bound in US dollars of the <see cref="LatestValuation"/>; null without any.</summary>
    public static long? LatestValuationUsd(IEnumerable<DealFigures> deals, FxRates rates) =>
        LatestValuation(deals) is { } latest ? Usd(latest.Valuation!, latest.Date, rates) : null;

    /// <summary>What the deals that <see cref="CountsAsRaised"/> disclose, summed in US dollars at each deal's month's rate.</summary>
    public static DisclosedFunding Funding(IEnumerable<DealFigures> deals, FxRates rates)
    {
        var raised = deals.Where(d => CountsAsRaised(d.Kind, d.Status)).ToList();
        var disclosed = raised.Where(d => d.Amount is not null).ToList();
        var undisclosed = raised.Count - disclosed.Count;
        if (disclosed.Count == 0) return new DisclosedFunding(null, undisclosed, []);
        var converted = disclosed.Select(d => rates.Convert(d.Amount!, "USD", RateDate(d.Date))).ToList();
        long? max = converted.All(c => c.Max is not null) ? converted.Sum(c => c.Max!.Value) : null;
        var total = new Money("USD", converted.Sum(c => c.Min), max, string.Join(" + ", disclosed.Select(d => d.Amount!.Text)));
        return new DisclosedFunding(total, undisclosed, disclosed.Select(d => d.Id).ToList());
    }

    /// <summary>The lower bound in US dollars of the <see cref="Funding"/>; null when no raised deal discloses an amount.</summary>
    public static long? DisclosedFundingUsd(IEnumerable<DealFigures> deals, FxRates rates) => Funding(deals, rates).Total?.Min;

    private static long Usd(Money money, PartialDate? date, FxRates rates) => rates.Convert(money, "USD", RateDate(date)).Min;
}
