using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Synthetic;
using LlmWatch.Data.Values;
using LlmWatch.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Tests.Synthetic;

public sealed class SyntheticGeneratorTests(SyntheticDatabase landscape) : IClassFixture<SyntheticDatabase>
{
    private static async Task<string> GenerateDigestAsync(int organizations, ulong seed)
    {
        var file = SyntheticDatabase.NewFile();
        try
        {
            await new SyntheticGenerator(SyntheticDatabase.Rates).GenerateAsync(file, new SyntheticOptions(organizations, seed), replace: false);
            return await TestDatabase.SnapshotAsync(file);
        }
        finally
        {
            SyntheticDatabase.Delete(file);
        }
    }

    private async Task<List<T>> QueryAsync<T>(string sql, Func<SqliteDataReader, T> read)
    {
        await using var connection = new SqliteConnection($"Data Source={landscape.File};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }

    private async Task<long> ScalarAsync(string sql) => (await QueryAsync(sql, r => r.GetInt64(0)))[0];

    [Fact]
    public async Task The_same_seed_gives_the_same_rows_and_another_seed_other_rows()
    {
        var first = await TestDatabase.SnapshotAsync(landscape.File);

        Assert.Equal(first, await GenerateDigestAsync(SyntheticDatabase.Organizations, SyntheticDatabase.Seed));
        Assert.NotEqual(first, await GenerateDigestAsync(SyntheticDatabase.Organizations, SyntheticDatabase.Seed + 1));
    }

    [Fact]
    public async Task The_file_is_whole_consistent_and_in_wal_mode()
    {
        Assert.Equal(["ok"], await QueryAsync("PRAGMA integrity_check", r => r.GetString(0)));
        Assert.Empty(await QueryAsync("PRAGMA foreign_key_check", r => r.GetString(0)));
        Assert.Equal(["wal"], await QueryAsync("PRAGMA journal_mode", r => r.GetString(0)));
        Assert.False(File.Exists(landscape.File + ".partial"));
        // The indexes dropped for the load are all back, and the planner has statistics.
        Assert.Contains("IX_Organizations_Slug", await QueryAsync("SELECT name FROM sqlite_master WHERE type = 'index'", r => r.GetString(0)));
        Assert.True(await ScalarAsync("SELECT count(*) FROM sqlite_stat1") > 0);
    }

    [Fact]
    public async Task Kinds_and_camps_come_in_plausible_proportions()
    {
        var kinds = (await QueryAsync("SELECT Kind, count(*) FROM Organizations GROUP BY Kind", r => (r.GetString(0), r.GetInt64(1)))).ToDictionary();
        var camps = (await QueryAsync("SELECT Camp, count(*) FROM Organizations GROUP BY Camp", r => (r.GetString(0), r.GetInt64(1)))).ToDictionary();
        double total = SyntheticDatabase.Organizations;

        Assert.Equal(SyntheticDatabase.Organizations, kinds.Values.Sum());
        Assert.InRange((kinds["Startup"] + kinds["AiCompany"]) / total, 0.8, 0.95);
        Assert.InRange(kinds["Investor"] / total, 0.01, 0.06);
        Assert.True(camps["Application"] > camps["Vertical"] && camps["Vertical"] > camps["BuiltOnOthers"] && camps["BuiltOnOthers"] > camps["General"] && camps["General"] > 0,
            string.Join(", ", camps));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM Organizations WHERE Kind = 'Investor' AND Camp <> 'None'"));
    }

    [Fact]
    public async Task Names_slugs_and_dates_look_like_the_seed()
    {
        var organizations = await QueryAsync("SELECT Slug, NameZh, NameEn, Pinyin, Aliases, FoundedOn, Kind FROM Organizations",
            r => (Slug: r.GetString(0), Zh: r.GetString(1), En: r.GetString(2), Pinyin: r.GetString(3), Aliases: r.GetString(4), Founded: r.IsDBNull(5) ? null : r.GetString(5), Kind: r.GetString(6)));

        Assert.All(organizations, o =>
        {
            Assert.Matches(@"^syn-\d{7}-[a-z0-9]+(-[a-z0-9]+)*$", o.Slug);
            Assert.InRange(o.Zh.Length, 2, 6);
            Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}+$", o.Zh);
            Assert.Matches(@"^[a-z]+( [a-z]+)*$", o.Pinyin);
            Assert.Matches(@"^[A-Z][a-z]+( [A-Z][a-z]+)*$", o.En);
            if (o.Founded is not null && o.Kind is "Startup" or "AiCompany") Assert.InRange(PartialDate.Parse(o.Founded).Year, 2010, 2024);
        });
        Assert.Equal(organizations.Count, organizations.Select(o => o.Slug).Distinct().Count());
        Assert.Equal(organizations.Select(o => o.Slug).Order(StringComparer.Ordinal), organizations.Select(o => o.Slug));
        Assert.Contains(organizations, o => o.Aliases != "[]");
        Assert.Contains(organizations, o => o.Founded is { Length: 4 });
        Assert.Contains(organizations, o => o.Founded is { Length: 7 });
    }

    [Fact]
    public async Task Deals_are_skewed_dated_and_have_amounts_of_every_shape()
    {
        var perCompany = await QueryAsync("""
            SELECT count(d.Id) FROM Organizations o LEFT JOIN Deals d ON d.OrganizationId = o.Id
            WHERE o.Kind IN ('Startup', 'AiCompany') GROUP BY o.Id
            """, r => r.GetInt64(0));
        var deals = await QueryAsync("SELECT Date, Amount_Min, Amount_Max, Valuation_Min, Stage FROM Deals",
            r => (Date: r.IsDBNull(0) ? null : r.GetString(0), Min: r.IsDBNull(1) ? (long?)null : r.GetInt64(1), Max: r.IsDBNull(2) ? (long?)null : r.GetInt64(2),
                Valuation: r.IsDBNull(3) ? (long?)null : r.GetInt64(3), Stage: r.GetString(4)));

        Assert.InRange(perCompany.Max(), 4, 10);
        Assert.True(perCompany.Count(c => c <= 3) > 0.7 * perCompany.Count);
        Assert.All(deals.Where(d => d.Date is not null), d => Assert.InRange(PartialDate.Parse(d.Date!).Year, 2018, 2024));
        Assert.Contains(deals, d => d.Date is null);
        Assert.Contains(deals, d => d.Date is { Length: 4 });
        Assert.True(deals.Count(d => d.Date is { Length: 7 }) > deals.Count / 2);
        Assert.Contains(deals, d => d.Min is null);
        Assert.Contains(deals, d => d.Min == d.Max && d.Min is not null);
        Assert.Contains(deals, d => d.Min < d.Max);
        Assert.Contains(deals, d => d.Min is not null && d.Max is null);
        Assert.DoesNotContain(deals, d => d.Min > d.Max);
        Assert.Contains(deals, d => d.Valuation is not null);
        Assert.Equal(["A", "Angel", "B", "PreA"], deals.Select(d => d.Stage).Distinct().Where(s => s is "Angel" or "PreA" or "A" or "B").Order());
        Assert.Equal(2, await ScalarAsync("SELECT count(DISTINCT Amount_Currency) FROM Deals WHERE Amount_Currency IS NOT NULL"));
    }

    [Fact]
    public async Task Investors_people_models_and_events_are_linked()
    {
        double total = SyntheticDatabase.Organizations;

        Assert.Equal(0, await ScalarAsync("""
            SELECT count(*) FROM DealParticipants p JOIN Organizations o ON o.Id = p.OrganizationId
            WHERE p.Role IN ('Investor', 'Lead') AND o.Kind <> 'Investor'
            """));
        Assert.True(await ScalarAsync("SELECT count(*) FROM DealParticipants WHERE PersonId IS NOT NULL") > 0);
        Assert.InRange(await ScalarAsync("SELECT count(*) FROM People") / total, 1.2, 1.8);
        Assert.InRange(await ScalarAsync("SELECT count(*) FROM Models") / total, 0.2, 0.45);
        Assert.InRange(await ScalarAsync("SELECT count(*) FROM Events") / total, 0.7, 1.5);
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM Events e WHERE NOT EXISTS (SELECT 1 FROM EventOrganizations x WHERE x.EventId = e.Id)"));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM People p WHERE NOT EXISTS (SELECT 1 FROM Roles r WHERE r.PersonId = p.Id)"));
        Assert.True(await ScalarAsync("SELECT count(*) FROM CampAssignments") > 0.8 * total);
        Assert.True(await ScalarAsync("SELECT count(*) FROM EventDeals") > 0);
        Assert.True(await ScalarAsync("SELECT count(*) FROM EventModels") > 0);
    }

    [Fact]
    public async Task Every_fact_has_one_citation_whose_quote_is_verbatim_in_the_one_synthetic_source()
    {
        await using var db = landscape.CreateContext();
        var source = await db.Sources.SingleAsync();
        var quotes = await db.Citations.Select(c => c.Quote).Distinct().ToListAsync();

        Assert.Equal(SyntheticLandscape.SourceId, source.Id);
        Assert.All(quotes, q => Assert.Contains(q, source.Text));
        Assert.Equal(0, await db.Citations.CountAsync(c => c.SourceId != SyntheticLandscape.SourceId || c.Ordinal != 0));
        var cited = await db.Citations.GroupBy(c => c.SubjectType).Select(g => new { g.Key, Count = g.Count(), Subjects = g.Select(c => c.SubjectId).Distinct().Count() }).ToListAsync();
        var facts = new Dictionary<SubjectType, int>
        {
            [SubjectType.Organization] = await db.Organizations.CountAsync(), [SubjectType.CampAssignment] = await db.CampAssignments.CountAsync(),
            [SubjectType.Person] = await db.People.CountAsync(), [SubjectType.Role] = await db.Roles.CountAsync(),
            [SubjectType.Model] = await db.Models.CountAsync(), [SubjectType.Deal] = await db.Deals.CountAsync(), [SubjectType.Event] = await db.Events.CountAsync(),
        };
        Assert.All(facts, f => Assert.Equal((f.Value, f.Value), cited.Where(c => c.Key == f.Key).Select(c => (c.Count, c.Subjects)).Single()));
    }

    [Fact]
    public async Task Derived_columns_follow_the_importers_rules()
    {
        await using var db = landscape.CreateContext();
        var organizations = await db.Organizations.Select(o => new { o.Id, o.Camp, o.LatestValuationUsd, o.DisclosedFundingUsd }).ToListAsync();
        var deals = (await db.Deals.OrderBy(d => d.Id).Select(d => new { d.OrganizationId, d.Kind, d.Status, d.Date, d.Amount, d.Valuation }).ToListAsync())
            .ToLookup(d => d.OrganizationId, d => new DealFigures(d.Kind, d.Status, d.Date, d.Amount, d.Valuation));
        var camps = (await db.CampAssignments.OrderBy(c => c.Id).Select(c => new { c.OrganizationId, c.From, c.AsOf, c.Camp }).ToListAsync())
            .ToLookup(c => c.OrganizationId, c => (c.From, c.AsOf, c.Camp));

        Assert.All(organizations, o =>
        {
            Assert.Equal(OrganizationFigures.LatestCamp(camps[o.Id]), o.Camp);
            Assert.Equal(OrganizationFigures.LatestValuationUsd(deals[o.Id], SyntheticDatabase.Rates), o.LatestValuationUsd);
            Assert.Equal(OrganizationFigures.DisclosedFundingUsd(deals[o.Id], SyntheticDatabase.Rates), o.DisclosedFundingUsd);
        });
        Assert.Contains(organizations, o => o.LatestValuationUsd > 0);
        Assert.Contains(organizations, o => o.DisclosedFundingUsd > 0);
        Assert.True(await db.CampAssignments.GroupBy(c => c.OrganizationId).CountAsync(g => g.Count() > 1) > 0, "some organizations change camp");
    }

    [Fact]
    public async Task A_cancelled_generation_leaves_neither_a_partial_file_nor_a_changed_target()
    {
        var file = SyntheticDatabase.NewFile();
        await File.WriteAllTextAsync(file, "the file that was there");
        try
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                new SyntheticGenerator(SyntheticDatabase.Rates).GenerateAsync(file, new SyntheticOptions(500_000), replace: true, cancel.Token));

            Assert.Equal("the file that was there", await File.ReadAllTextAsync(file));
            Assert.False(File.Exists(file + ".partial"));
        }
        finally
        {
            SyntheticDatabase.Delete(file);
        }
    }
}
