using System.Diagnostics;
using System.Net;
using System.Text.Json;
using LlmWatch.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;

namespace LlmWatch.Tests.Faults;

/// <summary>
/// The database breaks under a running app (corrupted, locked by another writer, read-only, deleted): the app stays up,
/// pages say the data are unavailable, /healthz says why, and it all comes back without a restart once the fault clears.
/// Each test has an app and a database file of its own.
/// </summary>
public sealed class DatabaseFaultTests : IAsyncLifetime
{
    private sealed class FaultFactory : LlmWatchFactory
    {
        // Readers give up on a lock after one second instead of ten, so the locked case is quick to observe.
        protected override string ConnectionString => $"Data Source={DatabaseFile};Default Timeout=1";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Data:WatchdogSeconds", "1");
        }
    }

    private readonly FaultFactory _app = new();

    public async Task InitializeAsync()
    {
        var (status, _) = await _app.GetPageAsync("/");
        Assert.Equal(HttpStatusCode.OK, status);
        await AssertHealthyAsync();
    }

    public async Task DisposeAsync()
    {
        Immutable(_app.DatabaseFile, false);
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_corrupted_database_shows_unavailable_and_recovers_when_restored()
    {
        var good = await File.ReadAllBytesAsync(_app.DatabaseFile);
        await CheckpointAsync();
        good = await File.ReadAllBytesAsync(_app.DatabaseFile);

        SqliteConnection.ClearAllPools();
        await File.WriteAllBytesAsync(_app.DatabaseFile, Enumerable.Repeat((byte)0x5A, good.Length).ToArray());
        File.Delete(_app.DatabaseFile + "-wal");
        File.Delete(_app.DatabaseFile + "-shm");

        // A page kept in the output cache before the fault is served until it expires (OutputCache:PageSeconds), like a CDN's
        // copy; what the fault itself looks like is a fresh render.
        await _app.ForgetCachedAnswersAsync();
        await AssertUnavailableAsync();

        SqliteConnection.ClearAllPools();
        await File.WriteAllBytesAsync(_app.DatabaseFile, good);
        await AssertRecoveredAsync();
    }

    [Fact]
    public async Task A_database_locked_by_another_writer_keeps_the_site_up_refuses_an_import_cleanly_and_recovers()
    {
        var before = await SnapshotAsync();
        await using (var writer = new SqliteConnection($"Data Source={_app.DatabaseFile};Pooling=False"))
        {
            await writer.OpenAsync();
            await Execute(writer, "BEGIN EXCLUSIVE; UPDATE Sources SET Note = Note;");

            // WAL lets readers carry on beside a writer: the site still answers, with its data or the unavailable notice.
            var (status, html) = await _app.GetPageAsync("/");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.True(html.Contains("data-testid=\"landscape-counts\"") || html.Contains("data-testid=\"data-unavailable\""));
            Assert.DoesNotContain("   at ", html);

            // A second writer (an import) gives up after the busy timeout and leaves nothing half-written.
            using var data = new DataCopy();
            var statistics = data.PathOf("statistics.json");
            await File.WriteAllTextAsync(statistics, (await File.ReadAllTextAsync(statistics)).Replace("\"labelEn\": \"", "\"labelEn\": \"Changed: "));
            var importer = (LlmWatch.Data.Seed.SeedImporter)_app.Services.GetService(typeof(LlmWatch.Data.Seed.SeedImporter))!;
            var refused = await Assert.ThrowsAsync<SqliteException>(() => importer.ImportAsync(data.Directory));
            Assert.Equal(5, refused.SqliteErrorCode); // SQLITE_BUSY

            await Execute(writer, "ROLLBACK;");
        }
        Assert.Equal(before, await SnapshotAsync());
        SqliteConnection.ClearAllPools();
        await AssertRecoveredAsync();
    }

    [Fact]
    public async Task A_read_only_database_keeps_the_site_up_and_readable()
    {
        await CheckpointAsync();
        SqliteConnection.ClearAllPools();
        Immutable(_app.DatabaseFile, true);
        try
        {
            // Reading needs no write: pages either still show the data or say they cannot; never an error page.
            var (status, html) = await _app.GetPageAsync("/");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.True(html.Contains("data-testid=\"landscape-counts\"") || html.Contains("data-testid=\"data-unavailable\""));
            Assert.DoesNotContain("   at ", html);
        }
        finally
        {
            Immutable(_app.DatabaseFile, false);
        }
        SqliteConnection.ClearAllPools();
        await AssertRecoveredAsync();
    }

    [Fact]
    public async Task A_deleted_database_is_recreated_and_reseeded_while_the_app_runs()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_app.DatabaseFile + suffix);

        await AssertRecoveredAsync();
        Assert.True(File.Exists(_app.DatabaseFile));
    }

    [Fact]
    public async Task A_deleted_database_that_a_reader_opened_before_the_watchdog_looked_is_still_reseeded()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_app.DatabaseFile + suffix);
        // What a page's query does when it comes first: opening the missing file creates an empty one in its place.
        await using (var reader = new SqliteConnection($"Data Source={_app.DatabaseFile};Pooling=False"))
            await reader.OpenAsync();

        await AssertRecoveredAsync();
    }

    private async Task AssertUnavailableAsync()
    {
        var (status, html) = await _app.GetPageAsync("/");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(html.Contains("data-testid=\"data-unavailable\""), html[Math.Max(0, html.IndexOf("<main", StringComparison.Ordinal))..]);
        Assert.DoesNotContain("SqliteException", html);

        using var client = _app.CreateClient("en");
        using var health = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrWhiteSpace(body.RootElement.GetProperty("reason").GetString()));
    }

    /// <summary>Waits until the site is whole again, without a restart.</summary>
    private async Task AssertRecoveredAsync()
    {
        using var client = _app.CreateClient("en");
        await Eventually.HoldsAsync("the app recovers", async () =>
        {
            using var health = await client.GetAsync("/healthz");
            return (health.StatusCode == HttpStatusCode.OK, $"{(int)health.StatusCode} {await health.Content.ReadAsStringAsync()}");
        });
        var (_, html) = await _app.GetPageAsync("/");
        Assert.Contains("data-testid=\"landscape-counts\"", html);
    }

    private async Task AssertHealthyAsync()
    {
        using var client = _app.CreateClient("en");
        using var health = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private async Task<string> SnapshotAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_app.DatabaseFile};Pooling=False;Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(Slug || ':' || LabelEn, '|') FROM Statistics";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task CheckpointAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_app.DatabaseFile};Pooling=False");
        await connection.OpenAsync();
        await Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>chattr +i: read-only even for root, which ignores permission bits.</summary>
    private static void Immutable(string file, bool on)
    {
        if (!File.Exists(file)) return;
        using var chattr = Process.Start(new ProcessStartInfo("chattr", [on ? "+i" : "-i", file]) { RedirectStandardError = true })!;
        chattr.WaitForExit();
    }
}
