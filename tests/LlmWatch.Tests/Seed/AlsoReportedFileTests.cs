using System.Text;
using LlmWatch.Data;
using LlmWatch.Data.Curation;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Seed;
using LlmWatch.Tests.Curation;
using LlmWatch.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static LlmWatch.Tests.Curation.CurationFixture;

namespace LlmWatch.Tests.Seed;

/// <summary>
/// The values a review kept beside the preferred one ("also reported") travel through <c>export</c> and <c>import</c> as
/// <c>seed/alsoReported.json</c>: the round trip loses none, a second import adds none, and a bad entry is refused by path.
/// </summary>
public sealed class AlsoReportedFileTests
{
    private const string FilePath = "seed/alsoReported.json";

    // Baichuan's founding money as the new article reports it (60亿元), kept beside the recorded US$50M by the reviewer.
    private static async Task<CurationFixture> WithKeptClaimAsync()
    {
        var fixture = await CreateAsync();
        var current = (SeedDeal)(await fixture.ReadAsync(db => FactDocuments.LoadAsync(db, SubjectType.Deal, "baichuan-founder-capital")))!;
        var proposal = await fixture.ProposeAsync(current with { Amount = new SeedMoney("CNY", 6_000_000_000, 6_000_000_000, "60亿元") }, BaichuanQuote, ProposalAction.Change);
        Assert.Equal(ReviewStatus.Applied, (await fixture.Curation.ApproveAsync(proposal.Id, Reviewer, "The founding article is the better witness.", preferNew: false)).Status);
        return fixture;
    }

    private static async Task<Dictionary<string, byte[]>> ExportAsync(TestDatabase database, DateOnly? asOf = null)
    {
        using var scope = AsOfScope.Enter(new DataView(asOf));
        await using var db = await database.Factory.CreateDbContextAsync();
        var files = new Dictionary<string, byte[]>();
        await foreach (var file in SeedExporter.FilesAsync(db, RepositoryData.Directory)) files.Add(file.Path, file.Content);
        return files;
    }

