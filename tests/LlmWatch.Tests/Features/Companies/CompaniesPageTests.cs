using System.Net;
using System.Text.RegularExpressions;
using LlmWatch.Tests.Infrastructure;
using LlmWatch.Web.Features.Companies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmWatch.Tests.Features.Companies;

[Collection(AppCollection.Name)]
public sealed class CompaniesPageTests(LlmWatchFactory app)
{
    private static List<string> Slugs(string html) =>
        Regex.Matches(html, @"data-testid=""company-row"" data-slug=""([a-z0-9-]+)""").Select(m => m.Groups[1].Value).ToList();

    [Theory]
    [InlineData("en", "Companies", "Baichuan Intelligence")]
    [InlineData("zh-CN", "机构名录", "百川智能")]
    public async Task The_directory_is_prerendered_in_the_readers_language_with_the_first_page_of_rows(string language, string title, string name)
    {
        var (status, html) = await app.GetPageAsync("/companies", language);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($">{title}</h1>", html);
        Assert.Contains(name, html);
        Assert.Equal(20, Slugs(html).Count);
        Assert.DoesNotContain("data-testid=\"query-notice\"", html);
    }

    [Fact]
    public async Task Choosing_the_vertical_camp_keeps_DataGrand_and_drops_Baidu()
    {
        var (_, html) = await app.GetPageAsync("/companies?camp=vertical", "zh-CN");

        Assert.Equal(["datagrand"], Slugs(html));
        Assert.Contains("达观数据", html);
        Assert.Contains("共 1 家机构", html);
    }

    [Fact]
    public async Task Several_camps_at_once_keep_the_members_of_each()
    {
        var (_, html) = await app.GetPageAsync("/companies?camp=vertical,general");

        var slugs = Slugs(html);
        Assert.Contains("datagrand", slugs);
        Assert.Contains("baidu", slugs);
        Assert.Contains("alibaba", slugs);
        Assert.DoesNotContain("hillhouse", slugs);
        // The filter form shows both camps ticked (checkboxes named camp, as the query string names them).
        Assert.Contains("name=\"camp\" value=\"vertical\" checked", html);
        Assert.Contains("name=\"camp\" value=\"general\" checked", html);
    }

    [Theory]
    [InlineData("百川", "baichuan")]
    [InlineData("智谱", "zhipu-ai")]
    [InlineData("ZHIPU", "zhipu-ai")]
    [InlineData("baichuan", "baichuan")]
    [InlineData("bai chuan", "baichuan")]
    [InlineData("MiniMAX", "minimax")]
    [InlineData("鲸选社", "ai-jingxuanshe")]
    public async Task Search_finds_by_Chinese_substring_English_name_pinyin_or_alias(string query, string slug)
    {
        var (_, html) = await app.GetPageAsync("/companies?q=" + Uri.EscapeDataString(query));

        Assert.Contains(slug, Slugs(html));
        Assert.DoesNotContain("baidu", Slugs(html));
    }

    [Fact]
    public async Task Search_treats_like_wildcards_as_plain_text()
    {
        var (_, html) = await app.GetPageAsync("/companies?q=" + Uri.EscapeDataString("%"));

        Assert.Empty(Slugs(html));
        Assert.Contains("data-testid=\"empty-state\"", html);
    }

    [Theory]
    [InlineData("kind=investor", "hillhouse", "baidu")]
    [InlineData("status=acquired", "guangnian-zhiwai", "baidu")]
    [InlineData("from=2021&to=2021", "minimax", "baichuan")]
    [InlineData("from=2022", "baichuan", "minimax")]
    public async Task Kind_status_and_founding_year_filter_through_the_query_string(string query, string kept, string dropped)
    {
        var (_, html) = await app.GetPageAsync("/companies?" + query);

        var slugs = Slugs(html);
        Assert.Contains(kept, slugs); // 百川智能 and 光年之外: founded 2023, inferred from context
        Assert.DoesNotContain(dropped, slugs);
    }

    [Fact]
    public async Task Sorting_by_latest_valuation_puts_the_highest_first()
    {
        var (_, html) = await app.GetPageAsync("/companies?sort=valuation");

        Assert.Equal(["zhipu-ai", "minimax"], Slugs(html).Take(2));
    }

