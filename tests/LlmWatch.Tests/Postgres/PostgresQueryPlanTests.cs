using System.Data.Common;
using LlmWatch.Data;
using LlmWatch.Data.Values;
using LlmWatch.Tests.Infrastructure;
using LlmWatch.Web.Features.Companies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace LlmWatch.Tests.Postgres;

/// <summary>
/// On PostgreSQL too, each directory sort, with one camp and without, reads its page in an index's order instead of sorting
/// every match (at 1M organisations a sort of the 87k general-camp rows took 390–570 ms a page; tests/perf/PERFORMANCE.md).
/// Two things must hold for that: the indexes say SQLite's NULL order, as the queries do (NULLS LAST descending, NULLS FIRST
/// ascending, every column), and one camp is asked for as <c>"Camp" = …</c> (PostgreSQL 15 keeps no index order under
/// <c>= ANY (…)</c>). The plans are PostgreSQL's own (<c>EXPLAIN</c>) of the commands the app sends, with their parameters, with
/// sequential and bitmap scans priced out, so that the answer depends on the indexes and not on an empty table's statistics.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresQueryPlanTests(PostgresServer server)
{
    [SkippableTheory]
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
        Skip.If(server.SkipReason is not null, server.SkipReason);
        var plans = new PlanRecorder();
        var queries = await QueriesAsync(plans);

        await queries.ListAsync(CompanyFilter.Parse(null, camp, null, null, null, null, sort, "2"), chinese);

        var (sql, plan) = plans.Recorded.Single(p => p.Sql.Contains("ORDER BY", StringComparison.Ordinal) && p.Sql.Contains("FROM \"Organizations\"", StringComparison.Ordinal));
        Assert.False(plan.Contains("Sort Key", StringComparison.Ordinal), $"The page is sorted instead of read in index order:\n{plan}\nfor\n{sql}");
        Assert.Contains("Index Scan", plan);
        if (camp is not null) Assert.DoesNotContain("ANY", sql);
    }

    [SkippableFact]
    public async Task Several_camps_keep_their_list_filter_and_the_same_order()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        var plans = new PlanRecorder();
        var queries = await QueriesAsync(plans);

        await queries.ListAsync(CompanyFilter.Parse(null, "general,vertical", null, null, null, null, "valuation", null), chinese: false);

        var sql = plans.Recorded.Single(p => p.Sql.Contains("ORDER BY", StringComparison.Ordinal) && p.Sql.Contains("FROM \"Organizations\"", StringComparison.Ordinal)).Sql;
        Assert.Contains("ANY", sql);
        Assert.Contains("\"LatestValuationUsd\" DESC NULLS LAST", sql);
    }

    private async Task<CompanyQueries> QueriesAsync(PlanRecorder plans)
    {
        var connectionString = await server.CreateDatabaseAsync();
        var options = PostgreSql.Configure(new DbContextOptionsBuilder<LlmWatchDbContext>(), connectionString)
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .AddInterceptors(plans)
            .Options;
        await using (var db = new LlmWatchDbContext((DbContextOptions<LlmWatchDbContext>)options)) await db.Database.MigrateAsync();
        return new CompanyQueries(new PooledDbContextFactory<LlmWatchDbContext>((DbContextOptions<LlmWatchDbContext>)options), FxRates.Load(RepositoryData.Directory));
    }

    /// <summary>Runs EXPLAIN on each query the app sends, with its parameters, before the query itself runs.</summary>
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
            if (!command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)) return;
            var connection = (NpgsqlConnection)command.Connection!;
            await using (var price = new NpgsqlCommand("SET enable_seqscan = off; SET enable_bitmapscan = off;", connection))
                await price.ExecuteNonQueryAsync(cancellationToken);
            await using var explain = new NpgsqlCommand("EXPLAIN " + command.CommandText, connection);
            foreach (NpgsqlParameter p in command.Parameters) explain.Parameters.Add(p.Clone());
            var lines = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync(cancellationToken))
                while (await reader.ReadAsync(cancellationToken)) lines.Add(reader.GetString(0));
            await using (var reset = new NpgsqlCommand("RESET enable_seqscan; RESET enable_bitmapscan;", connection))
                await reset.ExecuteNonQueryAsync(cancellationToken);
            _recorded.Add((command.CommandText, string.Join('\n', lines)));
        }
    }
}
