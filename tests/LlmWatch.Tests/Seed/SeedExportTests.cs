using LlmWatch.Data.Curation;
using LlmWatch.Data.Seed;
using LlmWatch.Tests.Curation;
using LlmWatch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LlmWatch.Tests.Seed;

/// <summary>The database written back as data/: byte for byte what was imported, and what was curated since.</summary>
public sealed class SeedExportTests
{
    // Files under data/seed that are documentation, not data: the exporter does not write them (fx/ is copied whole, its README says where the rates come from).
    private static readonly string[] NotData = ["seed/README.md", "seed/JUDGEMENTS.md"];

    private static async Task<Dictionary<string, byte[]>> ExportAsync(TestDatabase database, string? dataDirectory = null)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        var files = new Dictionary<string, byte[]>();
        await foreach (var file in SeedExporter.FilesAsync(db, dataDirectory)) files.Add(file.Path, file.Content);
        return files;
    }

    private static Dictionary<string, byte[]> RepositoryFiles(string directory, params string[] folders) =>
        folders.SelectMany(f => Directory.EnumerateFiles(Path.Combine(directory, f)))
            .Select(p => Path.GetRelativePath(directory, p).Replace('\\', '/'))
            .Where(p => !NotData.Contains(p))
            .ToDictionary(p => p, p => File.ReadAllBytes(Path.Combine(directory, p)));

    private static void AssertSameFiles(Dictionary<string, byte[]> expected, Dictionary<string, byte[]> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, bytes) in expected)
        {
            if (bytes.AsSpan().SequenceEqual(actual[path])) continue;
            var want = System.Text.Encoding.UTF8.GetString(bytes).Split('\n');
            var got = System.Text.Encoding.UTF8.GetString(actual[path]).Split('\n');
            var line = Enumerable.Range(0, Math.Min(want.Length, got.Length)).FirstOrDefault(i => want[i] != got[i], Math.Min(want.Length, got.Length));
            Assert.Fail($"{path} differs at line {line + 1}: expected «{want.ElementAtOrDefault(line)}», exported «{got.ElementAtOrDefault(line)}».");
        }
    }

    [Fact]
    public async Task A_freshly_seeded_database_exports_data_byte_for_byte()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Importer.ImportAsync(RepositoryData.Directory, intoEmptyDatabase: true);

        var exported = await ExportAsync(database, RepositoryData.Directory);

        AssertSameFiles(RepositoryFiles(RepositoryData.Directory, "seed", "sources", "fx"), exported);
    }

    [Fact]
    public async Task An_export_imported_into_an_empty_database_exports_the_same_bytes_again()
    {
        await using var fixture = await CurationFixture.CreateAsync();
        Assert.Equal(ReviewStatus.Applied, (await fixture.Curation.ApproveAsync((await fixture.ProposeAsync(CurationFixture.NewOrganization(), CurationFixture.CampQuote)).Id, CurationFixture.Reviewer, "Checked.")).Status);
        var first = await ExportAsync(fixture.Database, RepositoryData.Directory);
        var folder = Path.Combine(Path.GetTempPath(), $"llmwatch-export-{Guid.NewGuid():N}");
        try
        {
            await using (var db = await fixture.Database.Factory.CreateDbContextAsync())
                await SeedExporter.WriteDirectoryAsync(db, RepositoryData.Directory, folder);
            await using var empty = await TestDatabase.CreateAsync();
            await empty.Importer.ImportAsync(folder, intoEmptyDatabase: true);

            var second = await ExportAsync(empty, folder);

            AssertSameFiles(first, second);
            AssertSameFiles(first, RepositoryFiles(folder, "seed", "sources", "fx"));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_export_after_an_approval_holds_the_new_fact_and_source_with_its_citation()
    {
        await using var fixture = await CurationFixture.CreateAsync();
        Assert.Equal(ReviewStatus.Applied, (await fixture.Curation.ApproveAsync((await fixture.ProposeAsync(CurationFixture.NewOrganization(), CurationFixture.CampQuote)).Id, CurationFixture.Reviewer, "Checked.")).Status);

        var exported = await ExportAsync(fixture.Database);

        var organizations = System.Text.Encoding.UTF8.GetString(exported["seed/organizations.json"]);
        Assert.Contains("\"slug\": \"xinghe-ai\"", organizations);
        Assert.Contains($"\"sourceId\": \"{fixture.SourceId}\",\n        \"quote\": \"{CurationFixture.CampQuote}\"", organizations);
        Assert.Equal(CurationFixture.Text, System.Text.Encoding.UTF8.GetString(exported[$"sources/{fixture.SourceId}.txt"]));
        Assert.Contains($"\"textFile\": \"{fixture.SourceId}.txt\"", System.Text.Encoding.UTF8.GetString(exported[$"sources/{fixture.SourceId}.json"]));
        var (set, errors) = ReadBack(exported);
        Assert.Empty(errors);
        Assert.Empty(SeedValidator.Validate(set));
        Assert.Contains(set.Organizations, o => o.Slug == "xinghe-ai" && o.Citations.Single().SourceId == fixture.SourceId);
    }

    private static (SeedSet, List<SeedError>) ReadBack(Dictionary<string, byte[]> files)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"llmwatch-export-{Guid.NewGuid():N}");
        try
        {
            foreach (var (path, bytes) in files)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, path))!);
                File.WriteAllBytes(Path.Combine(folder, path), bytes);
            }
            return SeedReader.Read(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>`export &lt;dir&gt;` refuses a folder it would overwrite or cannot write, with exit code 2 and nothing written.</summary>
public sealed class ExportCommandTests
{
    private static async Task<(int Code, string Errors)> RunAsync(string directory)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        // Refused before the database is opened: no services are needed.
        var code = await new LlmWatch.Web.Hosting.ExportCommand(new ServiceCollection().BuildServiceProvider(), output, error)
            .RunAsync(["export", directory]);
        return (code, error.ToString());
    }

    [Fact]
    public async Task A_folder_that_holds_something_is_refused_and_left_as_it_was()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"llmwatch-export-{Guid.NewGuid():N}")).FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "keep.txt"), "mine");

            var (code, errors) = await RunAsync(folder);

            Assert.Equal(2, code);
            Assert.Contains("is not empty", errors);
            Assert.Equal(["keep.txt"], Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName));
            Assert.Empty(Directory.EnumerateDirectories(Path.GetTempPath(), $".{Path.GetFileName(folder)}.export-*"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_file_is_refused()
    {
        var file = Path.Combine(Path.GetTempPath(), $"llmwatch-export-{Guid.NewGuid():N}.txt");
        File.WriteAllText(file, "mine");
        try
        {
            var (code, errors) = await RunAsync(file);

            Assert.Equal(2, code);
            Assert.Contains("is a file", errors);
            Assert.Equal("mine", File.ReadAllText(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_folder_whose_parent_does_not_exist_is_refused()
    {
        var (code, errors) = await RunAsync(Path.Combine(Path.GetTempPath(), $"llmwatch-missing-{Guid.NewGuid():N}", "export"));

        Assert.Equal(2, code);
        Assert.Contains("does not exist", errors);
    }

    [Fact]
    public async Task An_empty_folder_name_is_refused()
    {
        var (code, errors) = await RunAsync("");

        Assert.Equal(2, code);
        Assert.Contains("is not a folder path", errors);
    }
}
