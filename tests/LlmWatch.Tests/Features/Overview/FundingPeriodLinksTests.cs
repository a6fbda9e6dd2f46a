using LlmWatch.Web.Features.Overview;

namespace LlmWatch.Tests.Features.Overview;

public sealed class FundingPeriodLinksTests
{
    private static FundingPeriod Period(int? year, int? quarter) => new(year, quarter, null, 3, 0, []);

    [Theory]
    [InlineData(2023, 1, "/funding?status=completed&from=2023-01&to=2023-03")]
    [InlineData(2023, 2, "/funding?status=completed&from=2023-04&to=2023-06")]
    [InlineData(2022, 4, "/funding?status=completed&from=2022-10&to=2022-12")]
    [InlineData(2023, null, "/funding?status=completed&from=2023&to=2023")]
    public void A_period_links_to_its_completed_rounds_month_by_month(int? year, int? quarter, string href) =>
        Assert.Equal(href, FundingPeriodLinks.RoundsHref(Period(year, quarter)));

    [Fact]
    public void Undated_rounds_have_no_link_because_no_filter_selects_them() =>
        Assert.Null(FundingPeriodLinks.RoundsHref(Period(null, null)));
}
