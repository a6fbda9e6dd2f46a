using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmWatch.Data;

/// <summary>
/// Notices a database file that has gone missing while the app runs and recreates and reseeds it, so the site recovers
/// without a restart. Pooled connections still hold the deleted file open, so the pools are cleared first.
/// </summary>
public sealed class DatabaseWatchdog(DatabaseInitializer initializer, DataOptions options, DataChanges changes, ILogger<DatabaseWatchdog> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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
}
