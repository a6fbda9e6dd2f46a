using System.Net;
using System.Text;
using LlmWatch.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using LlmWatch.Web.Features.Companies;

namespace LlmWatch.Tests.Features.Companies;

[Collection(AppCollection.Name)]
public sealed class CompaniesCsvTests(LlmWatchFactory app)
{
    [Fact]
    public async Task The_csv_holds_the_filtered_list_as_utf8_with_a_bom()
    {
        using var client = app.CreateClient("zh-CN");
        using var response = await client.GetAsync("/companies.csv?camp=general&sort=valuation");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("slug,name_zh,name_en,", lines[0]);
        Assert.StartsWith("zhipu-ai,智谱AI,Zhipu AI,startup,active,general,", lines[1]);
        Assert.Equal(21, lines.Length); // header + 20 general-camp organisations
        Assert.DoesNotContain(lines, l => l.StartsWith("datagrand,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("minimax,", StringComparison.Ordinal) && l.Contains(",1000000000+,USD,独角兽级别,"));
    }

    [Fact]
    public async Task A_bad_query_value_in_the_csv_is_a_400_naming_it()
    {
        using var client = app.CreateClient("en");
        using var response = await client.GetAsync("/companies.csv?camp=foo&from=2023-13");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("camp", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_csv_without_filters_holds_every_organisation()
    {
        using var client = app.CreateClient("en");
        using var response = await client.GetAsync("/companies.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LlmWatch.Data.LlmWatchDbContext>>().CreateDbContextAsync();
        var organizations = await db.Organizations.CountAsync();
        Assert.True(organizations > 100, $"{organizations} organisations: the article's and Epoch AI's");
        // A header, then a line per organisation (no cell holds a line break).
        Assert.Equal(1 + organizations, (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    // The cell rules (quoting, the formula guard) are DownloadCsv's, tested in DownloadsTests.
}
