using System.Net;
using System.Text.RegularExpressions;
using LlmWatch.Data;
using LlmWatch.Tests.Infrastructure;
using LlmWatch.Web.Features.Timeline;
using Microsoft.Extensions.DependencyInjection;

namespace LlmWatch.Tests.Features.Timeline;

[Collection(AppCollection.Name)]
public sealed class TimelinePageTests(LlmWatchFactory app)
{
    private static List<string> Events(string html) =>
        Regex.Matches(html, "data-event=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

    [Theory]
    [InlineData("en", "Timeline", "month only", "Known only to the year")]
    [InlineData("zh-CN", "时间线", "仅知月份", "2016年")]
    public async Task Entries_run_from_2014_in_the_readers_language(string language, string title, string precision, string heading)
    {
        var (status, html) = await app.GetPageAsync("/timeline", language);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(title, html);
        Assert.Contains(precision, html);
        Assert.Contains(heading, html);
        // 57 events and 149 dated model releases: the first page is full, and starts with Epoch AI's earliest row (2014).
        var events = Events(html);
        Assert.Equal(TimelineQueries.PageSize, events.Count);
        Assert.Equal("model:adarnn", events[0]);
        Assert.Contains("baidu-predicts-ai-era", events);
        Assert.Contains("206", html);
    }

    [Fact]
    public async Task Years_are_in_order_and_undated_events_come_last()
    {
        var (_, first) = await app.GetPageAsync("/timeline");
        var (_, last) = await app.GetPageAsync("/timeline?page=3");

        var bar = Regex.Matches(first, "data-year-link=\"([^\"]+)\"").Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.Equal(Enumerable.Range(2014, 12), bar);
        var years = Regex.Matches(first + last, "data-year=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal("2014", years[0]);
        Assert.Equal("undated", years[^1]);
        Assert.Equal(years.Where(y => y != "undated").Order(StringComparer.Ordinal), years.Where(y => y != "undated"));
    }

    [Theory]
    [InlineData("kind=open-source", "baichuan-13b-open-source-free-commercial", "baidu-predicts-ai-era")]
    [InlineData("company=baichuan", "baichuan-founded", "baidu-predicts-ai-era")]
    [InlineData("person=wang-xiaochuan", "baichuan-founded", "baidu-predicts-ai-era")]
    [InlineData("camp=general", "minimax-founded", "miaoya-camera-goes-viral")]
    public async Task Each_filter_narrows_the_events(string query, string kept, string dropped)
    {
        var (_, html) = await app.GetPageAsync("/timeline?" + query);

        var events = Events(html);
        Assert.Contains(kept, events);
        Assert.DoesNotContain(dropped, events);
        Assert.DoesNotContain("data-testid=\"query-notice\"", html);
    }

    [Fact]
    public async Task An_event_links_to_what_it_involves_and_to_its_citation()
    {
        var (_, html) = await app.GetPageAsync("/timeline?company=baichuan");

        Assert.Contains("href=\"/companies/baichuan\"", html);
        Assert.Contains("href=\"/models/baichuan-13b\"", html);
        Assert.Contains("/sources/huxiu-2023-08-02?q=", html);
    }

    [Theory]
    [InlineData("kind=party", "kind")]
    [InlineData("camp=foo", "camp")]
    [InlineData("person=nobody", "person")]
    [InlineData("page=abc", "page")]
    public async Task A_value_not_understood_is_ignored_with_a_notice(string query, string name)
    {
        var (status, html) = await app.GetPageAsync("/timeline?" + query);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches($"(?s)data-testid=\"query-notice\".{{0,800}}?: {name}\\.", html);
        Assert.Equal(TimelineQueries.PageSize, Events(html).Count);
    }

    [Fact]
    public async Task No_match_shows_an_empty_state()
    {
        var (_, html) = await app.GetPageAsync("/timeline?kind=ipo-filing&camp=application");

        Assert.Contains("data-testid=\"empty-state\"", html);
        Assert.Empty(Events(html));
    }

    [Fact]
    public async Task The_timeline_loads_with_a_fixed_number_of_queries_and_counts_a_list_once_per_data_version()
    {
        await app.GetPageAsync("/timeline?camp=general");
        await app.Services.GetRequiredService<DataChanges>().NotifyAsync();
        app.Queries.Reset();

        await app.GetPageAsync("/timeline?camp=general");
        var first = app.Queries.Commands.ToList();
        await app.ForgetCachedAnswersAsync();
        app.Queries.Reset();
        await app.GetPageAsync("/timeline?camp=general");

        // Footer, count, page; for the events on it notes, four kinds of links, citations; for the model releases on it organisations,
        // citations, dataset reports; the years of the jump-to-year bar. The filters search as the reader types, so nothing is listed for them.
        Assert.True(first.Count == 13, $"{first.Count}\n" + string.Join("\n---\n", first));
        // The count and the years are kept until the data change: the list rendered again (its pages too) asks for neither.
        Assert.True(app.Queries.Commands.Count == 11, $"{app.Queries.Commands.Count}\n" + string.Join("\n---\n", app.Queries.Commands));
        Assert.DoesNotContain(app.Queries.Commands, c => c.Contains("COUNT(*)", StringComparison.Ordinal));
    }
}
