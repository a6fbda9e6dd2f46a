using System.Net;
using System.Text.Json;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Features.Api;

[Collection(AppCollection.Name)]
public sealed class ApiTests(LlmWatchFactory app)
{
    private async Task<(HttpStatusCode Status, JsonElement Body, string? ContentType)> GetAsync(string url)
    {
        using var client = app.CreateClient("en");
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), response.Content.Headers.ContentType?.MediaType);
    }

    private static void HasExactly(JsonElement element, params string[] properties) =>
        Assert.Equal(properties.Order(), element.EnumerateObject().Select(p => p.Name).Order());

    private static void IsCitationList(JsonElement citations)
    {
        Assert.Equal(JsonValueKind.Array, citations.ValueKind);
        Assert.NotEqual(0, citations.GetArrayLength());
        foreach (var citation in citations.EnumerateArray())
        {
            HasExactly(citation, "sourceId", "quote");
            Assert.Equal("huxiu-2023-08-02", citation.GetProperty("sourceId").GetString());
        }
    }

    private static void IsPage(JsonElement body, int page = 1, int pageSize = 100)
    {
        HasExactly(body, "items", "total", "page", "pageSize");
        Assert.Equal(page, body.GetProperty("page").GetInt32());
        Assert.Equal(pageSize, body.GetProperty("pageSize").GetInt32());
        Assert.True(body.GetProperty("total").GetInt32() >= body.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Companies_list_has_the_documented_shape()
    {
        var (status, body, type) = await GetAsync("/api/companies");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", type);
        IsPage(body);
        Assert.True(body.GetProperty("total").GetInt32() >= 40);
        foreach (var item in body.GetProperty("items").EnumerateArray())
        {
            HasExactly(item, "slug", "nameZh", "nameEn", "kind", "camp", "foundedOn", "status", "acquiredBy", "city", "country");
            Assert.Contains(item.GetProperty("kind").GetString(), new[] { "startup", "big-tech", "ai-company", "listed-company", "investor", "research-institute", "other" });
            Assert.Contains(item.GetProperty("camp").GetString(), new[] { "general", "vertical", "built-on-others", "application", "none" });
            Assert.Contains(item.GetProperty("status").GetString(), new[] { "active", "acquired", "closed" });
        }
    }

    [Fact]
    public async Task An_acquired_company_names_its_acquirer_by_slug()
    {
        var (_, body, _) = await GetAsync("/api/companies?pageSize=1000");

        var oneflow = body.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("slug").GetString() == "oneflow");
        Assert.Equal("acquired", oneflow.GetProperty("status").GetString());
        Assert.Equal("guangnian-zhiwai", oneflow.GetProperty("acquiredBy").GetString());
    }

    [Theory]
    [InlineData("camp=vertical", "datagrand", "baidu")]
    [InlineData("camp=general", "baidu", "datagrand")]
    [InlineData("kind=investor", "hillhouse", "baidu")]
    [InlineData("q=%E7%99%BE%E5%B7%9D", "baichuan", "baidu")]
    [InlineData("q=%E6%99%BA%E8%B0%B1", "zhipu-ai", "baai")]
    [InlineData("q=minimax", "minimax", "baichuan")]
    [InlineData("q=bai%20chuan", "baichuan", "minimax")]
    public async Task Companies_filter_by_camp_kind_and_search(string query, string included, string excluded)
    {
        var (status, body, _) = await GetAsync("/api/companies?pageSize=1000&" + query);

        Assert.Equal(HttpStatusCode.OK, status);
        var slugs = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()).ToList();
        Assert.Contains(included, slugs);
        Assert.DoesNotContain(excluded, slugs);
        Assert.Equal(slugs.Count, body.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Paging_splits_the_list_without_overlap()
    {
        var (_, first, _) = await GetAsync("/api/companies?page=1&pageSize=10");
        var (_, second, _) = await GetAsync("/api/companies?page=2&pageSize=10");

        IsPage(first, 1, 10);
        IsPage(second, 2, 10);
        var a = first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()).ToList();
        var b = second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()).ToList();
        Assert.Equal(10, a.Count);
        Assert.Empty(a.Intersect(b));
        Assert.Equal(first.GetProperty("total").GetInt32(), second.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("/api/companies?camp=unicorn", "camp", "general, vertical, built-on-others, application, none")]
    [InlineData("/api/companies?kind=bank", "kind", "startup, big-tech")]
    [InlineData("/api/companies?page=0", "page", "whole number")]
    [InlineData("/api/companies?page=abc", "page", "whole number")]
    [InlineData("/api/companies?pageSize=1001", "pageSize", "1 to 1000")]
    [InlineData("/api/companies?pageSize=1e9", "pageSize", "1 to 1000")]
    [InlineData("/api/funding-rounds?kind=ipo", "kind", "equity-round, founder-capital, acquisition, ipo-filing, failed-raise")]
    [InlineData("/api/funding-rounds?from=2023-13", "from", "yyyy-MM")]
    [InlineData("/api/funding-rounds?from=2023-07&to=2023-01", "to", "before")]
    [InlineData("/api/events?kind=party", "kind", "founding, funding")]
    [InlineData("/api/events?to=yesterday", "to", "not a date")]
    [InlineData("/api/models?pageSize=-5", "pageSize", "1 to 1000")]
    [InlineData("/api/people?page=999999999999", "page", "whole number")]
    public async Task A_bad_parameter_is_a_400_problem_naming_it_and_its_allowed_values(string url, string parameter, string allowed)
    {
        var (status, body, type) = await GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", type);
        Assert.Equal(parameter, body.GetProperty("parameter").GetString());
        Assert.Contains(allowed, body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_company_has_its_summary_and_everything_it_links()
    {
        var (status, body, _) = await GetAsync("/api/companies/guangnian-zhiwai");

        Assert.Equal(HttpStatusCode.OK, status);
        foreach (var property in new[] { "slug", "nameZh", "nameEn", "kind", "camp", "foundedOn", "status", "acquiredBy", "city", "country", "people", "models", "fundingRounds", "events", "campHistory", "citations" })
            Assert.True(body.TryGetProperty(property, out _), $"missing {property}");
        Assert.Equal("meituan", body.GetProperty("acquiredBy").GetString());
        Assert.Contains(body.GetProperty("people").EnumerateArray(), p => p.GetProperty("slug").GetString() == "wang-huiwen");
        Assert.Contains(body.GetProperty("fundingRounds").EnumerateArray(), r => r.GetProperty("kind").GetString() == "acquisition");
        IsCitationList(body.GetProperty("citations"));
    }

    [Fact]
    public async Task Funding_rounds_have_the_documented_shape_with_money_bounds()
    {
        var (status, body, _) = await GetAsync("/api/funding-rounds?pageSize=1000");

        Assert.Equal(HttpStatusCode.OK, status);
        IsPage(body, 1, 1000);
        var items = body.GetProperty("items").EnumerateArray().ToList();
        foreach (var item in items)
        {
            foreach (var property in new[] { "id", "company", "date", "kind", "stage", "status", "amount", "valuation", "investors", "note", "citations" })
                Assert.True(item.TryGetProperty(property, out _), $"missing {property}");
            IsCitationList(item.GetProperty("citations"));
        }
        var baichuan = items.Single(i => i.GetProperty("id").GetString() == "baichuan-founder-capital").GetProperty("amount");
        HasExactly(baichuan, "currency", "min", "max", "text", "approximate");
        Assert.Equal(("USD", 50_000_000L, 50_000_000L), (baichuan.GetProperty("currency").GetString(), baichuan.GetProperty("min").GetInt64(), baichuan.GetProperty("max").GetInt64()));
        var meituanInZhipu = items.Single(i => i.GetProperty("id").GetString() == "meituan-invests-zhipu-ai").GetProperty("amount");
        Assert.True(meituanInZhipu.GetProperty("max").GetInt64() > meituanInZhipu.GetProperty("min").GetInt64(), "数亿元 is a range");
        var unicorn = items.Single(i => i.GetProperty("id").GetString() == "minimax-unicorn-valuation").GetProperty("valuation");
        Assert.Equal(JsonValueKind.Null, unicorn.GetProperty("max").ValueKind);
    }

    [Fact]
    public async Task Funding_rounds_filter_by_kind_and_date()
    {
        var (_, acquisitions, _) = await GetAsync("/api/funding-rounds?kind=acquisition");
        var (_, early, _) = await GetAsync("/api/funding-rounds?to=2022");

        Assert.All(acquisitions.GetProperty("items").EnumerateArray(), i => Assert.Equal("acquisition", i.GetProperty("kind").GetString()));
        Assert.Contains(acquisitions.GetProperty("items").EnumerateArray(), i => i.GetProperty("company").GetString() == "oneflow");
        Assert.All(early.GetProperty("items").EnumerateArray(), i => Assert.True(string.CompareOrdinal(i.GetProperty("date").GetString(), "2023") < 0));
        Assert.Contains(early.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == "minimax-angel");
    }

    [Fact]
    public async Task Models_have_the_documented_shape_with_parameter_ranges()
    {
        var (_, body, _) = await GetAsync("/api/models?pageSize=1000");

        var items = body.GetProperty("items").EnumerateArray().ToList();
        // Epoch AI's confidence and accessibility are there only for the models its rows made (absent, not null, for the article's).
        string[] fields = ["slug", "name", "company", "companies", "releasedOn", "parameters", "openSource", "commercialUse", "baseModel", "citations", "bases"];
        Assert.All(items, i => HasExactly(i, [.. fields, .. new[] { "confidence", "accessibility" }.Where(f => i.TryGetProperty(f, out _))]));
        Assert.Contains(items, i => i.TryGetProperty("confidence", out _));
        Assert.Contains(items, i => !i.TryGetProperty("confidence", out _));
        var baichuan = items.Single(i => i.GetProperty("slug").GetString() == "baichuan-13b");
        Assert.Equal("2023-07-11", baichuan.GetProperty("releasedOn").GetString());
        Assert.True(baichuan.GetProperty("openSource").GetBoolean());
        HasExactly(baichuan.GetProperty("parameters"), "min", "max", "text", "approximate");
    }

    [Fact]
    public async Task People_have_roles_over_time_and_pseudonyms_are_flagged()
    {
        var (_, body, _) = await GetAsync("/api/people?pageSize=1000");

        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.All(items, i => HasExactly(i, "slug", "nameZh", "nameEn", "isPseudonym", "roles", "citations", "aliases", "bases"));
        Assert.True(items.Single(i => i.GetProperty("slug").GetString() == "li-ming").GetProperty("isPseudonym").GetBoolean());
        var yuan = items.Single(i => i.GetProperty("slug").GetString() == "yuan-jinhui");
        var companies = yuan.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("company").GetString()).ToList();
        Assert.Contains("oneflow", companies);
        Assert.Contains("guangnian-zhiwai", companies);
        Assert.All(yuan.GetProperty("roles").EnumerateArray(), r => HasExactly(r, "company", "title", "from", "to", "bases"));
    }

    [Fact]
    public async Task Events_are_in_date_order_with_their_links()
    {
        var (_, body, _) = await GetAsync("/api/events?pageSize=1000");

        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.All(items, i => HasExactly(i, "slug", "date", "kind", "titleZh", "titleEn", "companies", "people", "models", "citations"));
        var dates = items.Select(i => i.GetProperty("date").GetString()).Where(d => d is not null).ToList();
        Assert.Equal(dates.Order(StringComparer.Ordinal), dates);
        // Model releases (Epoch AI's rows reach back to 2014) are entries too, keyed "model:<slug>".
        Assert.StartsWith("2014", dates[0]);
        Assert.StartsWith("model:", items[0].GetProperty("slug").GetString());
        Assert.Contains(items, i => i.GetProperty("slug").GetString() == "baidu-predicts-ai-era");
    }

    [Fact]
    public async Task Sources_list_and_detail_with_the_text()
    {
        var (_, list, _) = await GetAsync("/api/sources");
        var (status, detail, _) = await GetAsync("/api/sources/huxiu-2023-08-02");

        // The article and Epoch AI's dataset.
        Assert.Equal(2, list.GetProperty("total").GetInt32());
        Assert.False(list.GetProperty("items")[0].TryGetProperty("text", out _));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.EndsWith("注:本文中李明、张聪、赵辉等为化名。\n", detail.GetProperty("text").GetString());
        Assert.Equal("2023-08-02T18:26:29+08:00", detail.GetProperty("publishedAt").GetString());
    }

    [Theory]
    [InlineData("/api/companies/no-such-company")]
    [InlineData("/api/companies/%3Cscript%3E")]
    [InlineData("/api/sources/nope")]
    [InlineData("/api/no-such-route")]
    public async Task Unknown_things_are_a_json_404(string url)
    {
        var (status, body, type) = await GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("application/problem+json", type);
        Assert.Equal(404, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task The_api_is_described_at_openapi_v1()
    {
        var (status, body, _) = await GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, status);
        var paths = body.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(new[] { "/api/changes", "/api/companies", "/api/companies/{slug}", "/api/events", "/api/funding-rounds", "/api/models", "/api/people", "/api/sources", "/api/sources/{id}" }, paths.Order());
        Assert.Equal("LlmWatch API", body.GetProperty("info").GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_list_costs_a_fixed_number_of_queries_whatever_its_size()
    {
        // A query parameter of its own on each request, so that the output cache answers none of them.
        await GetAsync($"/api/funding-rounds?pageSize=1&fresh={Guid.NewGuid():N}");
        app.Queries.Reset();
        await GetAsync($"/api/funding-rounds?pageSize=1&fresh={Guid.NewGuid():N}");
        var one = app.Queries.Commands.Count;
        app.Queries.Reset();
        await GetAsync($"/api/funding-rounds?pageSize=1000&fresh={Guid.NewGuid():N}");

        Assert.Equal(one, app.Queries.Commands.Count);
    }
}
