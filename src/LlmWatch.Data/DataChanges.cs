namespace LlmWatch.Data;

/// <summary>
/// Tells whatever keeps answers derived from the database (the API's output cache, the health check) that the data
/// under them were replaced: raised after an import in this process and when the watchdog finds the file gone.
/// </summary>
public sealed class DataChanges
{
    private readonly List<Func<CancellationToken, Task>> _listeners = [];
    private long _version;

    /// <summary>Grows by one on every change; an answer remembered with an older version is stale.</summary>
    public long Version => Interlocked.Read(ref _version);

    public void Subscribe(Func<CancellationToken, Task> listener)
    {
        lock (_listeners) _listeners.Add(listener);
    }

    public async Task NotifyAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _version);
        Func<CancellationToken, Task>[] listeners;
        lock (_listeners) listeners = [.. _listeners];
        foreach (var listener in listeners) await listener(cancellationToken);
    }
}
