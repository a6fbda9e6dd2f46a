using System.Net;
using System.Text.RegularExpressions;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Features.Funding;

[Collection(AppCollection.Name)]
public sealed class FundingPageTests(LlmWatchFactory app)
{
    private static List<string> Deals(string html) =>
        Regex.Matches(html, "data-deal=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

    [Theory]
    [InlineData("en", "Funding over time", ">US$</text>", "Undisclosed")]
    [InlineData("zh-CN", "融资时间线", ">美元</text>", "未披露")]
    public async Task Every_deal_is_listed_with_a_chart_in_the_readers_language(string language, string title, string axis, string undisclosed)
    {
        var (status, html) = await app.GetPageAsync("/funding", language);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(title, html);
        Assert.Contains(axis, html);
        Assert.Contains(undisclosed, html);
        Assert.Contains("data-testid=\"funding-chart\"", html);
        Assert.Equal(20, Deals(html).Count);
        Assert.DoesNotContain("data-testid=\"query-notice\"", html);
    }

    [Fact]
    public async Task A_deals_notes_wait_closed_in_a_row_of_their_own_and_open_on_the_profile()
    {
        var (_, list) = await app.GetPageAsync("/funding?company=baichuan");
        // The deal's row holds only its facts; the notes follow in the next row, behind a closed toggle.
        var row = Regex.Match(list, "(?s)<tr data-testid=\"deal-row\" data-deal=\"baichuan-founder-capital\"[^>]*>(.*?)</tr>").Groups[1].Value;
        Assert.NotEmpty(row);
        Assert.DoesNotContain("editor-notes", row);
        Assert.Matches("(?s)<tr class=\"lw-row-notes\" data-notes-for=\"baichuan-founder-capital\"><td colspan=\"5\"><details class=\"lw-notes\" data-testid=\"notes-toggle\"><summary>Notes \\(\\d\\)</summary>.*?data-testid=\"editor-notes\"", list);

        var (_, profile) = await app.GetPageAsync("/companies/baichuan");
        Assert.Matches("<details class=\"lw-notes\" open[^>]*data-testid=\"notes-toggle\"", profile);
    }

    [Fact]
    public async Task Acquisitions_show_the_chain_from_OneFlow_to_Meituan()
    {
        var (_, html) = await app.GetPageAsync("/funding?kind=acquisition", "zh-CN");

        Assert.Equal(["guangnian-zhiwai-acquired-by-meituan", "oneflow-acquired-by-guangnian-zhiwai"], Deals(html).Order());
        Assert.Matches("(?s)data-testid=\"acquisition-chains\".*OneFlow.*光年之外.*美团", html);
    }

    [Theory]
    [InlineData("camp=general", "minimax-angel", "oneflow-acquired-by-guangnian-zhiwai")]
    [InlineData("stage=angel", "minimax-angel", "minimax-unicorn-valuation")]
    [InlineData("status=failed", "tiger-global-failed-fundraise", "minimax-angel")]
    [InlineData("company=zhipu-ai", "zhipu-ai-raising-10b-valuation", "minimax-angel")]
    [InlineData("investor=meituan", "meituan-invests-zhipu-ai", "minimax-angel")]
    [InlineData("investor=su-hua", "su-hua-angel-oneflow", "minimax-angel")]
    [InlineData("from=2022&to=2022-12", "minimax-angel", "baichuan-founder-capital")]
    [InlineData("from=2023-01", "baichuan-founder-capital", "minimax-angel")]
    public async Task Each_filter_in_the_query_string_narrows_the_deals(string query, string kept, string dropped)
    {
        var (status, html) = await app.GetPageAsync("/funding?" + query);

        Assert.Equal(HttpStatusCode.OK, status);
        var deals = Deals(html);
        Assert.Contains(kept, deals);
        Assert.DoesNotContain(dropped, deals);
        Assert.DoesNotContain("data-testid=\"query-notice\"", html);
    }

    [Fact]
    public async Task Undisclosed_amounts_say_so_and_ranges_stay_ranges()
    {
        var (_, html) = await app.GetPageAsync("/funding?company=zhipu-ai");

        Assert.Contains("money-undisclosed", html);
        Assert.Contains("CN¥100M–1B", html);
        Assert.Contains("raising at", html);
        Assert.DoesNotContain("CN¥0", html);
    }

    [Fact]
    public async Task The_currency_switch_converts_with_the_rate_named_once_for_the_table()
    {
        var (_, html) = await app.GetPageAsync("/funding?company=guangnian-zhiwai&currency=USD");

        // One note above the table names each rate; the figures keep theirs in their hover text only.
        Assert.Single(Regex.Matches(html, "data-testid=\"rate-note\""));
        Assert.Contains("CNY per USD", Regex.Match(html, "(?s)data-testid=\"rate-note\"[^>]*>([^<]*)<").Groups[1].Value);
        Assert.DoesNotContain("data-testid=\"fx-rate\"", html);

        var (_, own) = await app.GetPageAsync("/funding?company=guangnian-zhiwai");
        Assert.DoesNotContain("data-testid=\"rate-note\"", own);
    }

    [Theory]
    [InlineData("camp=foo", "camp")]
    [InlineData("kind=merger", "kind")]
    [InlineData("page=-1", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("from=2023-13", "from")]
    [InlineData("company=nobody", "company")]
    [InlineData("currency=EUR", "currency")]
    public async Task A_value_not_understood_is_ignored_with_a_notice_naming_it(string query, string name)
    {
        var (status, html) = await app.GetPageAsync("/funding?" + query);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches($"(?s)data-testid=\"query-notice\".{{0,800}}?: {name}\\.", html);
        Assert.Equal(20, Deals(html).Count);
    }

    [Fact]
    public async Task No_match_shows_an_empty_state_with_a_way_out()
    {
        var (_, html) = await app.GetPageAsync("/funding?kind=ipo-filing&status=failed");

        Assert.Contains("data-testid=\"empty-state\"", html);
        Assert.Contains("Clear filters", html);
        Assert.Empty(Deals(html));
    }

    [Theory]
    [InlineData("/funding", 4)]
    [InlineData("/funding?kind=acquisition&from=2023", 5)]
    public async Task The_page_loads_with_a_fixed_number_of_queries(string url, int queries)
    {
        await app.GetPageAsync(url);
        await app.ForgetCachedAnswersAsync();
        app.Queries.Reset();

        await app.GetPageAsync(url);

        // The footer's sources, the chart's groups (aggregated by SQL), one page of rows, their participants, their citations.
        // No list of companies or investors: the filters search as the reader types. Without dates, stage, company, investor or search
        // the chart's groups come from the summary once per data version (FundingQueries), so the second load skips them.
        Assert.True(app.Queries.Commands.Count == queries, string.Join("\n---\n", app.Queries.Commands));
    }

    [Fact]
    public async Task A_company_and_an_investor_from_the_address_cost_one_lookup_each()
    {
        const string url = "/funding?company=zhipu-ai&investor=meituan";
        await app.GetPageAsync(url);
        await app.ForgetCachedAnswersAsync();
        app.Queries.Reset();

        await app.GetPageAsync(url);

        // The footer's sources, the company's lookup, the investor's lookup, the groups, the rows, their participants, their citations,
        // and the company's deals for its timeline.
        Assert.True(app.Queries.Commands.Count == 8, string.Join("\n---\n", app.Queries.Commands));
    }
}
