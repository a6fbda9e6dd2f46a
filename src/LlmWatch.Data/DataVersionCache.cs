using System.Collections.Concurrent;

namespace LlmWatch.Data;

/// <summary>
/// Values derived from the data, one per key (a view, a filter), kept until the data change (<see cref="DataChanges.Version"/>): a
/// value read at an older version is never answered, and the first read at a new version drops the old ones. Keys are as many as
/// readers make them, so at most <paramref name="maxEntries"/> are kept.
/// </summary>
public sealed class DataVersionCache<TKey, TValue>(DataChanges changes, int maxEntries = 1000) where TKey : notnull
{
    private readonly ConcurrentDictionary<(long Version, TKey Key), TValue> _kept = new();

    public async Task<TValue> GetOrReadAsync(TKey key, Func<Task<TValue>> read)
    {
        // The version before the read: a change during it leaves the value under the version it may already be stale for.
        var version = changes.Version;
        if (_kept.TryGetValue((version, key), out var kept)) return kept;
        var value = await read();
        if (_kept.Count >= maxEntries) _kept.Clear();
        foreach (var stale in _kept.Keys.Where(k => k.Version != version)) _kept.TryRemove(stale, out _);
        _kept[(version, key)] = value;
        return value;
    }
}
