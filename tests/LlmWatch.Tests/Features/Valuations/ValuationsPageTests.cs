using System.Net;
using System.Text.RegularExpressions;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Features.Valuations;

[Collection(AppCollection.Name)]
public sealed class ValuationsPageTests(LlmWatchFactory app)
{
    private static List<string> Leaders(string html) =>
        Regex.Matches(html, "data-testid=\"leaderboard-row\" data-company=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

    [Theory]
    [InlineData("en", "Valuations", "Latest known valuation", "raising at")]
    [InlineData("zh-CN", "估值", "最新已知估值", "拟融资估值")]
    public async Task The_leaderboard_and_history_are_in_the_readers_language(string language, string title, string leaderboard, string raisingAt)
    {
        var (status, html) = await app.GetPageAsync("/valuations", language);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(title, html);
        Assert.Contains(leaderboard, html);
        Assert.Contains(raisingAt, html);
        Assert.Contains("data-testid=\"valuation-chart\"", html);
        Assert.Contains("data-testid=\"history-table\"", html);
    }

    [Fact]
    public async Task Zhipu_ranks_above_MiniMax_by_lower_bound_and_the_unicorn_stays_open()
    {
        var (_, html) = await app.GetPageAsync("/valuations");

        Assert.Equal(["zhipu-ai", "minimax"], Leaders(html));
        Assert.Contains("≥ US$1B", html);
        Assert.Contains("CN¥10B", html);
        var leaderboard = Regex.Match(html, "(?s)data-testid=\"leaderboard\".*?</table>").Value;
        Assert.Contains("CN¥10B", leaderboard);
        Assert.DoesNotContain("data-testid=\"fx-rate\"", leaderboard);
    }

    [Theory]
    [InlineData("en", "≈ US$1.4B", "at 7.0797 CNY per USD (2023, Federal Reserve H.10)")]
    [InlineData("zh-CN", "≈ 14亿美元", "按 2023 汇率 1 美元 = 7.0797 元")]
    public async Task In_US_dollars_Zhipus_ten_billion_yuan_names_the_rate_it_used(string language, string converted, string rate)
    {
        var (_, html) = await app.GetPageAsync("/valuations?currency=USD", language);

        Assert.Contains(converted, html);
        Assert.Contains(rate, html);
        // Dated only to 2023, it converts at the average of 2023's twelve months.
        Assert.Contains("data-testid=\"rate-source\"", html);
        Assert.Contains("Federal Reserve H.10", html);
    }

    [Fact]
    public async Task The_camp_filter_narrows_the_leaderboard()
    {
        var (_, general) = await app.GetPageAsync("/valuations?camp=general");
        var (_, vertical) = await app.GetPageAsync("/valuations?camp=vertical");

        Assert.Equal(["zhipu-ai", "minimax"], Leaders(general));
        Assert.Empty(Leaders(vertical));
        Assert.Contains("data-testid=\"empty-state\"", vertical);
    }

    [Theory]
    [InlineData("currency=EUR", "currency")]
    [InlineData("camp=foo", "camp")]
    public async Task A_value_not_understood_is_ignored_with_a_notice(string query, string name)
    {
        var (status, html) = await app.GetPageAsync("/valuations?" + query);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches($"(?s)data-testid=\"query-notice\".{{0,800}}?: {name}\\.", html);
        Assert.Equal(2, Leaders(html).Count);
    }

    [Fact]
    public async Task The_page_loads_with_a_fixed_number_of_queries()
    {
        await app.GetPageAsync("/valuations");
        await app.ForgetCachedAnswersAsync();
        app.Queries.Reset();

        await app.GetPageAsync("/valuations?currency=USD");

        // The footer's sources, how many companies have a valuation, one page of them with their stated valuations, the latest ones' citations.
        Assert.True(app.Queries.Commands.Count == 4, string.Join("\n---\n", app.Queries.Commands));
    }
}
