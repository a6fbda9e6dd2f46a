using System.Text.Json.Nodes;
using LlmWatch.Data.Seed;
using LlmWatch.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Tests.Seed;

public sealed class SeedImportTests
{
    [Fact]
    public async Task Importing_twice_changes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();

        var first = await database.Importer.ImportAsync(RepositoryData.Directory);
        var before = await database.SnapshotAsync();
        var second = await database.Importer.ImportAsync(RepositoryData.Directory);

        Assert.True(first.Added > first.Facts, $"the first import added {first.Added} rows for {first.Facts} facts");
        Assert.True(second.ChangedNothing, $"second import: {second}");
        Assert.Equal(before, await database.SnapshotAsync());
    }

    [Fact]
    public async Task The_first_start_import_writes_exactly_what_the_comparing_import_writes()
    {
        await using var comparing = await TestDatabase.CreateAsync();
        await using var fresh = await TestDatabase.CreateAsync();

        var a = await comparing.Importer.ImportAsync(RepositoryData.Directory);
        var b = await fresh.Importer.ImportAsync(RepositoryData.Directory, intoEmptyDatabase: true);

        Assert.Equal(a, b);
        Assert.Equal(await comparing.SnapshotAsync(), await fresh.SnapshotAsync());
        Assert.True((await fresh.Importer.ImportAsync(RepositoryData.Directory)).ChangedNothing);
    }

    [Fact]
    public async Task Every_fact_and_citation_lands_in_the_database()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (set, _) = SeedReader.Read(RepositoryData.Directory);

        var result = await database.Importer.ImportAsync(RepositoryData.Directory);

        await using var db = await database.Factory.CreateDbContextAsync();
        Assert.Equal(set.Organizations.Count, await db.Organizations.CountAsync());
        Assert.Equal(set.People.Count, await db.People.CountAsync());
        Assert.Equal(set.Deals.Count, await db.Deals.CountAsync());
        Assert.Equal(set.Events.Count, await db.Events.CountAsync());
        Assert.Equal(result.Citations, await db.Citations.CountAsync());
    }

    [Fact]
    public async Task Changing_one_fact_changes_one_row()
    {
        using var data = new DataCopy();
        await using var database = await TestDatabase.CreateAsync();
        await database.Importer.ImportAsync(data.Directory);

        Edit(data.PathOf("organizations.json"), array => array[0]!["summaryEn"] = "An edited summary.");
        var result = await database.Importer.ImportAsync(data.Directory);

        Assert.Equal((0, 1, 0), (result.Added, result.Updated, result.Deleted));
    }

    [Fact]
    public async Task A_fact_removed_from_its_file_is_removed_from_the_database()
    {
        using var data = new DataCopy();
        await using var database = await TestDatabase.CreateAsync();
        await database.Importer.ImportAsync(data.Directory);
        string? removed = null;

        Edit(data.PathOf("statistics.json"), array =>
        {
            removed = (string)array[^1]!["slug"]!;
            array.RemoveAt(array.Count - 1);
        });
        var result = await database.Importer.ImportAsync(data.Directory);

        await using var db = await database.Factory.CreateDbContextAsync();
        Assert.False(await db.Statistics.AnyAsync(s => s.Slug == removed));
        Assert.True(result.Deleted >= 2, "the row and its citation go");
        Assert.Equal(0, result.Added);
    }

    public static TheoryData<string, Action<JsonArray>, string, string> BadFiles => new()
    {
        { "organizations.json", a => a[0]!["kind"] = "unicorn", "$[0].kind", "'unicorn' is not one of: startup, big-tech" },
        { "organizations.json", a => a[0]!["foundedOn"] = "2021/11", "$[0].foundedOn", "not a date" },
        { "organizations.json", a => a[0]!["acquiredBy"] = "no-such-company", "$[0].acquiredBy", "No organization has the slug 'no-such-company'" },
        { "organizations.json", a => a[0]!["citations"]![0]!["quote"] = "这句话不在文章里", "$[0].citations[0].quote", "not verbatim" },
        { "organizations.json", a => a[0]!["citations"] = new JsonArray(), "$[0].citations", "at least one quote" },
        { "organizations.json", a => a[1]!["slug"] = a[0]!["slug"]!.GetValue<string>(), "$[1].slug", "more than once" },
        { "organizations.json", a => a[0]!["slug"] = "Bad Slug", "$[0].slug", "is not a slug" },
        { "organizations.json", a => a[0]!["unexpected"] = 1, "$[0].unexpected", "could not be mapped" },
        { "organizations.json", a => a[0]!.AsObject().Remove("nameZh"), "$[0]", "nameZh" },
        { "people.json", a => a[0]!["isPseudonym"] = "yes", "$[0].isPseudonym", "could not be converted" },
        { "deals.json", a => a[0]!["amount"] = new JsonObject { ["currency"] = "EUR", ["min"] = 1, ["max"] = 1, ["text"] = "1欧元" }, "$[0].amount.currency", "'EUR' is not one of: CNY, USD" },
        { "deals.json", a => a[0]!["amount"] = new JsonObject { ["currency"] = "CNY", ["min"] = 10, ["max"] = 1, ["text"] = "x" }, "$[0].amount.max", "below the lower bound" },
        { "deals.json", a => a[0]!["organization"] = "nobody", "$[0].organization", "No organization has the slug 'nobody'" },
        { "events.json", a => a[0]!["people"] = new JsonArray("ghost"), "$[0].people[0]", "No person has the slug 'ghost'" },
        { "models.json", a => a[0]!["baseModel"] = a[0]!["slug"]!.GetValue<string>(), "$[0].baseModel", "built on itself" },
        { "camps.json", a => a[0]!["camp"] = "gerneral", "$[0].camp", "'gerneral' is not one of: general, vertical, built-on-others, application, none" },
        { "camps.json", a => a[0]!.AsObject().Remove("asOf"), "$[0].asOf", "says as of when it holds" },
        { "camps.json", a => a[0]!["asOf"] = "2023/08", "$[0].asOf", "not a date" },
        { "camps.json", a => a[0]!["from"] = "2024", "$[0].from", "cannot start (2024) after the date it is reported as of (2023-08-02)" },
        { "camps.json", a => a[0]!["bases"] = Bases("camp", "name"), "$[0].bases[0].field", "Known: none" },
        { "deals.json", a => a[0]!["amount"] = new JsonObject { ["currency"] = "CNY", ["min"] = 1, ["max"] = 1, ["text"] = "1亿元", ["approximate"] = true }, "$[0].amount.approximate", "needs the source's own hedge" },
        { "statistics.json", a => a[1]!["value"]!["approximate"] = "yes", "$[1].value.approximate", "could not be converted" },
        { "models.json", a => a[0]!["bases"] = Bases("colour", "name"), "$[0].bases[0].field", "'colour' is not a field whose basis can be given here" },
        { "models.json", a => a[0]!["bases"] = Bases("organization", "guess"), "$[0].bases[0].basis", "'guess' is not one of: stated, inferred, name, outside-knowledge" },
        { "organizations.json", a => a[0]!["bases"] = Bases("nameEn", "inferred"), "$[0].bases[0].reasonEn", "says why, in both languages" },
        { "organizations.json", a => a[0]!["bases"] = Bases("foundedOn", "name"), "$[0].bases[0].field", "has no value" },
        { "people.json", a => a[0]!["aliases"] = new JsonArray("Chen Y", "chen y"), "$[0].aliases[1]", "appears more than once" },
    };

    private static JsonArray Bases(string field, string basis) => new(new JsonObject { ["field"] = field, ["basis"] = basis });

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_is_refused_with_file_path_and_reason_and_the_database_is_untouched(
        string file, Action<JsonArray> breakIt, string path, string reason)
    {
        using var data = new DataCopy();
        await using var database = await TestDatabase.CreateAsync();
        await database.Importer.ImportAsync(data.Directory);
        Edit(data.PathOf("statistics.json"), a => a[0]!["labelEn"] = "A change that must not land");
        var before = await database.SnapshotAsync();

        Edit(data.PathOf(file), breakIt);
        var refused = await Assert.ThrowsAsync<SeedValidationException>(() => database.Importer.ImportAsync(data.Directory));

        Assert.Contains(refused.Errors, e => e.File == file && e.Path == path && e.Reason.Contains(reason, StringComparison.Ordinal));
        Assert.Equal(before, await database.SnapshotAsync());
    }

    [Fact]
    public async Task A_file_that_is_not_json_is_refused_with_its_line()
    {
        using var data = new DataCopy();
        await using var database = await TestDatabase.CreateAsync();
        var before = await database.SnapshotAsync();

        await File.WriteAllTextAsync(data.PathOf("roles.json"), "[\n  { \"slug\": \"x\",\n}\n");
        var refused = await Assert.ThrowsAsync<SeedValidationException>(() => database.Importer.ImportAsync(data.Directory));

        var error = Assert.Single(refused.Errors);
        Assert.Equal("roles.json", error.File);
        Assert.Contains("line", error.Reason);
        Assert.Equal(before, await database.SnapshotAsync());
    }

    private static void Edit(string path, Action<JsonArray> change)
    {
        var array = JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        change(array);
        File.WriteAllText(path, array.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }
}
