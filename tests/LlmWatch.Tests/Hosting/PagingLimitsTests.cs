using System.Net;
using System.Text.Json;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Hosting;

/// <summary>
/// Page arithmetic that cannot overflow, deep pages bounded in the API, and a page past the last: a 400 in the API, an empty
/// page with a notice on pages (never the last page's rows under another number).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PagingLimitsTests(LlmWatchFactory app)
{
    private static async Task<string> ProblemDetailAsync(HttpResponseMessage response, string parameter)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(parameter, json.RootElement.GetProperty("parameter").GetString());
        return json.RootElement.GetProperty("detail").GetString()!;
    }

    [Theory]
    [InlineData("/api/companies?page=2147483647&pageSize=1000")]
    [InlineData("/api/funding-rounds?page=11&pageSize=1000")]
    [InlineData("/api/events?page=101")]
    public async Task A_page_deeper_than_the_maximum_offset_is_refused_before_any_query(string url)
    {
        using var client = app.CreateClient("en");
        app.Queries.Reset();
        using var response = await client.GetAsync(url);

        Assert.Contains("10,000", await ProblemDetailAsync(response, "page"));
        Assert.Empty(app.Queries.Commands);
    }

    [Theory]
    [InlineData("/api/companies?page=50")]
    [InlineData("/api/sources?page=2")]
    [InlineData("/api/models?page=3&pageSize=100")]
    public async Task A_page_past_the_last_is_a_400_in_the_api(string url)
    {
        using var client = app.CreateClient("en");
        using var response = await client.GetAsync(url);

        Assert.Contains("past the last page", await ProblemDetailAsync(response, "page"));
    }

    [Fact]
    public async Task The_last_page_itself_is_answered()
    {
        using var client = app.CreateClient("en");
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/companies?pageSize=7"));
        var total = json.RootElement.GetProperty("total").GetInt32();
        var last = (total + 6) / 7;

        using var response = await client.GetAsync($"/api/companies?pageSize=7&page={last}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var lastJson = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(last, lastJson.RootElement.GetProperty("page").GetInt32());
        Assert.NotEmpty(lastJson.RootElement.GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("/companies?page=999", "company-row")]
    [InlineData("/funding?page=999", "deal-row")]
    [InlineData("/models?page=999", "model-row")]
    [InlineData("/people?page=999", "person-card")]
    [InlineData("/timeline?page=999", "event\"")]
    [InlineData("/valuations?page=999", "leaderboard-row")]
    public async Task A_page_past_the_last_is_empty_with_a_notice_on_pages(string url, string rowMarker)
    {
        var (status, html) = await app.GetPageAsync(url);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-testid=\"past-the-end\"", html);
        Assert.Contains("Page 999 is past the last page", html);
        Assert.DoesNotContain($"data-testid=\"{rowMarker}", html);
    }

    [Fact]
    public async Task The_notice_speaks_chinese_too()
    {
        var (_, html) = await app.GetPageAsync("/companies?page=999", "zh-CN");
        Assert.Contains("第 999 页超出了此列表的最后一页", html);
    }
}
