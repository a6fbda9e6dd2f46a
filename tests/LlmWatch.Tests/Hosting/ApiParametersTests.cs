using System.Net;
using System.Text.Json;
using LlmWatch.Tests.Infrastructure;
using LlmWatch.Web.Features.Companies;
using LlmWatch.Web.Features.Funding;
using LlmWatch.Web.Features.Models;
using LlmWatch.Web.Features.People;
using LlmWatch.Web.Features.Sources;
using LlmWatch.Web.Features.Timeline;

namespace LlmWatch.Tests.Hosting;

/// <summary>
/// Each API list reads exactly its filter class's <c>Parameters</c> (plus page and pageSize): anything else is a 400 naming it, the
/// output cache varies by those only, and /openapi/v1.json lists them.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ApiParametersTests(LlmWatchFactory app)
{
    public static TheoryData<string, string[]> Lists => new()
    {
        { "/api/companies", [.. CompanyFilter.Parameters] },
        { "/api/funding-rounds", [.. FundingFilter.Parameters] },
        { "/api/models", [.. ModelFilter.Parameters] },
        { "/api/people", [.. PeopleFilter.Parameters] },
        { "/api/events", [.. TimelineFilter.Parameters] },
        { "/api/sources", [.. SourceFilter.Parameters] },
    };

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task An_unknown_parameter_is_a_400_naming_it_even_when_the_known_part_is_cached(string path, string[] _)
    {
        using var client = app.CreateClient("en");
        using var warm = await client.GetAsync($"{path}?pageSize=3");
        Assert.Equal(HttpStatusCode.OK, warm.StatusCode);

        using var junk = await client.GetAsync($"{path}?pageSize=3&open_sesame=1");

        var problem = await ProblemAsync(junk);
        Assert.Equal("open_sesame", problem.GetProperty("parameter").GetString());
        Assert.Contains("open_sesame", problem.GetProperty("title").GetString());
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Every_declared_parameter_is_really_read(string path, string[] parameters)
    {
        // A value no filter accepts: each declared parameter (but free search text) must be refused by name — a name declared but
        // never read would answer 200.
        using var client = app.CreateClient("en");
        foreach (var name in parameters.Where(p => p != "q"))
        {
            using var response = await client.GetAsync($"{path}?{name}=%21%21");
            var problem = await ProblemAsync(response);
            Assert.Equal(name, problem.GetProperty("parameter").GetString());
        }
    }

    [Fact]
    public async Task One_item_endpoints_read_no_parameter()
    {
        using var client = app.CreateClient("en");
        using var response = await client.GetAsync("/api/sources/huxiu-2023-08-02?page=2");
        Assert.Equal("page", (await ProblemAsync(response)).GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task Parameters_are_case_sensitive_like_the_pages()
    {
        using var client = app.CreateClient("en");
        using var response = await client.GetAsync("/api/companies?Camp=general");
        Assert.Equal("Camp", (await ProblemAsync(response)).GetProperty("parameter").GetString());
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task The_openapi_document_lists_every_parameter_of_every_list_with_its_type(string path, string[] parameters)
    {
        using var client = app.CreateClient("en");
        using var json = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var operation = json.RootElement.GetProperty("paths").GetProperty(path).GetProperty("get");
        var listed = operation.GetProperty("parameters").EnumerateArray()
            .Where(p => p.GetProperty("in").GetString() == "query")
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("schema"));

        Assert.Equal([.. parameters, "asOf", "page", "pageSize"], listed.Keys.ToArray());
        Assert.Equal("integer", listed["pageSize"].GetProperty("type").GetString());
        Assert.Equal(1000, listed["pageSize"].GetProperty("maximum").GetInt32());
        foreach (var name in parameters) Assert.Equal("string", listed[name].GetProperty("type").GetString());
        if (listed.TryGetValue("camp", out var camp)) Assert.Contains("general", camp.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }
}
