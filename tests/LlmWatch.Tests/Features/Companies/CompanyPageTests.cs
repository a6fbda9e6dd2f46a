using System.Net;
using System.Text.RegularExpressions;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Features.Companies;

[Collection(AppCollection.Name)]
public sealed class CompanyPageTests(LlmWatchFactory app)
{
    [Theory]
    [InlineData("en", "Zhipu AI", "智谱AI", "Funding timeline", "raising at")]
    [InlineData("zh-CN", "智谱AI", "Zhipu AI", "融资时间线", "融资中估值")]
    public async Task A_profile_shows_both_names_key_figures_and_the_funding_timeline(string language, string primary, string secondary, string timeline, string raisingAt)
    {
        var (status, html) = await app.GetPageAsync("/companies/zhipu-ai", language);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches($@"<h1[^>]*>[\s\S]*?lw-name-primary[^>]*>{Regex.Escape(primary)}</span>\s*<span class=""lw-name-secondary""[^>]*>{Regex.Escape(secondary)}</span>", html);
        Assert.Contains(timeline, html);
        Assert.Equal(2, Regex.Matches(html, @"data-testid=""deal""").Count);
        Assert.Contains(raisingAt, html);
        Assert.Contains("data-camp=\"general\"", html);
    }

    [Fact]
    public async Task Deals_list_their_investors_linked_and_amounts_stay_ranges()
    {
        var (_, html) = await app.GetPageAsync("/companies/zhipu-ai");

        Assert.Contains("href=\"/companies/meituan\"", html);
        Assert.Contains("数亿元", html);
        Assert.Contains("CN¥100M–1B", html);
    }

    [Fact]
    public async Task Every_citation_is_listed_with_its_quote_and_a_link_to_its_sentence()
    {
        var (_, html) = await app.GetPageAsync("/companies/zhipu-ai");

        Assert.Contains("“而据鲸选社了解,智谱最近也在以100亿人民币的估值融资。”", html);
        Assert.Contains("href=\"/sources/huxiu-2023-08-02?q=", html);
        Assert.True(Regex.Matches(html, @"data-testid=""citation-quote""").Count >= 3);
    }

    [Fact]
    public async Task An_acquired_organisation_links_to_its_acquirer()
    {
        var (_, html) = await app.GetPageAsync("/companies/guangnian-zhiwai");

        Assert.Matches(@"<a href=""/companies/meituan"" data-testid=""acquired-by"">", html);
        Assert.Contains("Acquired", html);
    }

    [Fact]
    public async Task People_and_models_are_listed_with_titles_and_dates()
    {
        var (_, html) = await app.GetPageAsync("/companies/baichuan");

        Assert.Contains("href=\"/people/wang-xiaochuan\"", html);
        Assert.Contains("href=\"/models/baichuan-13b\"", html);
        Assert.Contains("13B parameters", html);
    }

    [Theory]
    [InlineData("en", "No such organisation")]
    [InlineData("zh-CN", "找不到该机构")]
    public async Task An_unknown_slug_is_a_friendly_404_with_a_search_box(string language, string text)
    {
        var (status, html) = await app.GetPageAsync("/companies/no-such-company", language);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains(text, html);
        Assert.Contains("data-testid=\"company-not-found\"", html);
        Assert.Matches(@"<form method=""get"" action=""/companies""[^>]*>[\s\S]*name=""q""", html);
    }

    [Fact]
    public async Task A_profile_loads_with_the_same_number_of_queries_however_much_it_holds()
    {
        await app.GetPageAsync("/companies/zhipu-ai");
        var counts = new List<int>();
        foreach (var slug in new[] { "zhipu-ai", "baidu", "ai-jingxuanshe", "oneflow" })
        {
            await app.ForgetCachedAnswersAsync();
            app.Queries.Reset();
            await app.GetPageAsync("/companies/" + slug);
            counts.Add(app.Queries.Commands.Count);
        }

        // The footer's sources, the organisation, camps, deals, their participants, the deals it took part in, roles, models,
        // the dataset rows they were reported in, every organisation of each (a joint model's partners), events, then all citations at once; then the History's changes and
        // the values also reported (whatever the organisation holds).
        Assert.All(counts, c => Assert.Equal(counts[0], c));
        Assert.Equal(14, counts[0]);
    }
}
