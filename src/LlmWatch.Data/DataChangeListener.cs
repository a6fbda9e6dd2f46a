using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace LlmWatch.Data;

/// <summary>
/// Keeps this instance's caches coherent with the others on one PostgreSQL database: <c>LISTEN</c>s on
/// <see cref="DataChanges.Channel"/> over a connection of its own and raises <see cref="DataChanges.NotifyFromElsewhereAsync"/>
/// for every other instance's announcement. A lost connection (a server restart, a terminated backend, a network cut found
/// by a ping every <see cref="PingInterval"/>) is opened again with a growing pause; each time it listens anew it drops the
/// caches once, because announcements sent while it was not listening are lost to it. Nothing to do on SQLite.
/// </summary>
public sealed class DataChangeListener(DataOptions options, DataChanges changes, ILogger<DataChangeListener> logger) : BackgroundService
{
    /// <summary>The listening connection's application_name, so that it is recognisable in pg_stat_activity.</summary>
    public const string ApplicationName = "llmwatch-listener";

    public static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(5);
    private int _listened;

    /// <summary>How many times it has started listening (and dropped the caches for it): 1 after the first connection, 2 after a reconnect.</summary>
    public int Listened => Volatile.Read(ref _listened);

    private static readonly TimeSpan[] Pauses = [TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.IsPostgreSql) return;
        var connectionString = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            // One long-lived physical connection: a pooled one would come back broken after the server dropped it.
            Pooling = false,
            ApplicationName = ApplicationName,
        }.ToString();
        var failures = 0;
        var listenedBefore = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(connectionString, listenedBefore, () => { listenedBefore = true; failures = 0; }, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException or IOException or OperationCanceledException)
            {
                // One line per outage, not per retry: the watchdog and /healthz speak for a server that stays away.
                if (failures == 0)
                    logger.LogWarning("Not listening for other instances' data changes ({Reason}); trying again, and dropping the caches once listening again", e.Message);
            }
            try
            {
                await Task.Delay(Pauses[Math.Min(failures++, Pauses.Length - 1)], stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ListenAsync(string connectionString, bool listenedBefore, Action listening, CancellationToken stoppingToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var heard = 0;
        connection.Notification += (_, e) =>
        {
            if (e.Payload != changes.InstanceId) Interlocked.Increment(ref heard);
        };
        await connection.OpenAsync(stoppingToken);
        await using (var listen = new NpgsqlCommand($"LISTEN {DataChanges.Channel}", connection))
            await listen.ExecuteNonQueryAsync(stoppingToken);
        listening();
        // Whatever was announced before this LISTEN (while the connection was down, or before the first one) is not heard.
        await changes.NotifyFromElsewhereAsync(stoppingToken);
        Interlocked.Increment(ref _listened);
        if (listenedBefore) logger.LogInformation("Listening again for other instances' data changes; dropped the caches once");
        else logger.LogInformation("Listening for other instances' data changes on {Database}", options.DatabaseDescription);

        while (true)
        {
            if (!await connection.WaitAsync(PingInterval, stoppingToken))
            {
                // Quiet for a while: make sure the connection is still there (a silent cut shows only when something is sent).
                await using var ping = new NpgsqlCommand("SELECT 1", connection);
                await ping.ExecuteScalarAsync(stoppingToken);
            }
            // Several announcements heard in one wait are one eviction: each drops everything anyway.
            if (Interlocked.Exchange(ref heard, 0) > 0) await changes.NotifyFromElsewhereAsync(stoppingToken);
        }
    }
}
