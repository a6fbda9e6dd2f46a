using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Search;
using LlmWatch.Data.Values;
using LlmWatch.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Tests.Search;

/// <summary>The indexed search keeps exactly the rows the LIKE scan keeps, whichever index answers.</summary>
public sealed class OrganizationSearchTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await _database.Importer.ImportAsync(RepositoryData.Directory);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData("智谱", SearchPath.Grams)]
    [InlineData("智", SearchPath.Grams)]
    [InlineData("智谱华章", SearchPath.Trigram)]
    [InlineData("baichuan", SearchPath.Trigram)]
    [InlineData("AI", SearchPath.Scan)]
    [InlineData("a", SearchPath.Scan)]
    [InlineData("a b", SearchPath.Scan)]
    [InlineData("大 模", SearchPath.Scan)]
    [InlineData("A股", SearchPath.Scan)]
    [InlineData("100%", SearchPath.Trigram)]
    [InlineData("😀", SearchPath.Scan)]
    public void Each_text_goes_to_the_index_that_can_answer_it(string text, SearchPath expected) =>
        Assert.Equal(expected, OrganizationSearch.PathFor(text));

    [Fact]
    public async Task Every_substring_of_every_name_finds_what_a_scan_finds()
    {
        await using var db = await _database.Factory.CreateDbContextAsync();
        var texts = await SearchTexts.OfOrganizationsAsync(db);
        Assert.True(texts.Count > 500, $"only {texts.Count} search texts");
        var paths = new Dictionary<SearchPath, int>();
        foreach (var text in texts)
        {
            var indexed = await db.Organizations.Search(db, text).Select(o => o.Id).OrderBy(id => id).ToListAsync();
            var scanned = await db.Organizations.SearchByScan(text).Select(o => o.Id).OrderBy(id => id).ToListAsync();
            Assert.True(scanned.SequenceEqual(indexed), $"'{text}' ({OrganizationSearch.PathFor(text)}): scan {string.Join(",", scanned)}, index {string.Join(",", indexed)}");
            Assert.NotEmpty(indexed);
            paths[OrganizationSearch.PathFor(text)] = paths.GetValueOrDefault(OrganizationSearch.PathFor(text)) + 1;
        }
        Assert.True(paths.GetValueOrDefault(SearchPath.Trigram) > 100 && paths.GetValueOrDefault(SearchPath.Grams) > 100,
            string.Join(", ", paths.Select(p => $"{p.Key} {p.Value}")));
    }

    [Theory]
    [InlineData("BAICHUAN")]            // case
    [InlineData("bai chuan")]           // pinyin with its spaces
    [InlineData("baichuanzhineng")]     // pinyin without them
    [InlineData("\"智谱\" OR x")]        // FTS5 syntax is text, not a query
    [InlineData("NEAR(a b)")]
    [InlineData("%_\\")]
    [InlineData("不存在的公司名字")]
    public async Task Odd_texts_find_what_a_scan_finds(string text)
    {
        await using var db = await _database.Factory.CreateDbContextAsync();
        var indexed = await db.Organizations.Search(db, text).Select(o => o.Id).OrderBy(id => id).ToListAsync();
        var scanned = await db.Organizations.SearchByScan(text).Select(o => o.Id).OrderBy(id => id).ToListAsync();
        Assert.Equal(scanned, indexed);
    }

    [Fact]
    public async Task The_indexes_are_used_not_a_scan()
    {
        await using var db = await _database.Factory.CreateDbContextAsync();
        var trigram = db.Organizations.Search(db, "智谱华章").Select(o => o.Id).ToQueryString();
        var grams = db.Organizations.Search(db, "智谱").Select(o => o.Id).ToQueryString();
        Assert.Contains("\"OrganizationSearch\" MATCH", trigram);
        Assert.Contains("\"OrganizationGrams\" MATCH", grams);
        Assert.DoesNotContain("MATCH", db.Organizations.Search(db, "ai").Select(o => o.Id).ToQueryString());
    }

    [Fact]
    public async Task A_renamed_company_is_found_by_its_new_name_after_the_import()
    {
        using var data = new DataCopy();
        var file = Path.Combine(data.Directory, "seed", "organizations.json");
        var json = await File.ReadAllTextAsync(file);
        Assert.Contains("\"百川智能\"", json);
        await File.WriteAllTextAsync(file, json.Replace("\"百川智能\"", "\"百川测试改名\"", StringComparison.Ordinal));
        await _database.Importer.ImportAsync(data.Directory);

        await using var db = await _database.Factory.CreateDbContextAsync();
        Assert.Single(await db.Organizations.Search(db, "测试改名").ToListAsync());
        Assert.Single(await db.Organizations.Search(db, "改名").ToListAsync());
        Assert.Empty(await db.Organizations.Search(db, "百川智能").ToListAsync());
    }

    [Fact]
    public async Task A_database_from_before_the_indexes_gets_them_at_start()
    {
        await using (var connection = new SqliteConnection($"Data Source={_database.File}"))
        {
            await connection.OpenAsync();
            Assert.True(await DatabaseMaintenance.IsDerivedCurrentAsync(connection));
            await using var wipe = connection.CreateCommand();
            wipe.CommandText = "INSERT INTO OrganizationSearch(OrganizationSearch) VALUES('delete-all'); DELETE FROM FundingQuarters;";
            await wipe.ExecuteNonQueryAsync();
            Assert.False(await DatabaseMaintenance.IsDerivedCurrentAsync(connection));
        }
        var options = new DataOptions { Directory = RepositoryData.Directory, ConnectionString = $"Data Source={_database.File}" };
        var initializer = new DatabaseInitializer(_database.Factory, _database.Importer, options, new DataChanges(), Microsoft.Extensions.Logging.Abstractions.NullLogger<DatabaseInitializer>.Instance);
        await initializer.InitializeAsync();

        await using var db = await _database.Factory.CreateDbContextAsync();
        Assert.NotEmpty(await db.Organizations.Search(db, "百川智能").ToListAsync());
        Assert.NotEmpty(await db.FundingQuarters.ToListAsync());
    }

    [Fact]
    public async Task The_funding_summary_adds_up_to_the_rounds()
    {
        await using var db = await _database.Factory.CreateDbContextAsync();
        var rates = FxRates.Load(RepositoryData.Directory);
        var rounds = (await db.Deals.WhereRaised()
                .Select(d => new { d.Date, d.Amount, d.Kind, d.Organization.Camp }).ToListAsync())
            .ToList();
        var quarters = await db.FundingQuarters.ToListAsync();
        Assert.Equal(rounds.Count, quarters.Sum(q => q.Deals));
        Assert.Equal(rounds.Count(r => r.Amount is not null), quarters.Sum(q => q.DisclosedDeals));
        // Amounts sharing a camp, a date, a currency and a kind are summed and converted once, as the funding page's chart does.
        Assert.Equal(rounds.Where(r => r.Amount is not null).GroupBy(r => (r.Camp, r.Date, r.Amount!.Currency, r.Kind))
                .Sum(g => OrganizationFigures.SumUsd(g.Key.Currency, g.Sum(r => r.Amount!.Min), g.Sum(r => r.Amount!.Max ?? 0), g.Count(r => r.Amount!.Max is null), g.Key.Date, rates).Min),
            quarters.Sum(q => q.MinUsd));
        foreach (var q in quarters)
        {
            var mine = rounds.Where(r => r.Camp == q.Camp && r.Date?.Year == q.Year
                                         && (r.Date is { Month: { } m } ? (m - 1) / 3 + 1 : (int?)null) == q.Quarter).ToList();
            Assert.Equal(mine.Count, q.Deals);
            Assert.Equal(mine.Count(r => r.Amount is { Max: null }), q.OpenDeals);
        }
    }
}
