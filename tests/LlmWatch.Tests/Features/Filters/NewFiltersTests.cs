using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Features.Filters;

/// <summary>The filters readers reach for, with the same names on the page and in the API: company on deals, openSource on models, from/to on events.</summary>
[Collection(AppCollection.Name)]
public sealed class NewFiltersTests(LlmWatchFactory app)
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> ApiAsync(string url)
    {
        using var client = app.CreateClient("en");
        using var response = await client.GetAsync(url);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static List<string> Attr(string html, string name) => Regex.Matches(html, $"{name}=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

    private static List<string> Slugs(JsonElement body, string property = "slug") =>
        body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(property).GetString()!).ToList();

    [Fact]
    public async Task Company_narrows_the_funding_rounds_on_the_page_and_in_the_API_alike()
    {
        var (status, body) = await ApiAsync("/api/funding-rounds?company=zhipu-ai");
        Assert.Equal(HttpStatusCode.OK, status);
        var (_, all) = await ApiAsync("/api/funding-rounds");
        Assert.InRange(body.GetProperty("total").GetInt32(), 1, all.GetProperty("total").GetInt32() - 1);
        Assert.All(body.GetProperty("items").EnumerateArray(), i => Assert.Equal("zhipu-ai", i.GetProperty("company").GetString()));

        var (_, html) = await app.GetPageAsync("/funding?company=zhipu-ai");
        Assert.Equal(Slugs(body, "id").Order(), Attr(html, "data-deal").Order());
    }

    [Fact]
    public async Task A_company_with_no_deals_is_refused_by_the_API_and_noticed_by_the_page()
    {
        var (status, body) = await ApiAsync("/api/funding-rounds?company=baichuan-ai-nonexistent");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("company", body.GetProperty("parameter").GetString());
        var (_, html) = await app.GetPageAsync("/funding?company=baichuan-ai-nonexistent");
        Assert.Matches("(?s)data-testid=\"query-notice\".{0,1500}company", html);
    }

    [Theory]
    [InlineData("true")]
    public async Task OpenSource_narrows_the_models_on_the_page_and_in_the_API_alike(string value)
    {
        var (status, body) = await ApiAsync("/api/models?pageSize=1000&openSource=" + value);
        Assert.Equal(HttpStatusCode.OK, status);
        var (_, all) = await ApiAsync("/api/models?pageSize=1000");
        Assert.InRange(body.GetProperty("total").GetInt32(), 1, all.GetProperty("total").GetInt32() - 1);
        Assert.All(body.GetProperty("items").EnumerateArray(), i => Assert.Equal(value == "true", i.GetProperty("openSource").GetBoolean()));

        // Every row on one page (the registry holds more than a page since Epoch AI's rows came in).
        var (_, html) = await app.GetPageAsync("/models?pageSize=1000&openSource=" + value);
        Assert.Equal(Slugs(body).Order(), Attr(html, "data-model").Order());
        Assert.DoesNotContain("data-testid=\"query-notice\"", html);
        // The older spelling still opens the same view.
        var (_, old) = await app.GetPageAsync("/models?pageSize=1000&open=" + value);
        Assert.Equal(Slugs(body).Order(), Attr(old, "data-model").Order());
    }

    [Fact]
    public async Task An_openSource_that_is_not_true_or_false_is_refused_naming_it()
    {
        var (status, body) = await ApiAsync("/api/models?openSource=maybe");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("openSource", body.GetProperty("parameter").GetString());
        var (_, html) = await app.GetPageAsync("/models?openSource=maybe");
        Assert.Matches("(?s)data-testid=\"query-notice\".{0,1500}openSource", html);
    }

    [Theory]
    [InlineData("from=2023-07&to=2023-07")]
    [InlineData("from=2023-07-11&to=2023-07-14")]
    [InlineData("from=2022&to=2022")]
    [InlineData("to=2019")]
    public async Task From_and_to_take_a_year_a_month_or_a_day_and_narrow_the_events_on_page_and_API_alike(string query)
    {
        var (status, body) = await ApiAsync("/api/events?pageSize=1000&" + query);
        Assert.Equal(HttpStatusCode.OK, status);
        var (_, all) = await ApiAsync("/api/events?pageSize=1000");
        Assert.InRange(body.GetProperty("total").GetInt32(), 1, all.GetProperty("total").GetInt32() - 1);

        var (_, html) = await app.GetPageAsync("/timeline?" + query);
        Assert.Equal(Slugs(body).Order(), Attr(html, "data-event").Order());
        Assert.DoesNotContain("data-testid=\"query-notice\"", html);
    }

    [Fact]
    public async Task July_2023_holds_the_days_of_July_and_the_events_known_only_to_2023_and_nothing_else()
    {
        var (_, body) = await ApiAsync("/api/events?pageSize=1000&from=2023-07&to=2023-07");
        var dates = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("date").GetString()!).ToList();
        Assert.Contains(dates, d => d.StartsWith("2023-07", StringComparison.Ordinal));
        Assert.All(dates, d => Assert.True(d == "2023" || d.StartsWith("2023-07", StringComparison.Ordinal), d));
    }

    [Theory]
    [InlineData("from=2023-13", "from")]
    [InlineData("from=2023-07&to=2023-01", "to")]
    public async Task A_date_not_understood_is_refused_by_the_API_and_noticed_by_the_timeline(string query, string parameter)
    {
        var (status, body) = await ApiAsync("/api/events?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(parameter, body.GetProperty("parameter").GetString());
        var (pageStatus, html) = await app.GetPageAsync("/timeline?" + query);
        Assert.Equal(HttpStatusCode.OK, pageStatus);
        Assert.Matches($"(?s)data-testid=\"query-notice\".{{0,1500}}{parameter}", html);
    }
}
