using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace LlmWatch.Data;

/// <summary>
/// Brings the site back without a restart. SQLite: notices a database file that has gone missing while the app runs and
/// recreates and reseeds it (pooled connections still hold the deleted file open, so the pools are cleared first).
/// PostgreSQL: while the start could not prepare the database (the server was down, say), tries again every tick; a
/// server that goes away later needs nothing of it — the pool opens new connections once the server answers again.
/// </summary>
public sealed class DatabaseWatchdog(DatabaseInitializer initializer, DataOptions options, DataChanges changes, ILogger<DatabaseWatchdog> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.IsPostgreSql)
        {
            await WatchServerAsync(stoppingToken);
            return;
        }
        var file = options.DatabaseFile;
        if (string.IsNullOrEmpty(file) || file == ":memory:") return;
        using var timer = new PeriodicTimer(options.WatchdogInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // A reader that came before this tick opened the missing file and so created an empty one: that is gone too.
            if (new FileInfo(file) is { Exists: true, Length: > 0 } || !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(file)))) continue;
            logger.LogWarning("The database file {DatabaseFile} has disappeared; recreating and reseeding it", Path.GetFullPath(file));
            try
            {
                SqliteConnection.ClearAllPools();
                // Answers cached from the lost file must go even if the reseed fails; the reseed announces itself again.
                await changes.NotifyAsync(stoppingToken);
                await initializer.InitializeAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Recreating the database {DatabaseFile} failed; will try again", Path.GetFullPath(file));
            }
        }
    }

    private async Task WatchServerAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.WatchdogInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (initializer.IsReady) continue;
            try
            {
                NpgsqlConnection.ClearAllPools();
                await initializer.InitializeAsync(stoppingToken);
                logger.LogInformation("The database {Database} answers again and is ready", options.DatabaseDescription);
                // Whatever was cached while it was unavailable goes.
                await changes.NotifyAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The start logged the reason once; until the server answers each retry is a quiet line.
                logger.LogDebug("The database {Database} is still unavailable: {Reason}", options.DatabaseDescription, e.Message);
            }
        }
    }
}
