using System.Text.RegularExpressions;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Features.Overview;

[Collection(AppCollection.Name)]
public sealed class OverviewPageTests(LlmWatchFactory app)
{
    [Fact]
    public async Task Camp_counts_link_to_the_filtered_directory()
    {
        var (_, html) = await app.GetPageAsync("/");

        Assert.Matches(@"<a href=""/companies\?camp=general"" data-testid=""camp-count"" data-camp=""general"">[\s\S]*?lw-legend-count"">20</span>", html);
        Assert.Matches(@"<a href=""/companies\?camp=vertical"" data-testid=""camp-count"" data-camp=""vertical"">[\s\S]*?lw-legend-count"">1</span>", html);
    }

    [Fact]
    public async Task Top_valuations_are_normalised_to_dollars_with_open_bounds_and_raising_at_marked()
    {
        var (_, html) = await app.GetPageAsync("/");

        var rows = Regex.Matches(html, @"data-testid=""top-valuation""[\s\S]*?</li>").Select(m => m.Value).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("/companies/zhipu-ai", rows[0]);
        Assert.Contains("≈ US$1.4B", rows[0]);
        Assert.Contains("raising at", rows[0]);
        Assert.Contains("/companies/minimax", rows[1]);
        Assert.Contains("≥ US$1B", rows[1]);
        Assert.Contains("at least", rows[1]);
        Assert.All(rows, r => Assert.Contains("data-testid=\"citation\"", r));
    }

    [Theory]
    [InlineData("en", "5 undisclosed", "Date not stated")]
    [InlineData("zh-CN", "5 轮未披露", "日期未披露")]
    public async Task Money_raised_counts_undisclosed_rounds_instead_of_zero(string language, string undisclosed, string undated)
    {
        var (_, html) = await app.GetPageAsync("/", language);

        var periods = Regex.Matches(html, @"data-testid=""funding-period""[\s\S]*?</tr>").Select(m => m.Value).ToList();
        Assert.Equal(3, periods.Count);
        Assert.Contains(undated, periods[2]);
        Assert.Contains(undisclosed, periods[2]);
        Assert.DoesNotContain("US$0", html);
        Assert.DoesNotContain("0美元", html);
    }

    [Fact]
    public async Task Latest_events_come_newest_first_with_their_citations()
    {
        var (_, html) = await app.GetPageAsync("/", "zh-CN");

        var events = Regex.Match(html, @"data-testid=""latest-events""[\s\S]*?</section>").Value;
        // Statements of state ("all big tech has entered") are dated as of the report, 2023-08-02.
        Assert.Contains("2023年7月19日", events);
        Assert.True(events.IndexOf("2023年8月2日", StringComparison.Ordinal) < events.IndexOf("2023年7月19日", StringComparison.Ordinal));
        Assert.Contains("data-testid=\"citation\"", events);
        Assert.Contains("数据截至", Regex.Match(html, @"data-testid=""overview-as-of""[\s\S]*?</p>").Value);
    }
    [Fact]
    public async Task Latest_model_releases_come_newest_first_linked_and_cited()
    {
        var (_, html) = await app.GetPageAsync("/");

        var list = Regex.Match(html, @"data-testid=""latest-releases""[\s\S]*?</section>").Value;
        var models = Regex.Matches(list, @"data-model=""([^""]+)""").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(LlmWatch.Web.Features.Overview.OverviewQueries.LatestReleaseCount, models.Count);
        Assert.Equal("kimi-k2-thinking", models[0]);
        var days = Regex.Matches(list, @"lw-list-date"">([^<]+)<").Select(m => DateTime.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.GetCultureInfo("en"))).ToList();
        Assert.Equal(days.OrderDescending(), days);
        Assert.Contains("href=\"/models/kimi-k2-thinking\"", list);
        Assert.Contains("href=\"/companies/moonshot-ai\"", list);
        Assert.Contains("data-testid=\"citation\"", list);
        var chart = Regex.Match(html, @"data-testid=""releases-per-year""[\s\S]*?</section>").Value;
        Assert.Contains("data-year=\"2025\"", chart);
        Assert.Contains("data-year=\"2018\"", chart);
    }

    [Fact]
    public async Task As_known_on_2024_01_01_the_releases_stop_at_what_was_known()
    {
        var (_, html) = await app.GetPageAsync("/?asOf=2024-01-01");

        var list = Regex.Match(html, @"data-testid=""latest-releases""[\s\S]*?</section>").Value;
        Assert.DoesNotContain("kimi-k2-thinking", list);
        Assert.DoesNotContain("2025", list);
        var chart = Regex.Match(html, @"data-testid=""releases-per-year""[\s\S]*?</section>").Value;
        Assert.Contains("data-year=\"2023\"", chart);
        Assert.DoesNotContain("data-year=\"2025\"", chart);
        Assert.Contains("href=\"/models?asOf=2024-01-01\"", html);
    }
}
