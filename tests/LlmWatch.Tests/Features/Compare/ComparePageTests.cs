using System.Net;
using System.Text.RegularExpressions;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Features.Compare;

[Collection(AppCollection.Name)]
public sealed class ComparePageTests(LlmWatchFactory app)
{
    private static List<string> Columns(string html) =>
        Regex.Matches(html, "data-testid=\"compare-column\" data-slug=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

    private static string Row(string html, string row) =>
        Regex.Match(html, $"(?s)<tr data-row=\"{row}\">(.*?)</tr>").Groups[1].Value;

    private static List<string> Notices(string html) =>
        Regex.Matches(html, "(?s)data-testid=\"compare-notice\".*?mud-alert-message\">(.*?)</div>").Select(m => Regex.Replace(m.Groups[1].Value, "<[^>]+>", "").Trim()).ToList();

    /// <summary>The text of the element carrying the test id, tags dropped.</summary>
    private static string Text(string html, string testId) =>
        Regex.Replace(Regex.Match(html, $"(?s)data-testid=\"{testId}\"[^>]*>(.*?)(<sup|</td>|</div>\\s*</div>)").Groups[1].Value, "<[^>]+>|\\s+", " ").Trim();

    [Theory]
    [InlineData("en", "Compare organisations", "Camp and basis", "Money raised")]
    [InlineData("zh-CN", "对比机构", "路线及依据", "已融资金额")]
    public async Task Two_organisations_stand_side_by_side_in_the_readers_language(string language, string title, string campRow, string raisedRow)
    {
        var (status, html) = await app.GetPageAsync("/compare?c=zhipu-ai,minimax", language);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(title, html);
        Assert.Contains(campRow, html);
        Assert.Contains(raisedRow, html);
        Assert.Equal(["zhipu-ai", "minimax"], Columns(html));
        Assert.Empty(Notices(html));
        foreach (var row in new[] { "camp", "organisation", "founded", "valuation", "raised", "rounds", "people", "models" })
            Assert.Equal(2, Regex.Matches(Row(html, row), "<td").Count);
    }

    [Fact]
    public async Task Every_figure_carries_its_citation()
    {
        var (_, html) = await app.GetPageAsync("/compare?c=zhipu-ai,minimax");

        foreach (var row in new[] { "camp", "valuation", "rounds" })
        {
            var cells = Regex.Matches(Row(html, row), "(?s)<td.*?</td>").Select(m => m.Value).ToList();
            Assert.All(cells, cell => Assert.Contains("/sources/huxiu-2023-08-02?q=", cell));
        }
        // A raised figure is cited where there is one (Zhipu's range); MiniMax's rounds give no amount, and it says so.
        Assert.Contains("/sources/huxiu-2023-08-02?q=", Regex.Matches(Row(html, "raised"), "(?s)<td.*?</td>")[0].Value);
        Assert.Contains("No amount disclosed", Row(html, "raised"));
    }

    [Theory]
    [InlineData("zhipu-ai")]
    [InlineData("minimax")]
    [InlineData("baichuan")]
    public async Task The_figures_are_the_profiles_own(string slug)
    {
        var (_, profile) = await app.GetPageAsync("/companies/" + slug);
        var (_, compare) = await app.GetPageAsync($"/compare?c={slug},zhipu-ai");
        var column = Columns(compare).IndexOf(slug);

        var valuations = Regex.Matches(Row(compare, "valuation"), "(?s)<td.*?</td>").Select(m => m.Value).ToList();
        var raised = Regex.Matches(Row(compare, "raised"), "(?s)<td.*?</td>").Select(m => m.Value).ToList();
        Assert.Equal(Figure(profile, "figure-valuation"), Figure(valuations[column], "compare-valuation"));
        Assert.Equal(Figure(profile, "figure-funding"), Figure(raised[column], "compare-raised"));
    }

    /// <summary>The money figure (or "no … disclosed") inside the element with this test id.</summary>
    private static string Figure(string html, string testId)
    {
        var block = Regex.Match(html, $"(?s)data-testid=\"{testId}\".*?(?=</td>|data-testid=\"figure-|</section>)").Value;
        var figure = Regex.Match(block, "class=\"lw-money-figure\"[^>]*>([^<]*)<").Groups[1].Value;
        return figure.Length > 0 ? figure : Regex.Match(block, "class=\"lw-money-undisclosed\"[^>]*>([^<]*)<").Groups[1].Value;
    }

    [Fact]
    public async Task The_directorys_checkboxes_send_c_once_per_row_and_the_page_reads_them()
    {
        var (_, directory) = await app.GetPageAsync("/companies");
        Assert.Matches("(?s)<form method=\"get\" action=\"/compare\"[^>]*>.*<input type=\"checkbox\" name=\"c\" value=\"[a-z0-9-]+\"", directory);

        var (_, html) = await app.GetPageAsync("/compare?c=zhipu-ai&c=minimax&c=baichuan");
        Assert.Equal(["zhipu-ai", "minimax", "baichuan"], Columns(html));
    }

    [Fact]
    public async Task Too_many_are_cut_to_four_with_a_notice()
    {
        var (status, html) = await app.GetPageAsync("/compare?c=zhipu-ai,minimax,baichuan,oneflow,meituan");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["zhipu-ai", "minimax", "baichuan", "oneflow"], Columns(html));
        Assert.Contains("A comparison holds at most 4 organisations; 5 were asked for, so the first 4 are shown.", Notices(html));
    }

