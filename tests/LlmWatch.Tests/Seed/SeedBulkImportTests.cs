using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmWatch.Data;
using LlmWatch.Data.Curation;
using LlmWatch.Data.Seed;
using LlmWatch.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmWatch.Tests.Seed;

/// <summary>
/// A first import into an empty SQLite database writes its rows by prepared INSERTs (<c>SqliteSeedWriter</c>), not through the
/// change tracker: it must write exactly what the change tracker writes, row for row, column for column, ids included.
/// </summary>
public sealed class SeedBulkImportTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 5, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_bulk_first_import_writes_every_table_exactly_as_the_change_tracker_does()
    {
        await AssertSameAsync(RepositoryData.Directory);
    }

    [Fact]
    public async Task Also_reported_values_are_written_alike()
    {
        using var data = new DataCopy();
        var (set, _) = SeedReader.Read(data.Directory);
        var deal = set.Deals.First(d => d.Amount is not null && d.Citations.Count > 0);
        var entry = new JsonObject
        {
            ["kind"] = "deal", ["fact"] = deal.Slug, ["field"] = "amount",
            ["value"] = JsonSerializer.SerializeToNode(deal.Amount! with { Min = deal.Amount.Min + 1, Max = deal.Amount.Min + 1 }, FactDocuments.Json),
            ["sourceId"] = deal.Citations[0].SourceId, ["quote"] = deal.Citations[0].Quote,
        };
        File.WriteAllText(data.PathOf(AlsoReportedFile.FileName), new JsonArray(entry).ToJsonString());

        var tables = await AssertSameAsync(data.Directory);

        Assert.Single(tables["AlsoReported"]);
    }

    [Fact]
    public async Task A_first_import_into_an_empty_sqlite_file_saves_nothing_through_the_change_tracker()
    {
        var saves = new SaveCounter();
        await using var bulk = await TestDatabase.CreateAsync();
        await using var tracked = await TestDatabase.CreateAsync();

        var written = await ImporterOver(bulk.File, saves).ImportAsync(RepositoryData.Directory, intoEmptyDatabase: true);
        Assert.Equal(0, saves.Count);
        var compared = await ImporterOver(tracked.File, saves).ImportAsync(RepositoryData.Directory, intoEmptyDatabase: true, trackChanges: true);

        Assert.True(saves.Count > 0, "the change tracker's import saves through SaveChanges");
        Assert.Equal(compared, written);
        Assert.True(written.Added > written.Facts + written.Citations, $"{written}");
    }

    /// <summary>Imports the folder both ways, at the same instant, and compares every table; returns the bulk import's tables.</summary>
    private static async Task<Dictionary<string, List<string>>> AssertSameAsync(string dataDirectory)
    {
        await using var bulk = await TestDatabase.CreateAsync();
        await using var tracked = await TestDatabase.CreateAsync();

        var a = await ImporterOver(bulk.File).ImportAsync(dataDirectory, intoEmptyDatabase: true);
        var b = await ImporterOver(tracked.File).ImportAsync(dataDirectory, intoEmptyDatabase: true, trackChanges: true);

        Assert.Equal(b, a);
        var written = await TablesAsync(bulk.File);
        var expected = await TablesAsync(tracked.File);
        Assert.Equal(expected.Keys, written.Keys);
        foreach (var (table, rows) in expected)
        {
            Assert.True(rows.Count == written[table].Count, $"{table}: {written[table].Count} rows, the change tracker wrote {rows.Count}");
            for (var i = 0; i < rows.Count; i++)
                Assert.True(rows[i] == written[table][i], $"{table}, row {i + 1}:\n  bulk    {written[table][i]}\n  tracker {rows[i]}");
        }
        Assert.Contains(expected, t => t.Key == "OrganizationSearch" && t.Value.Count > 0);
        return written;
    }

    private static SeedImporter ImporterOver(string file, SaveCounter? saves = null)
    {
        var options = new DbContextOptionsBuilder<LlmWatchDbContext>().UseLlmWatchDatabase($"Data Source={file}");
        if (saves is not null) options.AddInterceptors(saves);
        return new SeedImporter(new PooledDbContextFactory<LlmWatchDbContext>((DbContextOptions<LlmWatchDbContext>)options.Options),
            NullLogger<SeedImporter>.Instance, new FixedClock());
    }

    /// <summary>
    /// Every row of every table (the search index's virtual tables and their shadow tables, the id counters and the join tables
    /// included) in physical order, each value with its SQLite storage class.
    /// </summary>
    private static async Task<Dictionary<string, List<string>>> TablesAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var names = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        }
        var tables = new Dictionary<string, List<string>>();
        foreach (var name in names)
        {
            var quoted = name.Replace("\"", "\"\"");
            var columns = new List<string>();
            await using (var info = connection.CreateCommand())
            {
                info.CommandText = $"SELECT name FROM pragma_table_xinfo('{name.Replace("'", "''")}')";
                await using var reader = await info.ExecuteReaderAsync();
                while (await reader.ReadAsync()) columns.Add(reader.GetString(0));
            }
            var cells = string.Join(", ", columns.Select(c => $"typeof(\"{c.Replace("\"", "\"\"")}\"), \"{c.Replace("\"", "\"\"")}\""));
            tables[name] = await RowsAsync(connection, $"SELECT rowid, {cells} FROM \"{quoted}\" ORDER BY rowid")
                ?? await RowsAsync(connection, $"SELECT {cells} FROM \"{quoted}\" ORDER BY {string.Join(", ", Enumerable.Range(1, columns.Count * 2))}")
                ?? throw new InvalidOperationException($"{name} could not be read");
        }
        return tables;
    }

    private static async Task<List<string>?> RowsAsync(SqliteConnection connection, string sql)
    {
        try
        {
            await using var select = connection.CreateCommand();
            select.CommandText = sql;
            await using var reader = await select.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                var row = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                    row.Append(reader.GetValue(i) switch { byte[] blob => Convert.ToHexString(blob), var v => v.ToString() }).Append(" | ");
                rows.Add(row.ToString());
            }
            return rows;
        }
        catch (SqliteException) when (!sql.Contains("ORDER BY 1", StringComparison.Ordinal))
        {
            return null; // a table without rowid: ordered by its columns instead
        }
    }

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class SaveCounter : SaveChangesInterceptor
    {
        public int Count;

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Count);
            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }
    }
}
