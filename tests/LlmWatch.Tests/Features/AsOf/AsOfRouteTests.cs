using System.Net;
using System.Text.Json;
using LlmWatch.Data.Curation;
using LlmWatch.Data.Seed;
using LlmWatch.Tests.Curation;
using LlmWatch.Tests.Infrastructure;
using LlmWatch.Tests.Security;
using LlmWatch.Web.Features.Api;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LlmWatch.Tests.Features.AsOf;

/// <summary>
/// The app with a second source dated 2026-11-20 (the seed's one is 2023-08-02) and, approved through the editor's workflow, a new
/// organisation with a round and a camp resting on it.
/// </summary>
public sealed class AsOfFactory : LlmWatchFactory, IAsyncLifetime
{
    public string SourceId { get; private set; } = "";

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimiting:Api:PermitLimit", "1000000");
    }

    public async Task InitializeAsync()
    {
        var intake = Services.GetRequiredService<SourceIntake>();
        var curation = Services.GetRequiredService<CurationService>();
        var added = await intake.AddAsync(new NewSource("星河智能完成A轮融资", null, "测试日报", null, "https://example.com/xinghe", "2026-11-20", "zh", CurationFixture.Text), CurationFixture.Editor);
        SourceId = added.Id ?? throw new InvalidOperationException(string.Join("; ", added.Errors));
        async Task ApproveAsync(SeedFact fact, string quote)
        {
            var (proposal, check) = await curation.ProposeAsync(new ProposalDraft(FactDocuments.KindOf(fact), ProposalAction.Add, "", FactDocuments.Serialize(fact), SourceId, quote, "The article reports it."), CurationFixture.Editor);
            if (proposal is null) throw new InvalidOperationException(string.Join("; ", check.Errors));
            var outcome = await curation.ApproveAsync(proposal.Id, CurationFixture.Reviewer, "ok");
            if (outcome.Status != ReviewStatus.Applied) throw new InvalidOperationException(outcome.Message);
        }
        await ApproveAsync(CurationFixture.NewOrganization(), CurationFixture.CampQuote);
        await ApproveAsync(CurationFixture.NewDeal(), CurationFixture.RoundQuote);
        await ApproveAsync(new SeedCampAssignment { Slug = "xinghe-ai-general", Organization = "xinghe-ai", Camp = "general", AsOf = "2026-11-20", Basis = "stated", Citations = [] }, CurationFixture.CampQuote);
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// asOf on every page (routes found by reflection, as the hostile-input sweep finds them) and every API route (found in the app's
/// endpoints): the new organisation is absent the day before its source and present from its day; a bad asOf is a notice on a page
/// (which shows today's data) and a 400 in the API.
/// </summary>
public sealed class AsOfRouteTests(AsOfFactory app, ITestOutputHelper output) : IClassFixture<AsOfFactory>
{
    private const string Marker = "星河智能";
    private const string Before = "2026-11-19";
    private const string On = "2026-11-20";

    private static string With(string url, string query) => url + (url.Contains('?') ? "&" : "?") + query;

    private IEnumerable<string> PageUrls()
    {
        foreach (var (route, _) in HostileInputTests.PageRoutes())
        {
            // The editor's area and the account pages show no landscape; the not-found page is a 404 of its own.
            if (route.StartsWith("/curate", StringComparison.Ordinal) || route.StartsWith("/account", StringComparison.Ordinal) || route == "/not-found") continue;
            yield return route
                .Replace("/companies/{Slug}", "/companies/xinghe-ai", StringComparison.Ordinal)
                .Replace("/models/{Slug}", "/models/baichuan-13b", StringComparison.Ordinal)
                .Replace("/people/{Slug}", "/people/chen-yu", StringComparison.Ordinal)
                .Replace("/sources/{Id}", "/sources/" + app.SourceId, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Every_page_shows_the_banner_and_a_later_fact_only_from_its_sources_day()
    {
        var showing = new List<string>();
        var failures = new List<string>();
        foreach (var url in PageUrls())
        {
            var (_, today) = await app.GetPageAsync(url);
            var (beforeStatus, before) = await app.GetPageAsync(With(url, "asOf=" + Before));
            var (onStatus, on) = await app.GetPageAsync(With(url, "asOf=" + On));
            if ((int)beforeStatus >= 500 || (int)onStatus >= 500) failures.Add($"{url}: {beforeStatus}/{onStatus}");
            if (!before.Contains("data-testid=\"asof-banner\"", StringComparison.Ordinal)) failures.Add($"{url}: no banner under asOf");
            if (!today.Contains(Marker, StringComparison.Ordinal)) continue;
            showing.Add(url);
            if (url.Contains("/diff", StringComparison.Ordinal)) continue; // a diff shows its own two days whatever asOf says
            if (before.Contains(Marker, StringComparison.Ordinal)) failures.Add($"{url}: shows {Marker} before its source's day");
            if (!on.Contains(Marker, StringComparison.Ordinal)) failures.Add($"{url}: does not show {Marker} on its source's day");
        }
        output.WriteLine("Pages that show the new organisation today: " + string.Join(", ", showing));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // The directory, the profile, the camp map, funding, the source and the trail at least: the test is about something.
        foreach (var expected in new[] { "/companies", "/companies/xinghe-ai", "/camps", "/funding", "/changes" })
            Assert.Contains(expected, showing);
    }

    [Theory]
    [InlineData("/funding")]
    [InlineData("/funding?camp=general")]
    public async Task Funding_counts_and_charts_only_the_rounds_known_by_the_day(string url)
    {
        // The new round (2026-11, 数亿元) is counted and charted today; the day before its source it is neither: the unfiltered view
        // reads a summary of today's rounds, which a past view must not.
        var (_, today) = await app.GetPageAsync(url);
        var (_, before) = await app.GetPageAsync(With(url, "asOf=" + Before));
        var (_, on) = await app.GetPageAsync(With(url, "asOf=" + On));

        Assert.Equal(ResultsIn(today) - 1, ResultsIn(before));
        Assert.Equal(ResultsIn(today), ResultsIn(on));
        Assert.Contains("2026", ChartOf(today), StringComparison.Ordinal);
        Assert.DoesNotContain("2026", ChartOf(before), StringComparison.Ordinal);
    }

    private static int ResultsIn(string html) =>
        int.Parse(System.Text.RegularExpressions.Regex.Match(html, @"(\d[\d,]*) results?\b").Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);

    private static string ChartOf(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "<svg[^>]*lw-chart-svg.*?</svg>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;

    [Fact]
    public async Task Before_the_first_source_a_page_says_nothing_was_known_yet()
    {
        var (status, html) = await app.GetPageAsync("/companies?asOf=2023-08-01");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-testid=\"asof-nothing\"", html);
        Assert.DoesNotContain("data-testid=\"company-row\"", html);
        var (_, zh) = await app.GetPageAsync("/camps?asOf=2023-08-01", "zh-CN");
        Assert.Contains("当时尚无所知", zh);
        Assert.Contains("截至2023年8月1日所知", zh);
        var (_, onTheDay) = await app.GetPageAsync("/companies?asOf=2023-08-02");
        Assert.DoesNotContain("data-testid=\"asof-nothing\"", onTheDay);
        Assert.Contains("data-testid=\"company-row\"", onTheDay);
        Assert.Contains("As known on 2 Aug 2023", onTheDay);
    }

    [Theory]
    [InlineData("junk")]
    [InlineData("1989-12-31")]
    [InlineData("2999-01-01")]
    [InlineData("2023-02-30")]
    public async Task A_bad_asOf_is_a_notice_on_pages_which_show_today(string bad)
    {
        foreach (var url in PageUrls().Where(u => !u.Contains("/diff", StringComparison.Ordinal)))
        {
            var (status, html) = await app.GetPageAsync(With(url, "asOf=" + Uri.EscapeDataString(bad)));
            Assert.True(status is HttpStatusCode.OK, $"{url}: {status}");
            Assert.Contains("data-testid=\"asof-invalid\"", html);
            Assert.Contains("data-testid=\"query-notice\"", html);
            Assert.DoesNotContain("data-testid=\"asof-banner\"", html);
        }
        var (_, directory) = await app.GetPageAsync("/companies?asOf=" + Uri.EscapeDataString(bad));
        Assert.Contains(Marker, directory);
    }

    /// <summary>The app's API routes with the parameters they declare, from its endpoints.</summary>
    private List<(string Pattern, ApiQueryParameters Declared)> ApiEndpoints() => app.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true && e.Metadata.GetMetadata<ApiQueryParameters>() is not null)
        .Select(e => (e.RoutePattern.RawText!, e.Metadata.GetMetadata<ApiQueryParameters>()!))
        .ToList();

    private string Fill(string pattern) => pattern.Replace("{slug}", "xinghe-ai", StringComparison.Ordinal).Replace("{id}", app.SourceId, StringComparison.Ordinal);

    [Fact]
    public async Task Every_api_route_declares_asOf_and_refuses_a_bad_one_with_a_400_naming_it()
    {
        var endpoints = ApiEndpoints();
        Assert.True(endpoints.Count >= 9, string.Join(", ", endpoints.Select(e => e.Pattern)));
        using var client = app.CreateClient("en");
        foreach (var (pattern, declared) in endpoints)
        {
            Assert.Contains("asOf", declared.Names);
            foreach (var bad in new[] { "junk", "1989-12-31", "2999-01-01" })
            {
                using var response = await client.GetAsync(With(Fill(pattern), "asOf=" + bad));
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{pattern} asOf={bad}: {response.StatusCode} {body}");
                Assert.Equal("asOf", JsonDocument.Parse(body).RootElement.GetProperty("parameter").GetString());
            }
            using var good = await client.GetAsync(With(Fill(pattern), "asOf=2026-11-20"));
            Assert.True(good.StatusCode == HttpStatusCode.OK, $"{pattern}: {good.StatusCode}");
        }
    }

    [Theory]
    [InlineData("/api/companies?q=xinghe")]
    [InlineData("/api/funding-rounds?q=xinghe")]
    [InlineData("/api/changes?org=xinghe-ai")]
    [InlineData("/api/sources")]
    public async Task An_api_list_holds_the_later_fact_only_from_its_sources_day(string url)
    {
        using var client = app.CreateClient("en");
        async Task<string> Items(string day)
        {
            using var response = await client.GetAsync(With(url, "asOf=" + day));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("items").GetRawText();
        }
        var needle = url.Contains("sources", StringComparison.Ordinal) ? app.SourceId : "xinghe-ai";
        Assert.DoesNotContain(needle, await Items(Before));
        Assert.Contains(needle, await Items(On));
    }

    [Theory]
    [InlineData("/api/companies/xinghe-ai")]
    [InlineData("/api/sources/{id}")]
    public async Task An_api_detail_is_not_found_before_its_sources_day(string pattern)
    {
        using var client = app.CreateClient("en");
        using var before = await client.GetAsync(With(Fill(pattern), "asOf=" + Before));
        using var on = await client.GetAsync(With(Fill(pattern), "asOf=" + On));
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.OK), (before.StatusCode, on.StatusCode));
    }

    [Fact]
    public async Task The_profile_and_camp_map_diffs_name_what_appeared_in_both_languages()
    {
        var (status, profile) = await app.GetPageAsync($"/companies/xinghe-ai/diff?from={Before}&to={On}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-slug=\"xinghe-ai\" data-kind=\"appeared\"", profile);
        Assert.Contains("data-slug=\"xinghe-ai-a\" data-kind=\"appeared\"", profile);
        Assert.Contains("data-slug=\"xinghe-ai-general\" data-kind=\"appeared\"", profile);
        var (_, none) = await app.GetPageAsync($"/companies/xinghe-ai/diff?from={On}&to={On}");
        Assert.Contains("data-testid=\"diff-none\"", none);

        var (_, map) = await app.GetPageAsync($"/camps/diff?from={Before}&to={On}", "zh-CN");
        Assert.Contains("阵营图：两个日期之间的变化", map);
        Assert.Contains("data-slug=\"xinghe-ai\" data-kind=\"appeared\"", map);
        Assert.Contains("新增 1 家", map);
        // The days swapped when given the wrong way round: the same organisation disappears going back.
        var (_, back) = await app.GetPageAsync($"/camps/diff?from={On}&to={Before}");
        Assert.Contains("data-slug=\"xinghe-ai\" data-kind=\"appeared\"", back);
        var (_, bad) = await app.GetPageAsync("/camps/diff?from=junk");
        Assert.Contains("data-testid=\"query-notice\"", bad);
    }

    [Fact]
    public async Task RecordedAt_shows_the_profile_as_LlmWatch_showed_it_that_day()
    {
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (_, then) = await app.GetPageAsync("/companies/xinghe-ai?recordedAt=" + yesterday);
        var (_, now) = await app.GetPageAsync("/companies/xinghe-ai?recordedAt=" + today);
        Assert.DoesNotContain("Xinghe AI", then);
        Assert.Contains("As LlmWatch showed it on", then);
        Assert.Contains("Xinghe AI", now);
        var (_, trail) = await app.GetPageAsync("/changes?recordedAt=" + yesterday);
        Assert.DoesNotContain("xinghe-ai", trail);
        var (_, trailNow) = await app.GetPageAsync("/changes?recordedAt=" + today);
        Assert.Contains("xinghe-ai", trailNow);
    }

    /// <summary>The zip's files, path to bytes.</summary>
    private async Task<Dictionary<string, byte[]>> ExportZipAsync(string query)
    {
        using var client = app.CreateClient("en");
        using var response = await client.GetAsync("/api/export.zip" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var files = new Dictionary<string, byte[]>();
        foreach (var entry in zip.Entries)
        {
            using var content = new MemoryStream();
            using (var stream = entry.Open()) stream.CopyTo(content);
            files.Add(entry.FullName, content.ToArray());
        }
        return files;
    }

    [Fact]
    public async Task Export_zip_as_of_a_day_holds_the_landscape_of_that_day()
    {
        var before = await ExportZipAsync("?asOf=" + Before);
        var on = await ExportZipAsync("?asOf=" + On);
        var today = await ExportZipAsync("");

        // Before the later source, the export is data/ again, byte for byte: the curated source, organisation, round and camp are absent.
        var data = app.Services.GetRequiredService<LlmWatch.Data.DataOptions>().Directory!;
        foreach (var (path, bytes) in before)
            Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(data, path))), $"{path} as of {Before} differs from data/");
        Assert.DoesNotContain($"sources/{app.SourceId}.json", before.Keys);
        Assert.Equal(Directory.EnumerateFiles(Path.Combine(data, "seed"), "*.json").Count(), before.Keys.Count(k => k.StartsWith("seed/", StringComparison.Ordinal)));

        // From its day on, they are there, as in today's export.
        Assert.Contains($"sources/{app.SourceId}.json", on.Keys);
        foreach (var file in new[] { "seed/organizations.json", "seed/deals.json", "seed/camps.json" })
        {
            Assert.DoesNotContain("xinghe-ai", System.Text.Encoding.UTF8.GetString(before[file]));
            Assert.Contains("xinghe-ai", System.Text.Encoding.UTF8.GetString(on[file]));
            Assert.Equal(today[file], on[file]);
        }

        using var client = app.CreateClient("en");
        using var bad = await client.GetAsync("/api/export.zip?asOf=junk");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("asOf", JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("parameter").GetString());
        using var named = await client.GetAsync("/api/export.zip?asOf=" + Before);
        Assert.Equal($"llmwatch-export-{Before}.zip", named.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    [Fact]
    public async Task The_trails_pager_links_filter_form_and_fact_links_keep_the_day()
    {
        var (_, html) = await app.GetPageAsync("/changes?asOf=2026-11-20&pageSize=1");
        Assert.Contains("/changes?page=2&pageSize=1&asOf=2026-11-20", html.Replace("&amp;", "&", StringComparison.Ordinal));
        Assert.Contains("<input type=\"hidden\" name=\"asOf\" value=\"2026-11-20\"", html);
        Assert.Contains("href=\"/companies/xinghe-ai?asOf=2026-11-20\"", html);
    }

    [Fact]
    public async Task The_picker_is_a_get_form_keeping_the_pages_parameters_but_its_page()
    {
        var (_, html) = await app.GetPageAsync("/companies?camp=general&page=2&asOf=2026-11-20");
        var form = html[html.IndexOf("data-testid=\"asof-picker\"", StringComparison.Ordinal)..];
        form = form[..form.IndexOf("</form>", StringComparison.Ordinal)];
        Assert.Contains("<input type=\"hidden\" name=\"camp\" value=\"general\"", form);
        Assert.DoesNotContain("name=\"page\"", form);
        Assert.Contains("name=\"asOf\"", form);
        Assert.Contains("value=\"2026-11-20\"", form);
        Assert.Contains("method=\"get\"", html[(html.IndexOf("data-testid=\"asof-picker\"", StringComparison.Ordinal) - 200)..]);
    }
}