    [Fact]
    public async Task Sorting_by_disclosed_funding_puts_the_largest_first()
    {
        var (_, html) = await app.GetPageAsync("/companies?sort=funding");

        // 20亿元 (about US$290M at least) raised by 光年之外 is more than Baichuan's US$50M.
        var slugs = Slugs(html);
        Assert.True(slugs.IndexOf("guangnian-zhiwai") < slugs.IndexOf("baichuan"), string.Join(",", slugs));
    }

    [Fact]
    public async Task The_second_page_holds_other_rows()
    {
        var (_, first) = await app.GetPageAsync("/companies");
        var (_, second) = await app.GetPageAsync("/companies?page=2");

        Assert.NotEmpty(Slugs(second));
        Assert.Empty(Slugs(first).Intersect(Slugs(second)));
        // As many pages as the seed's organisations fill (the article's and those Epoch AI's rows bring).
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LlmWatch.Data.LlmWatchDbContext>>().CreateDbContextAsync();
        var pages = (await db.Organizations.CountAsync() + CompanyFilter.DefaultPageSize - 1) / CompanyFilter.DefaultPageSize;
        Assert.True(pages >= 3);
        Assert.Contains($"page 2 of {pages}", second);
    }

    [Theory]
    [InlineData("camp=foo", "camp")]
    [InlineData("page=-1", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("sort=zzz", "sort")]
    [InlineData("from=2023-13", "from")]
    [InlineData("kind=alien", "kind")]
    [InlineData("status=%00", "status")]
    public async Task Malformed_query_values_are_ignored_with_a_visible_notice(string query, string parameter)
    {
        var (status, html) = await app.GetPageAsync("/companies?" + query);

        Assert.Equal(HttpStatusCode.OK, status);
        var notice = Regex.Match(html, @"data-testid=""query-notice""[\s\S]*?were ignored: ([^<]*)\.");
        Assert.True(notice.Success, "no notice");
        Assert.Contains(parameter, notice.Groups[1].Value);
        Assert.NotEmpty(Slugs(html));
    }

    [Fact]
    public async Task A_good_filter_survives_beside_a_bad_one()
    {
        var (_, html) = await app.GetPageAsync("/companies?camp=vertical,foo");

        Assert.Equal(["datagrand"], Slugs(html));
        Assert.Contains("data-testid=\"query-notice\"", html);
    }

    [Theory]
    [InlineData("en", "No organisation matches these filters.")]
    [InlineData("zh-CN", "没有符合条件的机构。")]
    public async Task No_match_shows_a_helpful_empty_state_with_a_way_out(string language, string text)
    {
        var (_, html) = await app.GetPageAsync("/companies?q=qqqqzzzz", language);

        Assert.Contains(text, html);
        Assert.Matches(@"data-testid=""empty-state""[\s\S]*href=""/companies""", html);
        Assert.Contains("data-testid=\"clear-filters\"", html);
    }

    [Fact]
    public async Task Undisclosed_rounds_are_counted_not_shown_as_zero()
    {
        var (_, html) = await app.GetPageAsync("/companies?q=minimax");

        Assert.Contains("+ 3 undisclosed", html);
        Assert.DoesNotContain("US$0", html);
    }

    [Fact]
    public async Task The_csv_link_carries_the_current_filters_without_the_page()
    {
        var (_, html) = await app.GetPageAsync("/companies?camp=vertical&sort=valuation&page=1");

        Assert.Contains("href=\"/companies.csv?camp=vertical&sort=valuation\"", html.Replace("&amp;", "&"));
    }

    [Fact]
    public async Task The_directory_loads_with_the_same_number_of_queries_whatever_it_shows()
    {
        await app.GetPageAsync("/companies");
        var counts = new List<int>();
        foreach (var url in new[] { "/companies", "/companies?camp=vertical", "/companies?camp=none&sort=funding", "/companies?q=%E7%99%BE" })
        {
            await app.ForgetCachedAnswersAsync();
            app.Queries.Reset();
            await app.GetPageAsync(url);
            counts.Add(app.Queries.Commands.Count);
        }

        // The footer's sources, the count, the page of organisations, their deals.
        Assert.All(counts, c => Assert.Equal(4, c));
    }
}