    private static string Write(Dictionary<string, byte[]> files)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"llmwatch-also-{Guid.NewGuid():N}");
        foreach (var (path, bytes) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, path))!);
            File.WriteAllBytes(Path.Combine(folder, path), bytes);
        }
        return folder;
    }

    private static Task<List<AlsoReported>> RowsAsync(TestDatabase database) =>
        Task.Run(async () =>
        {
            await using var db = await database.Factory.CreateDbContextAsync();
            return await db.AlsoReported.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
        });

    [Fact]
    public async Task A_kept_claim_is_exported_with_its_fact_field_value_and_citation()
    {
        await using var fixture = await WithKeptClaimAsync();

        var files = await ExportAsync(fixture.Database);

        var text = Encoding.UTF8.GetString(files[FilePath]);
        Assert.Equal($$"""
            [
              {
                "kind": "deal",
                "fact": "baichuan-founder-capital",
                "field": "amount",
                "value": {
                  "currency": "CNY",
                  "min": 6000000000,
                  "max": 6000000000,
                  "text": "60亿元"
                },
                "sourceId": "{{fixture.SourceId}}",
                "quote": "{{BaichuanQuote}}"
              }
            ]

            """.Replace("\r\n", "\n"), text);
    }

    [Fact]
    public async Task The_file_is_written_only_when_a_claim_is_kept()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Importer.ImportAsync(RepositoryData.Directory, intoEmptyDatabase: true);

        Assert.DoesNotContain(FilePath, (await ExportAsync(database)).Keys);
    }

    [Fact]
    public async Task An_export_imported_into_an_empty_database_keeps_the_claim_and_exports_the_same_bytes()
    {
        await using var fixture = await WithKeptClaimAsync();
        var first = await ExportAsync(fixture.Database);
        var folder = Write(first);
        try
        {
            await using var empty = await TestDatabase.CreateAsync();
            await empty.Importer.ImportAsync(folder, intoEmptyDatabase: true);

            var second = await ExportAsync(empty);

            Assert.Equal(Encoding.UTF8.GetString(first[FilePath]), Encoding.UTF8.GetString(second[FilePath]));
            Assert.Equal(first.Keys.Order(StringComparer.Ordinal), second.Keys.Order(StringComparer.Ordinal));
            var row = Assert.Single(await RowsAsync(empty));
            Assert.Null(row.ProposalId);
            Assert.Equal((await RowsAsync(fixture.Database)).Single().Value, row.Value);
            // The profile's "also reported" shows the imported claim as it showed the reviewed one.
            var shown = Assert.Single(await new LlmWatch.Web.Features.Companies.AlsoReportedQueries(empty.Factory).ForOrganizationAsync("baichuan"));
            Assert.Equal(("baichuan-founder-capital", "amount", BaichuanQuote), (shown.FactSlug, shown.Field, shown.Quote));

            // A second import of the same files changes nothing: no twin of the claim.
            var again = await empty.Importer.ImportAsync(folder);
            Assert.True(again.ChangedNothing, $"{again.Added} added, {again.Updated} updated, {again.Deleted} deleted");
            Assert.Single(await RowsAsync(empty));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Importing_the_export_back_into_the_curated_database_adds_no_twin_of_the_reviewed_claim()
    {
        await using var fixture = await WithKeptClaimAsync();
        var folder = Write(await ExportAsync(fixture.Database));
        try
        {
            await fixture.Database.Importer.ImportAsync(folder);

            var row = Assert.Single(await RowsAsync(fixture.Database));
            Assert.NotNull(row.ProposalId);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_claim_dropped_from_the_file_is_removed_but_a_reviewed_one_stays()
    {
        await using var fixture = await WithKeptClaimAsync();
        var files = await ExportAsync(fixture.Database);
        var folder = Write(files);
        try
        {
            await using var other = await TestDatabase.CreateAsync();
            await other.Importer.ImportAsync(folder, intoEmptyDatabase: true);
            Assert.Single(await RowsAsync(other));
            File.Delete(Path.Combine(folder, FilePath));

            var result = await other.Importer.ImportAsync(folder);

            Assert.Empty(await RowsAsync(other));
            Assert.Equal(1, result.Deleted);
            // In the database where a review kept it, the same import leaves it.
            await fixture.Database.Importer.ImportAsync(folder);
            Assert.Single(await RowsAsync(fixture.Database));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_export_as_of_a_day_before_the_reporting_source_leaves_the_claim_out()
    {
        await using var fixture = await WithKeptClaimAsync();

        var files = await ExportAsync(fixture.Database, new DateOnly(2026, 1, 1));

        Assert.DoesNotContain(FilePath, files.Keys);
        Assert.Contains(FilePath, (await ExportAsync(fixture.Database, new DateOnly(2026, 11, 20))).Keys);
    }

    public static TheoryData<string, string, string> BadEntries => new()
    {
        { "\"kind\": \"deal\"", "\"kind\": \"merger\"", "$[0].kind" },
        { "\"fact\": \"baichuan-founder-capital\"", "\"fact\": \"no-such-deal\"", "$[0].fact" },
        { "\"field\": \"amount\"", "\"field\": \"participants\"", "$[0].field" },
        { "\"currency\": \"CNY\"", "\"currency\": \"XYZ\"", "$[0].value" },
        { "\"min\": 6000000000,\n      \"max\": 6000000000", "\"min\": 6000000000,\n      \"max\": 5", "$[0].value" },
        { "\"quote\": \"" + BaichuanQuote + "\"", "\"quote\": \"百川智能完成了600亿元融资\"", "$[0].quote" },
        { "\"sourceId\": \"", "\"sourceId\": \"nowhere-", "$[0].sourceId" },
    };

    [Theory]
    [MemberData(nameof(BadEntries))]
    public async Task A_bad_entry_is_refused_by_its_path_and_nothing_is_written(string from, string to, string path)
    {
        await using var fixture = await WithKeptClaimAsync();
        var folder = Write(await ExportAsync(fixture.Database));
        try
        {
            var file = Path.Combine(folder, FilePath);
            var text = File.ReadAllText(file);
            Assert.Contains(from, text);
            File.WriteAllText(file, text.Replace(from, to));
            await using var empty = await TestDatabase.CreateAsync();

            var refused = await Assert.ThrowsAsync<SeedValidationException>(() => empty.Importer.ImportAsync(folder, intoEmptyDatabase: true));

            Assert.Contains(refused.Errors, e => e.File == AlsoReportedFile.FileName && e.Path == path);
            await using var db = await empty.Factory.CreateDbContextAsync();
            Assert.False(await db.Organizations.AnyAsync());
            Assert.False(await db.AlsoReported.AnyAsync());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
