using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Tests.Infrastructure;
using LlmWatch.Tests.Synthetic;
using LlmWatch.Data.Values;
using LlmWatch.Web.Features.Funding;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Tests.Data;

/// <summary>The FundingGroups summary holds exactly the groups the funding page would aggregate from the deals, on the seed and on generated data.</summary>
public sealed class FundingGroupsTests(SyntheticDatabase synthetic) : IClassFixture<SyntheticDatabase>, IAsyncLifetime
{
    private TestDatabase _seed = null!;

    public async Task InitializeAsync()
    {
        _seed = await TestDatabase.CreateAsync();
        await _seed.Importer.ImportAsync(RepositoryData.Directory);
    }

    public async Task DisposeAsync() => await _seed.DisposeAsync();

    private static async Task<List<string>> LiveAsync(LlmWatchDbContext db, Camp? camp, DealKind? kind, DealStatus? status)
    {
        var deals = db.Deals.AsQueryable();
        if (camp is { } c) deals = deals.Where(d => d.Organization.Camp == c);
        if (kind is { } k) deals = deals.Where(d => d.Kind == k);
        if (status is { } s) deals = deals.Where(d => d.Status == s);
        var groups = await deals
            .GroupBy(d => new { d.Date, d.Organization.Camp, d.Amount!.Currency, d.Kind, d.Status })
            .Select(g => new
            {
                g.Key.Date, g.Key.Camp, g.Key.Currency, g.Key.Kind, g.Key.Status, Deals = g.Count(),
                Min = g.Sum(d => d.Amount!.Min), Max = g.Sum(d => d.Amount!.Max ?? 0), Open = g.Count(d => d.Amount!.Currency != null && d.Amount.Max == null),
            })
            .ToListAsync();
        return groups.Select(g => $"{g.Date}|{g.Camp}|{g.Currency}|{g.Kind}|{g.Status}|{g.Deals}|{g.Min}|{g.Max}|{g.Open}").Order().ToList();
    }

    private static async Task<List<string>> SummaryAsync(LlmWatchDbContext db, Camp? camp, DealKind? kind, DealStatus? status)
    {
        var groups = db.FundingGroups.AsQueryable();
        if (camp is { } c) groups = groups.Where(g => g.Camp == c);
        if (kind is { } k) groups = groups.Where(g => g.Kind == k);
        if (status is { } s) groups = groups.Where(g => g.Status == s);
        return (await groups.ToListAsync())
            .Select(g => $"{g.Date}|{g.Camp}|{g.Currency}|{g.Kind}|{g.Status}|{g.Deals}|{g.Min}|{g.Max}|{g.Open}").Order().ToList();
    }

    public static TheoryData<Camp?, DealKind?, DealStatus?> Filters => new()
    {
        { null, null, null },
        { Camp.General, null, null },
        { null, DealKind.EquityRound, null },
        { null, null, DealStatus.Completed },
        { Camp.Application, DealKind.EquityRound, DealStatus.Completed },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task The_summary_equals_the_live_aggregation_on_the_seed(Camp? camp, DealKind? kind, DealStatus? status)
    {
        await using var db = await _seed.Factory.CreateDbContextAsync();
        var live = await LiveAsync(db, camp, kind, status);
        if (camp is null && kind is null && status is null) Assert.NotEmpty(live);
        Assert.Equal(live, await SummaryAsync(db, camp, kind, status));
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task The_summary_equals_the_live_aggregation_on_generated_data(Camp? camp, DealKind? kind, DealStatus? status)
    {
        await using var db = synthetic.CreateContext();
        var live = await LiveAsync(db, camp, kind, status);
        Assert.NotEmpty(live);
        Assert.Equal(live, await SummaryAsync(db, camp, kind, status));
    }

    [Fact]
    public async Task The_funding_chart_from_the_summary_equals_the_chart_of_the_live_groups_until_the_data_change()
    {
        var rates = FxRates.Load(RepositoryData.Directory);
        var changes = new DataChanges();
        var queries = new FundingQueries(_seed.Factory, rates, changes);
        var unfiltered = new FundingFilter(null, null, null, null, null, null, null, null, 1);
        await using var db = await _seed.Factory.CreateDbContextAsync();
        var live = (await db.Deals
                .GroupBy(d => new { d.Date, d.Organization.Camp, d.Amount!.Currency, d.Kind, d.Status })
                .Select(g => new { g.Key.Date, g.Key.Camp, g.Key.Currency, g.Key.Kind, g.Key.Status, Deals = g.Count(), Min = g.Sum(d => d.Amount!.Min),
                    Max = g.Sum(d => d.Amount!.Max ?? 0), Open = g.Count(d => d.Amount!.Currency != null && d.Amount.Max == null) })
                .ToListAsync())
            .Select(g => new DealGroup(g.Date, g.Camp, g.Currency, g.Deals, g.Min, g.Max, g.Open, g.Kind, g.Status)).ToList();

        var first = await queries.GetDealsAsync(unfiltered);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(FundingPeriods.Group(live, rates)), System.Text.Json.JsonSerializer.Serialize(first.Periods));
        Assert.Equal(live.Sum(g => g.Deals), first.Deals.Total);

        // The summary replaced underneath: the kept chart stands until the change is announced, then the new one is drawn.
        await db.Database.ExecuteSqlRawAsync("DELETE FROM FundingGroups WHERE Camp = 'General'");
        Assert.Equal(first.Deals.Total, (await queries.GetDealsAsync(unfiltered)).Deals.Total);
        await changes.NotifyAsync();
        var after = await queries.GetDealsAsync(unfiltered);
        Assert.Equal(live.Where(g => g.Camp != Camp.General).Sum(g => g.Deals), after.Deals.Total);
        Assert.True(after.Deals.Total < first.Deals.Total);
    }

    [Fact]
    public async Task A_database_without_the_summary_is_not_current()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_seed.File}");
        await connection.OpenAsync();
        Assert.True(await DatabaseMaintenance.IsDerivedCurrentAsync(connection));
        await using var wipe = connection.CreateCommand();
        wipe.CommandText = "DELETE FROM FundingGroups;";
        await wipe.ExecuteNonQueryAsync();
        Assert.False(await DatabaseMaintenance.IsDerivedCurrentAsync(connection));
    }
}
