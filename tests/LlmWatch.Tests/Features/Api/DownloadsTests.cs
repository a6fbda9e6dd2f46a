using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using LlmWatch.Data;
using LlmWatch.Data.Seed;
using LlmWatch.Tests.Infrastructure;
using LlmWatch.Web.Features.Api;
using LlmWatch.Web.Features.Companies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmWatch.Tests.Features.Api;

/// <summary>The CSV beside every list and /api/export.zip: what a reader takes away is what the pages and the API show.</summary>
[Collection(AppCollection.Name)]
public sealed class DownloadsTests(LlmWatchFactory app)
{
    public static TheoryData<string, string, string, string> FilteredLists => new()
    {
        // CSV, its filter, the API list with the same filter, the API item's key field
        { "/funding.csv", "kind=equity-round&status=completed", "/api/funding-rounds", "id" },
        { "/models.csv", "open=true", "/api/models", "slug" },
        { "/people.csv", "company=baichuan", "/api/people", "slug" },
        { "/timeline.csv", "kind=funding", "/api/events", "slug" },
        { "/changes.csv", "kind=organization", "/api/changes", "id" },
        { "/companies.csv", "camp=general", "/api/companies", "slug" },
    };

    private static readonly Dictionary<string, string[]> Headers = new()
    {
        ["/funding.csv"] = ListCsvs.FundingHeader, ["/models.csv"] = ListCsvs.ModelHeader, ["/people.csv"] = ListCsvs.PeopleHeader,
        ["/timeline.csv"] = ListCsvs.TimelineHeader, ["/changes.csv"] = ListCsvs.ChangeHeader, ["/companies.csv"] = CompaniesCsv.Header,
    };