    [Fact]
    public async Task An_unknown_or_malformed_slug_is_left_out_with_a_notice_naming_it()
    {
        var (status, html) = await app.GetPageAsync("/compare?c=zhipu-ai,no-such-org,%3Cscript%3E,minimax", "zh-CN");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["zhipu-ai", "minimax"], Columns(html));
        var notices = Notices(html);
        Assert.Contains("本站没有名为“no-such-org”的机构,已略去。", notices);
        Assert.Contains(notices, n => n.StartsWith("参数 c 中有一个值", StringComparison.Ordinal));
        // The value travels on only inside a quoted attribute (the date form keeps the page's parameters as hidden fields), where
        // it is inert; nowhere else does it reach the page as markup.
        Assert.DoesNotContain("<script>", html.Replace("value=\"zhipu-ai,no-such-org,<script>,minimax\"", "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/compare")]
    [InlineData("/compare?c=zhipu-ai")]
    public async Task Fewer_than_two_asks_for_more_and_offers_organisations_to_add(string url)
    {
        var (status, html) = await app.GetPageAsync(url);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Pick at least 2 organisations (at most 4) to compare.", Notices(html));
        var offered = Regex.Matches(html, "data-testid=\"compare-suggestion\" data-slug=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(offered);
        if (url.Contains("zhipu-ai"))
        {
            Assert.DoesNotContain("zhipu-ai", offered);
            Assert.Contains($"href=\"/compare?c=zhipu-ai,{offered[0]}\"", html);
        }
        else Assert.Contains($"href=\"/compare?c={offered[0]}\"", html);
    }

    [Fact]
    public async Task A_profile_offers_to_compare_it_and_the_nav_lists_the_page()
    {
        var (_, html) = await app.GetPageAsync("/companies/zhipu-ai");
        Assert.Matches("href=\"/compare\\?c=zhipu-ai\"[^>]*data-testid=\"compare-with\"", html);
        Assert.Contains("href=\"/compare\"", html);
    }

    [Fact]
    public async Task A_column_can_be_removed_by_a_link()
    {
        var (_, html) = await app.GetPageAsync("/compare?c=zhipu-ai,minimax,baichuan");
        Assert.Contains("href=\"/compare?c=minimax,baichuan\"", html);
        Assert.Contains("href=\"/compare?c=zhipu-ai,baichuan\"", html);
    }
}
