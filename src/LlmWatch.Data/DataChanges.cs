using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LlmWatch.Data;

/// <summary>
/// Tells whatever keeps answers derived from the database (the output cache, the ETags, the health check) that the data
/// under them were replaced: raised after an import or an approval in this process, when the watchdog finds the file gone,
/// and — on PostgreSQL — when another instance sharing the database says it changed them (<see cref="DataChangeListener"/>).
/// A change made here is announced to the others with <c>NOTIFY</c> on <see cref="Channel"/> after the local listeners ran;
/// SQLite is one machine's file served by one instance, so nothing is announced.
/// </summary>
public sealed class DataChanges(DataOptions? options = null, ILogger<DataChanges>? logger = null)
{
    /// <summary>The PostgreSQL channel every instance listens on; the payload is the announcing instance's <see cref="InstanceId"/>.</summary>
    public const string Channel = "llmwatch_data_changes";

    private readonly List<Func<CancellationToken, Task>> _listeners = [];
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;
    private long _version;

    /// <summary>This process's name on <see cref="Channel"/>: its own announcements come back to it and are skipped.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Grows by one on every change; an answer remembered with an older version is stale.</summary>
    public long Version => Interlocked.Read(ref _version);

    public void Subscribe(Func<CancellationToken, Task> listener)
    {
        lock (_listeners) _listeners.Add(listener);
    }

    /// <summary>The data were changed by this process: drop what derives from them here, then tell the other instances.</summary>
    public async Task NotifyAsync(CancellationToken cancellationToken = default)
    {
        await RaiseAsync(cancellationToken);
        if (options?.IsPostgreSql == true) await AnnounceAsync(options.ConnectionString, cancellationToken);
    }

    /// <summary>Another instance changed the data, or may have while this one was not listening: drop what derives from them here only.</summary>
    public Task NotifyFromElsewhereAsync(CancellationToken cancellationToken = default) => RaiseAsync(cancellationToken);

    private async Task RaiseAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _version);
        Func<CancellationToken, Task>[] listeners;
        lock (_listeners) listeners = [.. _listeners];
        foreach (var listener in listeners) await listener(cancellationToken);
    }

    private async Task AnnounceAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @instance)", connection);
            notify.Parameters.AddWithValue("channel", Channel);
            notify.Parameters.AddWithValue("instance", InstanceId);
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // The change itself is committed; an instance that misses the word drops its caches when its listener reconnects,
            // which a server that refused this connection also cost it. Failing the editor's approval here would help no one.
            _logger.LogWarning("Could not tell the other instances that the data changed: {Reason}", e.Message);
        }
    }
}
