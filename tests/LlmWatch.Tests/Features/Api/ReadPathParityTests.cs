using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmWatch.Data;
using LlmWatch.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmWatch.Tests.Features.Api;

/// <summary>The API is a second view of the pages' queries: the same question gets the same organisations in the same order.</summary>
public sealed partial class ReadPathParityTests(ReadPathParityTests.UnthrottledFactory app) : IClassFixture<ReadPathParityTests.UnthrottledFactory>
{
    /// <summary>The app with a rate limit no test run reaches: this test asks thousands of questions.</summary>
    public sealed class UnthrottledFactory : LlmWatchFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RateLimiting:Api:PermitLimit", "1000000");
        }
    }

    [Fact]
    public async Task Every_short_substring_of_every_name_alias_and_pinyin_finds_the_same_organisations_in_the_directory_and_the_api()
    {
        var texts = await SearchTextsAsync();
        Assert.True(texts.Count > 500, $"only {texts.Count} search texts");
        using var client = app.CreateClient("en");
        using var gate = new SemaphoreSlim(4);
        var checkedTexts = await Task.WhenAll(texts.Select(async text =>
        {
            await gate.WaitAsync();
            try
            {
                var query = "?pageSize=1000&q=" + Uri.EscapeDataString(text);
                var page = await PageSlugsAsync(client, "/companies" + query);
                var api = await ApiSlugsAsync(client, "/api/companies" + query);
                Assert.True(page.SequenceEqual(api), $"'{text}': page [{string.Join(",", page)}], api [{string.Join(",", api)}]");
                return page.Count;
            }
            finally
            {
                gate.Release();
            }
        }));
        Assert.All(checkedTexts, found => Assert.InRange(found, 1, 1000));
    }

    [Theory]
    [InlineData("camp=general")]
    [InlineData("camp=vertical,application&sort=valuation")]
    [InlineData("kind=startup&status=active&from=2019&to=2023&sort=founded")]
    [InlineData("q=AI&sort=funding")]
    public async Task The_same_filter_gives_the_same_list(string query)
    {
        using var client = app.CreateClient("en");

        var page = await PageSlugsAsync(client, $"/companies?pageSize=1000&{query}");
        var api = await ApiSlugsAsync(client, $"/api/companies?pageSize=1000&{query}");

        Assert.NotEmpty(page);
        Assert.Equal(page, api);
    }

    [Theory]
    [InlineData("camp=unicorn", "camp")]
    [InlineData("kind=bank", "kind")]
    [InlineData("from=19x9", "from")]
    [InlineData("sort=cheapest", "sort")]
    [InlineData("page=0", "page")]
    public async Task A_value_outside_the_closed_set_is_the_pages_notice_and_the_apis_400(string query, string parameter)
    {
        using var client = app.CreateClient("en");

        var (status, html) = await app.GetPageAsync($"/companies?{query}");
        using var api = await client.GetAsync($"/api/companies?{query}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-testid=\"query-notice\"", html);
        Assert.Contains(parameter, html[html.IndexOf("data-testid=\"query-notice\"", StringComparison.Ordinal)..]);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        using var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync());
        Assert.Equal(parameter, problem.RootElement.GetProperty("parameter").GetString());
    }

    private async Task<List<string>> SearchTextsAsync()
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<LlmWatchDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await SearchTexts.OfOrganizationsAsync(db);
    }

    private static async Task<List<string>> PageSlugsAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return RowSlug().Matches(await response.Content.ReadAsStringAsync()).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
    }

    private static async Task<List<string>> ApiSlugsAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()!).ToList();
    }

    [GeneratedRegex("data-testid=\"company-row\" data-slug=\"([^\"]+)\"")]
    private static partial Regex RowSlug();
}
