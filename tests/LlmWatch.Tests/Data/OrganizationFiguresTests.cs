using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;

namespace LlmWatch.Tests.Data;

public sealed class OrganizationFiguresTests
{
    // One CNY rate a month, so that the month an amount converts at shows in the result.
    private static readonly FxRates Rates = new([("2023-01", 5m), ("2023-08", 8m), ("2024-01", 10m)]);

    private static Money Cny(long min) => new("CNY", min, min, $"{min}");

    private static Money Cny(long min, long max) => new("CNY", min, max, $"{min}");

    private static DealFigures Deal(DealKind kind, DealStatus status, string? date, Money? amount = null, Money? valuation = null, int id = 0) =>
        new(kind, status, date is null ? null : PartialDate.Parse(date), amount, valuation, id);

    [Fact]
    public void An_undated_amount_converts_at_august_2023()
    {
        Assert.Equal(new PartialDate(2023, 8), OrganizationFigures.RateDate(null));
        Assert.Equal(PartialDate.Parse("2024-01"), OrganizationFigures.RateDate(PartialDate.Parse("2024-01")));

        var undated = OrganizationFigures.DisclosedFundingUsd([Deal(DealKind.EquityRound, DealStatus.Completed, null, Cny(800))], Rates);

        Assert.Equal(100, undated);
    }

    [Theory]
    [InlineData(DealKind.EquityRound, DealStatus.Completed, true)]
    [InlineData(DealKind.FounderCapital, DealStatus.Completed, true)]
    [InlineData(DealKind.EquityRound, DealStatus.Rumoured, false)]
    [InlineData(DealKind.EquityRound, DealStatus.Failed, false)]
    [InlineData(DealKind.Acquisition, DealStatus.Completed, false)]
    [InlineData(DealKind.IpoFiling, DealStatus.Completed, false)]
    [InlineData(DealKind.Loan, DealStatus.Completed, false)]
    public void Only_completed_equity_rounds_and_founder_capital_count_as_raised(DealKind kind, DealStatus status, bool raised)
    {
        Assert.Equal(raised, OrganizationFigures.CountsAsRaised(kind, status));
        Assert.Equal(raised ? 100 : null, OrganizationFigures.DisclosedFundingUsd([Deal(kind, status, "2023-08", Cny(800))], Rates));
    }

    [Fact]
    public void The_latest_valuation_is_the_latest_dated_an_undated_one_counting_as_earliest()
    {
        var deals = new[]
        {
            Deal(DealKind.EquityRound, DealStatus.Completed, "2024-01", valuation: Cny(1000), id: 1),
            Deal(DealKind.EquityRound, DealStatus.Completed, null, valuation: Cny(9000), id: 2),
            Deal(DealKind.EquityRound, DealStatus.Completed, "2023-01", valuation: Cny(500), id: 3),
            Deal(DealKind.EquityRound, DealStatus.Completed, "2025-01", id: 4),
        };

        Assert.Equal(1, OrganizationFigures.LatestValuation(deals)?.Id);
        Assert.Equal(100, OrganizationFigures.LatestValuationUsd(deals, Rates));
        Assert.Null(OrganizationFigures.LatestValuation([Deal(DealKind.EquityRound, DealStatus.Completed, "2024-01", Cny(1))]));
    }

    [Fact]
    public void Of_two_valuations_of_the_same_month_the_one_given_later_is_the_latest()
    {
        var deals = new[]
        {
            Deal(DealKind.EquityRound, DealStatus.Completed, "2023-08", valuation: Cny(800), id: 7),
            Deal(DealKind.EquityRound, DealStatus.Completed, "2023-08", valuation: Cny(1600), id: 3),
        };

        Assert.Equal(3, OrganizationFigures.LatestValuation(deals)?.Id);
    }

    [Fact]
    public void Disclosed_funding_sums_each_round_at_its_months_rate_stays_a_range_and_counts_the_undisclosed()
    {
        var deals = new[]
        {
            Deal(DealKind.EquityRound, DealStatus.Completed, "2023-01", Cny(500, 1000), id: 1),
            Deal(DealKind.FounderCapital, DealStatus.Completed, "2024-01", Cny(1000, 2000), id: 2),
            Deal(DealKind.EquityRound, DealStatus.Completed, "2023-08", id: 3),
            Deal(DealKind.Acquisition, DealStatus.Completed, "2023-08", Cny(8000), id: 4),
        };

        var funding = OrganizationFigures.Funding(deals, Rates);

        Assert.Equal(new Money("USD", 200, 400, "500 + 1000"), funding.Total);
        Assert.Equal(1, funding.Undisclosed);
        Assert.Equal([1, 2], funding.DealIds);
        Assert.Equal(200, OrganizationFigures.DisclosedFundingUsd(deals, Rates));
    }

    [Fact]
    public void Disclosed_funding_is_open_when_any_amount_is_open()
    {
        var funding = OrganizationFigures.Funding(
            [Deal(DealKind.EquityRound, DealStatus.Completed, "2023-08", Cny(800)), Deal(DealKind.EquityRound, DealStatus.Completed, "2023-08", new Money("CNY", 800, null, "800+"))],
            Rates);

        Assert.Equal(200, funding.Total?.Min);
        Assert.Null(funding.Total?.Max);
    }

    [Fact]
    public void Without_a_disclosed_round_there_is_no_funding_figure_but_the_undisclosed_are_counted()
    {
        var funding = OrganizationFigures.Funding([Deal(DealKind.EquityRound, DealStatus.Completed, "2023-08")], Rates);

        Assert.Null(funding.Total);
        Assert.Equal(1, funding.Undisclosed);
    }
}