    [Theory]
    [MemberData(nameof(FilteredLists))]
    public async Task Each_csv_holds_the_rows_the_api_lists_for_the_same_filter(string csv, string query, string api, string key)
    {
        // In English, whose order the API keeps whatever the caller's language.
        using var client = app.CreateClient("en");
        using var response = await client.GetAsync($"{csv}?{query}");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', Headers[csv]), lines[0]);

        using var json = JsonDocument.Parse(await client.GetStringAsync($"{api}?{query}&pageSize=1000"));
        var expected = json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(key).ToString()).ToList();
        // The first cell of each row is its key (no key holds a comma or a quote).
        Assert.Equal(expected, lines.Skip(1).Select(l => l.Split(',')[0]).ToList());
        if (csv != "/changes.csv") Assert.NotEmpty(expected);
    }

    [Theory]
    [InlineData("/funding.csv?kind=sometimes", "kind")]
    [InlineData("/models.csv?open=maybe", "open")]
    [InlineData("/people.csv?pseudonym=perhaps", "pseudonym")]
    [InlineData("/timeline.csv?kind=nothing", "kind")]
    [InlineData("/changes.csv?kind=nothing", "kind")]
    public async Task A_parameter_a_csv_does_not_understand_is_a_400_problem(string url, string parameter)
    {
        using var client = app.CreateClient("en");
        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(parameter, problem.RootElement.GetProperty("parameter").GetString());
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1", "\"'+1\"")]
    [InlineData("-1", "\"'-1\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\tx", "\"'\tx\"")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("百川智能", "百川智能")]
    [InlineData(null, "")]
    // CsvHelper quotes a cell it defuses; a spreadsheet reads "'-1" as the text '-1, never as a formula.
    public void Cells_are_quoted_when_needed_and_formulas_are_defused(string? value, string expected)
    {
        var bytes = DownloadCsv.Write(["a", "b"], [[value, "end"]]);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
        Assert.Equal($"a,b\r\n{expected},end\r\n", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
    }

    [Fact]
    public async Task The_valuations_csv_holds_every_stated_valuation_of_the_ranked_companies()
    {
        using var client = app.CreateClient("en");
        var lines = (await client.GetStringAsync("/valuations.csv?camp=general")).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(string.Join(',', ListCsvs.ValuationHeader), lines[0]);
        var queries = app.Services.GetRequiredService<LlmWatch.Web.Features.Valuations.ValuationQueries>();
        var page = await queries.GetPageAsync(new LlmWatch.Web.Features.Valuations.ValuationFilter(LlmWatch.Data.Entities.Camp.General, 1));
        Assert.True(page.Latest.PageCount == 1, "the seed's general camp fits one leaderboard page");
        Assert.Equal(page.History.Select(v => v.CompanySlug), lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Equal(page.Latest.Items.Count, lines.Count(l => l.Contains(",true,http", StringComparison.Ordinal) || l.EndsWith($",true,/companies/{l.Split(',')[0]}", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/valuations.csv?camp=nowhere")).StatusCode);
    }

    [Fact]
    public void A_carriage_return_at_the_start_of_a_cell_is_defused_too()
    {
        var text = Encoding.UTF8.GetString(DownloadCsv.Write(["a"], [["\r=1"]]));

        Assert.Contains("'\r=1", text);
    }

    [Fact]
    public async Task Export_zip_holds_the_export_files_byte_for_byte_under_a_dated_name()
    {
        using var client = app.CreateClient("en");
        using var response = await client.GetAsync("/api/export.zip");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"^llmwatch-export-\d{4}-\d{2}-\d{2}\.zip$", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        var expected = new Dictionary<string, byte[]>();
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<LlmWatchDbContext>>().CreateDbContextAsync())
            await foreach (var file in SeedExporter.FilesAsync(db, app.Services.GetRequiredService<DataOptions>().Directory)) expected.Add(file.Path, file.Content);
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        foreach (var entry in zip.Entries)
        {
            using var content = new MemoryStream();
            using (var stream = entry.Open()) stream.CopyTo(content);
            Assert.True(expected[entry.FullName].AsSpan().SequenceEqual(content.ToArray()), $"{entry.FullName} differs from the export's file");
        }
        Assert.Contains("seed/organizations.json", expected.Keys);
    }

    [Fact]
    public async Task Export_zip_refuses_parameters_but_asOf_and_a_bad_asOf()
    {
        using var client = app.CreateClient("en");
        foreach (var query in new[] { "?asOf=tomorrow", "?asOf=2999-01-01", "?camp=general", "?asOf=2023-08-02&page=2" })
        {
            using var response = await client.GetAsync("/api/export.zip" + query);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{query}: {response.StatusCode}");
        }
    }

    [Theory]
    [InlineData("/funding?kind=equity-round&page=2", "/funding.csv?kind=equity-round")]
    [InlineData("/models", "/models.csv")]
    [InlineData("/people", "/people.csv")]
    [InlineData("/timeline", "/timeline.csv")]
    [InlineData("/changes", "/changes.csv")]
    [InlineData("/valuations?camp=general", "/valuations.csv?camp=general")]
    public async Task Each_list_page_links_its_csv_with_its_filter(string page, string href)
    {
        var (status, html) = await app.GetPageAsync(page);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"href=\"{href}\"", html);
        Assert.Contains("data-testid=\"csv-download\"", html);
    }

    /// <summary>
    /// Every list page puts its download where the directory does: at the end of the results bar that opens the list, after the
    /// lead paragraph and the filters, never between the title and the lead.
    /// </summary>
    [Theory]
    [InlineData("/companies")]
    [InlineData("/funding")]
    [InlineData("/people")]
    [InlineData("/timeline")]
    [InlineData("/changes")]
    [InlineData("/valuations")]
    public async Task Each_list_page_puts_its_csv_link_in_its_results_bar(string page)
    {
        var (status, html) = await app.GetPageAsync(page);

        Assert.Equal(HttpStatusCode.OK, status);
        var link = html.IndexOf("data-testid=\"csv-download\"", StringComparison.Ordinal);
        Assert.True(link > 0, "no CSV link");
        Assert.True(html.IndexOf("lw-lead", StringComparison.Ordinal) is var lead && lead > 0 && lead < link, "the CSV link comes before the lead paragraph");
        var bar = html.LastIndexOf("class=\"lw-results-bar", link, StringComparison.Ordinal);
        Assert.True(bar > lead, "the CSV link is not in a results bar");
        // The bar is still open at the link: only the count or heading stands before it.
        Assert.DoesNotContain("</div>", html[bar..link]);
    }
}
