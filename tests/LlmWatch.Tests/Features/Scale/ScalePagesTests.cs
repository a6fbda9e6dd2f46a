using System.Net;
using System.Text.RegularExpressions;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Features.Scale;

/// <summary>
/// With thousands of organisations, people and citations of one source, the browse pages stay small and send the same number
/// of queries as over the seed: nothing lists every organisation, person or citation.
/// </summary>
[Collection(BrowseScaleCollection.Name)]
public sealed class ScalePagesTests(ScaleFactory app)
{
    private const int MaxHtmlBytes = 300_000;

    // The timeline shows 100 events a page, each with its links and quoted citations: the most a page holds, whatever the data.
    private const int MaxTimelineHtmlBytes = 500_000;

    // The prerendered state comes back to the server when the circuit opens, under its 512 KB receive limit.
    private const int MaxStateBytes = 256_000;

    public static TheoryData<string, int> Pages => new()
    {
        // Footer, page; for the events on it notes, four kinds of links, citations; for the model releases on it their organisations,
        // citations and dataset reports. The count and the years of the jump-to-year bar are kept from the first load until the data change.
        { "/timeline", 11 },
        // The company and person looked up; a person filter keeps no model release, so the events' queries only.
        { "/timeline?company=scale-org-0042&person=scale-person-0042", 10 },
        // Footer, count, page, citations, the page's models' organisations (joint work), the releases-per-year chart.
        { "/models", 6 },
        // The same, and the organisation looked up.
        { "/models?org=scale-org-0042", 7 },
        // Footer, count, page, roles.
        { "/people", 4 },
        { "/people?company=scale-org-0042", 5 },
        // Footer, counts per camp, one query per camp (five), viewpoints, their citations, the article's day and the models released after it.
        { "/camps", 11 },
        // Footer, whether the source is a dataset, the source, each quote's first facts and count, one query per kind of fact (nine).
        { "/sources/" + ScaleFactory.SourceId, 13 },
        // The same, and one page of a sentence's facts.
        { "/sources/" + ScaleFactory.SourceId + "?s=2&page=3", 14 },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_stays_small_and_sends_a_fixed_number_of_queries(string url, int queries)
    {
        await app.GetPageAsync(url);
        await app.ForgetCachedAnswersAsync();
        app.Queries.Reset();

        using var client = app.CreateClient("en");
        using var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("data-testid=\"query-notice\"", html);
        Assert.InRange(html.Length, 1, url.StartsWith("/timeline", StringComparison.Ordinal) ? MaxTimelineHtmlBytes : MaxHtmlBytes);
        Assert.InRange(PersistedStateBytes(html), 0, MaxStateBytes);
        Assert.True(app.Queries.Commands.Count == queries, $"{app.Queries.Commands.Count}\n" + string.Join("\n---\n", app.Queries.Commands));
    }

    [Fact]
    public async Task A_filter_named_in_the_address_is_looked_up_and_narrows_the_list()
    {
        var (_, models) = await app.GetPageAsync("/models?org=scale-org-0042");
        var (_, people) = await app.GetPageAsync("/people?company=scale-org-0042");
        var (_, timeline) = await app.GetPageAsync("/timeline?person=scale-person-0042");

        Assert.Equal(["scale-model-0042"], Regex.Matches(models, "data-model=\"([^\"]+)\"").Select(m => m.Groups[1].Value));
        Assert.Equal(["scale-person-0042"], Regex.Matches(people, "data-person=\"([^\"]+)\"").Select(m => m.Groups[1].Value));
        Assert.Equal(["scale-event-0042"], Regex.Matches(timeline, "data-event=\"([^\"]+)\"").Select(m => m.Groups[1].Value));
        // The filter shows the company it was given by name.
        Assert.Contains("value=\"Scale Company 0042\"", models);
    }

    [Theory]
    [InlineData("/models?org=scale-person-0042", "org")]
    [InlineData("/people?company=no-such-company", "company")]
    [InlineData("/timeline?company=no-such-company", "company")]
    public async Task A_slug_that_names_nothing_filterable_is_ignored_with_a_notice(string url, string name)
    {
        var (status, html) = await app.GetPageAsync(url);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches($"(?s)data-testid=\"query-notice\".{{0,800}}?: {name}\\.", html);
    }

    [Fact]
    public async Task A_camp_shows_its_count_and_first_members_and_links_to_the_rest()
    {
        var (_, html) = await app.GetPageAsync("/camps");

        var counts = Regex.Matches(html, @"Members \(([\d,]+)\)").Select(m => int.Parse(m.Groups[1].Value.Replace(",", ""))).ToList();
        Assert.Equal(4, counts.Count);
        Assert.All(counts, count => Assert.True(count >= ScaleFactory.Rows / 5, $"{count}"));
        Assert.Contains("href=\"/companies?camp=general\"", html);
        Assert.Contains("href=\"/companies?camp=none\"", html);
        Assert.True(Regex.Matches(html, "data-testid=\"member\"").Count <= 5 * LlmWatch.Web.Features.Camps.CampQueries.MembersShown);
    }

    [Fact]
    public async Task A_sentence_cited_thousands_of_times_shows_its_first_facts_and_pages_through_the_rest()
    {
        var (_, html) = await app.GetPageAsync("/sources/" + ScaleFactory.SourceId);

        Assert.Equal(3, Regex.Matches(html, "data-testid=\"cited-sentence\"").Count);
        Assert.Equal(30, Regex.Matches(html, "data-testid=\"citing-fact\"").Count);
        Assert.Contains($"and {ScaleFactory.Rows - 10:N0} more", html);
        Assert.Contains("href=\"/sources/scale?s=2\"", html);

        var (_, paged) = await app.GetPageAsync("/sources/" + ScaleFactory.SourceId + "?s=2&page=3");
        Assert.Equal(20 + 100, Regex.Matches(paged, "data-testid=\"citing-fact\"").Count);
        Assert.Contains("href=\"/people/scale-person-0201\"", paged);
        Assert.Contains("data-testid=\"facts-pages\"", paged);
        Assert.Matches("<mark id=\"s-2\" tabindex=\"-1\" class=\"lw-sentence lw-cited lw-sentence-target\"", paged);
    }

    [Fact]
    public async Task A_quote_in_the_link_still_marks_its_sentence_in_a_source_cited_thousands_of_times()
    {
        var (_, html) = await app.GetPageAsync("/sources/" + ScaleFactory.SourceId + "?q=" + Uri.EscapeDataString("说的是事件"));

        Assert.Matches("<mark id=\"s-3\" tabindex=\"-1\" class=\"lw-sentence lw-cited lw-sentence-target\"", html);
    }

    private static int PersistedStateBytes(string html) =>
        Regex.Match(html, "<!--Blazor-Server-Component-State:([^-]*)-->") is { Success: true } m ? m.Groups[1].Length : 0;
}
