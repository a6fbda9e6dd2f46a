using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Features.Funding;

/// <summary>"Money raised" is one rule (OrganizationFigures.CountsAsRaised) and every page that sums money agrees with it.</summary>
[Collection(AppCollection.Name)]
public sealed partial class RaisedRuleTests(LlmWatchFactory app)
{
    /// <summary>The raised money per period: the overview's table rows ("funding-period") or a chart's columns ("chart-period").</summary>
    private static Dictionary<string, long> Periods(string html, string testId) =>
        Regex.Matches(html, $"data-testid=\"{testId}\" data-period=\"([^\"]+)\" data-raised-min-usd=\"(\\d+)\"")
            .ToDictionary(m => m.Groups[1].Value, m => long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData(DealKind.EquityRound, DealStatus.Completed, true)]
    [InlineData(DealKind.FounderCapital, DealStatus.Completed, true)]
    [InlineData(DealKind.ShareSale, DealStatus.Completed, false)]
    [InlineData(DealKind.ShareSale, DealStatus.Planned, false)]
    [InlineData(DealKind.Loan, DealStatus.Completed, false)]
    [InlineData(DealKind.Acquisition, DealStatus.Completed, false)]
    [InlineData(DealKind.EquityRound, DealStatus.InProgress, false)]
    [InlineData(DealKind.EquityRound, DealStatus.Planned, false)]
    [InlineData(DealKind.EquityRound, DealStatus.Rumoured, false)]
    [InlineData(DealKind.EquityRound, DealStatus.Failed, false)]
    [InlineData(DealKind.FailedRaise, DealStatus.Completed, false)]
    public void Only_completed_equity_and_founder_capital_count_as_raised(DealKind kind, DealStatus status, bool raised)
    {
        Assert.Equal(raised, OrganizationFigures.CountsAsRaised(kind, status));
    }

    [Fact]
    public async Task The_overviews_money_raised_equals_the_funding_pages_raised_bars_period_by_period()
    {
        var (_, overview) = await app.GetPageAsync("/");
        var (_, funding) = await app.GetPageAsync("/funding");

        var summed = Periods(overview, "funding-period");
        var drawn = Periods(funding, "chart-period");

        Assert.NotEmpty(summed);
        Assert.Equal(summed.OrderBy(p => p.Key), drawn.Where(p => p.Value > 0 || summed.ContainsKey(p.Key)).OrderBy(p => p.Key));
        Assert.Equal(summed.Values.Sum(), drawn.Values.Sum());
        // The overview's chart is the same drawing of the same sums.
        Assert.Equal(summed.OrderBy(p => p.Key), Periods(overview, "chart-period").OrderBy(p => p.Key));
    }

    [Fact]
    public async Task Kunlun_techs_planned_share_sale_is_shown_but_not_counted()
    {
        var (_, funding) = await app.GetPageAsync("/funding");
        var (_, profile) = await app.GetPageAsync("/companies/kunlun-tech");
        using var api = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/api/funding-rounds?pageSize=100"));

        // 2023's raised money is Baichuan's US$50M founder capital alone; the CN¥1.3B share sale stands beside it.
        Assert.Equal(50_000_000, Periods(funding, "chart-period")["2023"]);
        Assert.Matches("data-period=\"2023\"[^>]*>(?:(?!data-period=).)*data-testid=\"not-raised\" data-not-raised-min-usd=\"[1-9]", funding.ReplaceLineEndings(" "));
        Assert.Contains("data-testid=\"raised-rule\"", funding);
        Assert.Matches("data-testid=\"figure-funding\"(?:(?!</div>).)*No amount disclosed", profile.ReplaceLineEndings(" "));
        var shareSale = api.RootElement.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "kunlun-tech-li-qiong-share-sale");
        Assert.False(shareSale.GetProperty("countsAsRaised").GetBoolean());
        Assert.True(api.RootElement.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "baichuan-founder-capital")
            .GetProperty("countsAsRaised").GetBoolean());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/funding")]
    [InlineData("/funding?company=zhipu-ai")]
    [InlineData("/companies/zhipu-ai")]
    public async Task Every_funding_chart_states_the_rule_in_both_languages(string url)
    {
        var (_, en) = await app.GetPageAsync(url);
        var (_, zh) = await app.GetPageAsync(url, "zh-CN");

        Assert.Contains("Counted as raised: completed equity rounds and founder capital", en);
        Assert.Contains("计入融资的只有已完成的股权融资和创始人投入公司的资金", zh);
    }

    [Fact]
    public async Task A_companys_funding_is_a_timeline_never_an_empty_chart()
    {
        var (status, html) = await app.GetPageAsync("/funding?company=zhipu-ai");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-testid=\"deal-timeline\"", html);
        Assert.DoesNotContain("data-testid=\"funding-chart\"", html);
        // The 2023 raise at a 10 billion yuan valuation spans its year; the undated Meituan investment is listed beside, saying so.
        Assert.Matches("data-testid=\"timeline-deal\" data-timeline-deal=\"zhipu-ai-raising-10b-valuation\" data-precision=\"year\"", html);
        Assert.Matches("data-testid=\"undated-deal\" data-timeline-deal=\"meituan-invests-zhipu-ai\"", html);
        Assert.Contains("the source does not state a date", html);
        Assert.Contains(">2023</text>", html);
    }
}
