using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Features.Filters;

/// <summary>A date filter says how many rows it leaves out for want of the date, and includeUndated=true keeps them, on pages and API alike.</summary>
[Collection(AppCollection.Name)]
public sealed class UndatedFilterTests(LlmWatchFactory app)
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> ApiAsync(string url)
    {
        using var client = app.CreateClient("en");
        using var response = await client.GetAsync(url);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static int Notice(string html) =>
        int.Parse(Regex.Match(html, "data-testid=\"undated-notice\" data-count=\"(\\d+)\"").Groups[1].Value);

    private static List<string> Attr(string html, string name) => Regex.Matches(html, $"{name}=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

    [Fact]
    public async Task The_directory_says_how_many_have_no_founding_date_and_links_to_include_them()
    {
        var (_, all) = await ApiAsync("/api/companies?pageSize=1000");
        var undated = all.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("foundedOn").ValueKind == JsonValueKind.Null);
        Assert.True(undated > 0);

        var (status, html) = await app.GetPageAsync("/companies?from=2021");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(undated, Notice(html));
        Assert.Contains($"{undated} more have no founding date and are left out by the date filter.", html);
        Assert.Contains("href=\"/companies?from=2021&includeUndated=true\"", html);

        var (_, dated) = await ApiAsync("/api/companies?from=2021");
        var (_, included) = await ApiAsync("/api/companies?from=2021&includeUndated=true");
        Assert.Equal(dated.GetProperty("total").GetInt32() + undated, included.GetProperty("total").GetInt32());

        var (_, includedPage) = await app.GetPageAsync("/companies?from=2021&includeUndated=true&pageSize=100", "zh-CN");
        Assert.Contains($"已一并列出 {undated} 条没有成立日期的记录。", includedPage);
        Assert.Contains("href=\"/companies?from=2021&pageSize=100\"", includedPage);
    }

    [Fact]
    public async Task Without_a_date_filter_nothing_is_left_out_and_nothing_is_said()
    {
        var (_, html) = await app.GetPageAsync("/companies?camp=general");
        Assert.DoesNotContain("undated-notice", html);
        var (_, timeline) = await app.GetPageAsync("/timeline");
        Assert.DoesNotContain("undated-notice", timeline);
    }

    [Fact]
    public async Task The_timeline_counts_its_undated_events_and_includes_them_when_asked()
    {
        var (_, all) = await ApiAsync("/api/events?pageSize=1000");
        var undated = all.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("date").ValueKind == JsonValueKind.Null);

        var (_, html) = await app.GetPageAsync("/timeline?from=2023-07&to=2023-07");
        Assert.Equal(undated, Notice(html));

        var (_, july) = await ApiAsync("/api/events?from=2023-07&to=2023-07");
        var (_, withUndated) = await ApiAsync("/api/events?from=2023-07&to=2023-07&includeUndated=true");
        Assert.Equal(july.GetProperty("total").GetInt32() + undated, withUndated.GetProperty("total").GetInt32());
        var (_, page) = await app.GetPageAsync("/timeline?from=2023-07&to=2023-07&includeUndated=true");
        Assert.Contains("data-year=\"undated\"", page);
    }

    [Fact]
    public async Task The_registry_counts_models_with_no_release_date_under_a_date_filter()
    {
        var (_, all) = await ApiAsync("/api/models?pageSize=1000");
        var undated = all.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("releasedOn").ValueKind == JsonValueKind.Null);
        Assert.True(undated > 0);

        var (_, html) = await app.GetPageAsync("/models?from=2023");
        Assert.Equal(undated, Notice(html));
        var (_, dated) = await ApiAsync("/api/models?from=2023");
        var (_, included) = await ApiAsync("/api/models?from=2023&includeUndated=true");
        Assert.Equal(dated.GetProperty("total").GetInt32() + undated, included.GetProperty("total").GetInt32());
        var (_, page) = await app.GetPageAsync("/models?from=2023&includeUndated=true&pageSize=1000");
        Assert.Equal(included.GetProperty("total").GetInt32(), Attr(page, "data-model").Count);
    }

    [Fact]
    public async Task The_funding_page_counts_undated_deals_a_date_filter_leaves_out_and_keeps_them_when_asked()
    {
        var (_, all) = await ApiAsync("/api/funding-rounds?pageSize=1000");
        var undated = all.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("date").ValueKind == JsonValueKind.Null)
            .Select(i => i.GetProperty("id").GetString()!).ToList();
        Assert.NotEmpty(undated);

        var (_, html) = await app.GetPageAsync("/funding?from=2023");
        Assert.Equal(undated.Count, Notice(html));
        Assert.DoesNotContain(undated[0], Attr(html, "data-deal"));

        var (_, dated) = await ApiAsync("/api/funding-rounds?from=2023");
        var (_, included) = await ApiAsync("/api/funding-rounds?from=2023&includeUndated=true");
        Assert.Equal(dated.GetProperty("total").GetInt32() + undated.Count, included.GetProperty("total").GetInt32());
        var (_, page) = await app.GetPageAsync("/funding?from=2023&includeUndated=true");
        Assert.Subset(Attr(page, "data-deal").ToHashSet(), undated.ToHashSet());
    }

    [Theory]
    [InlineData("/api/funding-rounds?from=2023&includeUndated=no")]
    [InlineData("/api/companies?from=2021&includeUndated=maybe")]
    [InlineData("/api/events?from=2023&includeUndated=1")]
    [InlineData("/api/models?from=2023&includeUndated=yes")]
    public async Task An_includeUndated_that_is_not_true_or_false_is_refused_naming_it(string url)
    {
        var (status, body) = await ApiAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("includeUndated", body.GetProperty("parameter").GetString());
    }
}
