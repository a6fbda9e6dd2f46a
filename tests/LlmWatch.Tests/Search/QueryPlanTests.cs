using System.Data.Common;
using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;
using LlmWatch.Tests.Infrastructure;
using LlmWatch.Web.Features.Companies;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace LlmWatch.Tests.Search;

/// <summary>
/// The directory's queries are answered by indexes: every sort with and without the camp filter reads its page in index
/// order (no temporary B-tree to sort the matches) and the count reads an index, not the table. SQLite's own plans
/// (EXPLAIN QUERY PLAN), taken on the same command the app sends.
/// </summary>
public sealed class QueryPlanTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private readonly PlanRecorder _plans = new();
    private CompanyQueries _queries = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await _database.Importer.ImportAsync(RepositoryData.Directory);
        // Without statistics the planner assumes large tables (as it finds them at 100k organisations); with the seed's
        // statistics it may rightly prefer scanning 57 rows, which says nothing about the indexes.
        await using (var connection = new SqliteConnection($"Data Source={_database.File}"))
        {
            await connection.OpenAsync();
            await using var forget = connection.CreateCommand();
            forget.CommandText = "DELETE FROM sqlite_stat1;";
            await forget.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();
        var options = new DbContextOptionsBuilder<LlmWatchDbContext>()
            .UseSqlite($"Data Source={_database.File}")
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .AddInterceptors(_plans)
            .Options;
        _queries = new CompanyQueries(new PooledDbContextFactory<LlmWatchDbContext>(options), FxRates.Load(RepositoryData.Directory));
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData(null, "name", false)]
    [InlineData(null, "name", true)]
    [InlineData(null, "founded", false)]
    [InlineData(null, "valuation", false)]
    [InlineData(null, "funding", false)]
    [InlineData("general", "name", false)]
    [InlineData("general", "name", true)]
    [InlineData("general", "founded", false)]
    [InlineData("general", "valuation", false)]
    [InlineData("application", "funding", false)]
    public async Task Each_directory_sort_reads_its_page_in_index_order(string? camp, string sort, bool chinese)
    {
        await _queries.ListAsync(CompanyFilter.Parse(null, camp, null, null, null, null, sort, "2"), chinese);

        var (sql, plan) = _plans.Recorded.Single(p => p.Sql.Contains("ORDER BY", StringComparison.Ordinal) && p.Sql.Contains("FROM \"Organizations\"", StringComparison.Ordinal));
        Assert.DoesNotContain("TEMP B-TREE", plan);
        Assert.Contains("INDEX", plan);
        var count = _plans.Recorded.Single(p => p.Sql.Contains("COUNT(*)", StringComparison.Ordinal)).Plan;
        Assert.Contains("INDEX", count);
        _ = sql;
    }

    [Fact]
    public async Task A_search_starts_from_the_search_index()
    {
        await _queries.ListAsync(CompanyFilter.Parse("百川智能", null, null, null, null, null, "valuation", null), chinese: false);

        var plan = _plans.Recorded.Single(p => p.Sql.Contains("ORDER BY", StringComparison.Ordinal) && p.Sql.Contains("FROM \"Organizations\"", StringComparison.Ordinal)).Plan;
        Assert.Contains("VIRTUAL TABLE INDEX", plan);
    }

    [Fact]
    public async Task A_profile_reads_every_related_table_by_index()
    {
        Assert.NotNull(await _queries.GetProfileAsync("baichuan"));

        Assert.True(_plans.Recorded.Count >= 7);
        AssertNoFullScan(_plans.Recorded);
    }

    /// <summary>
    /// The timeline's model releases under a camp or company filter start from the organisations and their links, as its events
    /// do. Asked per model (EXISTS on each model's links, and the twin check from the events' side), /timeline took 20 s at 100k
    /// organisations and answered with its error state.
    /// </summary>
    [Theory]
    [InlineData(Camp.General, null)]
    [InlineData(null, "deepseek")]
    public async Task The_timelines_releases_under_an_organisation_filter_read_no_table_whole(Camp? camp, string? company)
    {
        var options = new DbContextOptionsBuilder<LlmWatchDbContext>()
            .UseSqlite($"Data Source={_database.File}")
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .AddInterceptors(_plans)
            .Options;
        var timeline = new LlmWatch.Web.Features.Timeline.TimelineQueries(new PooledDbContextFactory<LlmWatchDbContext>(options), new DataChanges());

        var page = await timeline.GetAsync(new LlmWatch.Web.Features.Timeline.TimelineFilter(null, camp, company, null, 1));

        Assert.Contains(page.Items, e => e.Release is not null);
        var union = _plans.Recorded.Where(p => p.Sql.Contains("UNION ALL", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, union.Count);
        // The union and each half's own subquery are read whole once built ("SCAN u" after "CO-ROUTINE u"): their rows, not a table's.
        AssertNoFullScan(union.Select(p => (p.Sql, WithoutSubqueryScans(p.Plan))));
    }

    /// <summary>
    /// The top of a broad timeline (none or a camp) reads each half of the union in date order through its index and stops at the page's
    /// end, and the count stops at the cap. Sorting every entry of a camp to show its first 100 cost 50–60 ms of SQLite at 100k
    /// organisations, counting them all 45 ms, for every render.
    /// </summary>
    [Theory]
    [InlineData(null)]
    [InlineData(Camp.General)]
    public async Task The_timelines_first_page_walks_each_half_in_date_order_and_its_count_stops(Camp? camp)
    {
        var options = new DbContextOptionsBuilder<LlmWatchDbContext>()
            .UseSqlite($"Data Source={_database.File}")
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .AddInterceptors(_plans)
            .Options;
        var timeline = new LlmWatch.Web.Features.Timeline.TimelineQueries(new PooledDbContextFactory<LlmWatchDbContext>(options), new DataChanges());

        await timeline.GetAsync(new LlmWatch.Web.Features.Timeline.TimelineFilter(null, camp, null, null, 1));

        var union = _plans.Recorded.Where(p => p.Sql.Contains("UNION ALL", StringComparison.Ordinal)).ToList();
        var count = union.Single(p => p.Sql.Contains("COUNT(*)", StringComparison.Ordinal));
        Assert.Contains("LIMIT", count.Sql);
        var page = union.Single(p => !p.Sql.Contains("COUNT(*)", StringComparison.Ordinal)).Plan;
        Assert.Contains("SCAN e USING INDEX IX_Events_DateOrder", page);
        Assert.Contains("SEARCH m USING INDEX IX_Models_ReleasedOn", page);
    }

    private static string WithoutSubqueryScans(string plan)
    {
        var lines = plan.Split('\n');
        var subqueries = lines.Where(l => l.StartsWith("CO-ROUTINE ", StringComparison.Ordinal)).Select(l => "SCAN " + l["CO-ROUTINE ".Length..]).ToHashSet();
        return string.Join('\n', lines.Where(l => !subqueries.Contains(l)));
    }

    private static void AssertNoFullScan(IEnumerable<(string Sql, string Plan)> recorded)
    {
        foreach (var (sql, plan) in recorded)
            Assert.False(plan.Split('\n').Any(line => line.Contains("SCAN ", StringComparison.Ordinal) && !line.Contains("json_each", StringComparison.Ordinal)
                                                       && !line.Contains("USING", StringComparison.Ordinal)),
                $"A full scan in:\n{plan}\nfor\n{sql}");
    }

    /// <summary>Runs EXPLAIN QUERY PLAN on each command the app sends, with its parameters, before the command itself runs.</summary>
    private sealed class PlanRecorder : DbCommandInterceptor
    {
        private readonly List<(string Sql, string Plan)> _recorded = [];

        public IReadOnlyList<(string Sql, string Plan)> Recorded => _recorded;

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await RecordAsync(command, cancellationToken);
            return result;
        }

        public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            await RecordAsync(command, cancellationToken);
            return result;
        }

        private async Task RecordAsync(DbCommand command, CancellationToken cancellationToken)
        {
            await using var explain = (SqliteCommand)command.Connection!.CreateCommand();
            explain.Transaction = (SqliteTransaction?)command.Transaction;
            explain.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
            foreach (SqliteParameter p in command.Parameters) explain.Parameters.Add(new SqliteParameter(p.ParameterName, p.Value ?? DBNull.Value));
            var lines = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync(cancellationToken))
                while (await reader.ReadAsync(cancellationToken)) lines.Add(reader.GetString(3));
            _recorded.Add((command.CommandText, string.Join('\n', lines)));
        }
    }
}
