using System.Net;
using System.Text.RegularExpressions;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Features.People;

[Collection(AppCollection.Name)]
public sealed class PeoplePageTests(LlmWatchFactory app)
{
    private static List<string> People(string html) =>
        Regex.Matches(html, "data-person=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

    [Theory]
    [InlineData("en", "People", "Hongxia Yang")]
    [InlineData("zh-CN", "人物", "杨红霞")]
    public async Task Everyone_the_article_names_is_listed_in_the_readers_language(string language, string title, string name)
    {
        var (status, html) = await app.GetPageAsync("/people", language);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(title, html);
        Assert.Contains(name, html);
        Assert.Equal(31, People(html).Count);
    }

    [Fact]
    public async Task Filters_narrow_to_a_companys_people_or_to_pseudonyms()
    {
        var (_, oneflow) = await app.GetPageAsync("/people?company=oneflow");
        var (_, pseudonyms) = await app.GetPageAsync("/people?pseudonym=true");

        Assert.Contains("yuan-jinhui", People(oneflow));
        Assert.DoesNotContain("yang-hongxia", People(oneflow));
        Assert.Equal(["li-ming", "zhang-cong", "zhao-hui"], People(pseudonyms).Order());
    }

    [Theory]
    [InlineData("company=nobody", "company")]
    [InlineData("pseudonym=maybe", "pseudonym")]
    [InlineData("page=0", "page")]
    public async Task A_value_not_understood_is_ignored_with_a_notice(string query, string name)
    {
        var (status, html) = await app.GetPageAsync("/people?" + query);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches($"(?s)data-testid=\"query-notice\".{{0,800}}?: {name}\\.", html);
        Assert.Equal(31, People(html).Count);
    }

    [Theory]
    [InlineData("yang-hongxia", "damo-academy", "bytedance")]
    [InlineData("yuan-jinhui", "oneflow", "guangnian-zhiwai")]
    [InlineData("wang-xiaochuan", "sogou", "baichuan")]
    public async Task A_career_runs_in_the_order_the_article_tells_it(string person, string earlier, string later)
    {
        var (status, html) = await app.GetPageAsync($"/people/{person}");

        Assert.Equal(HttpStatusCode.OK, status);
        var companies = Regex.Matches(html, "href=\"/companies/([^\"]+)\" class=\"lw-card-title\" data-testid=\"role-company\"").Select(m => m.Groups[1].Value).ToList();
        Assert.True(companies.IndexOf(earlier) >= 0 && companies.IndexOf(earlier) < companies.IndexOf(later), string.Join(", ", companies));
    }

    [Theory]
    [InlineData("en", "Pseudonym", "Career")]
    [InlineData("zh-CN", "化名", "职业经历")]
    public async Task A_pseudonymous_interviewee_carries_the_articles_own_note(string language, string badge, string career)
    {
        var (_, html) = await app.GetPageAsync("/people/li-ming", language);

        Assert.Contains("data-testid=\"pseudonym-note\"", html);
        Assert.Contains(badge, html);
        Assert.Contains(career, html);
        Assert.Contains("注:本文中李明、张聪、赵辉等为化名。", html);
    }

    [Fact]
    public async Task A_person_shows_their_viewpoints_with_citations()
    {
        var (_, html) = await app.GetPageAsync("/people/zhu-xiaohu");

        Assert.Contains("data-testid=\"viewpoint\"", html);
        Assert.Contains("/sources/huxiu-2023-08-02?q=", html);
    }

    [Theory]
    [InlineData("en", "Page not found")]
    [InlineData("zh-CN", "页面不存在")]
    public async Task An_unknown_person_is_a_friendly_404(string language, string text)
    {
        var (status, html) = await app.GetPageAsync("/people/nobody-at-all", language);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains(text, html);
    }

    [Theory]
    [InlineData("/people", 4)]
    [InlineData("/people?company=baichuan", 5)]
    [InlineData("/people/yang-hongxia", 9)]
    public async Task Pages_load_with_a_fixed_number_of_queries(string url, int expected)
    {
        await app.GetPageAsync(url);
        await app.ForgetCachedAnswersAsync();
        app.Queries.Reset();

        await app.GetPageAsync(url);

        // List: footer, count, page, roles, and the organisation in the address looked up. Person: footer, person, roles, viewpoints, events,
        // the deals the person took part in, three citation queries (a fourth for those deals' citations when there are any).
        Assert.True(app.Queries.Commands.Count == expected, $"{app.Queries.Commands.Count}\n" + string.Join("\n---\n", app.Queries.Commands));
    }
}
