namespace LlmWatch.Data;

/// <summary>
/// Which past a read looks at: <see cref="AsOf"/>, the landscape as the sources published on or before that day described
/// it; <see cref="RecordedAt"/>, the landscape as LlmWatch had recorded it by the end of that day (UTC). Both null: today.
/// </summary>
public sealed record DataView(DateOnly? AsOf, DateOnly? RecordedAt = null)
{
    public static readonly DataView Today = new(null, null);

    public bool IsToday => AsOf is null && RecordedAt is null;

    /// <summary>The earliest <c>asOf</c> a reader may ask for.</summary>
    public static readonly DateOnly Earliest = new(1990, 1, 1);

    /// <summary>Why <paramref name="day"/> cannot be a view's day (before 1990, after <paramref name="today"/>), or null.</summary>
    public static string? Problem(DateOnly day, DateOnly today) =>
        day < Earliest ? $"A date on or after {Earliest:yyyy-MM-dd} is needed."
        : day > today ? $"The date is after today ({today:yyyy-MM-dd}): nothing is known of it yet."
        : null;
}

/// <summary>
/// The <see cref="DataView"/> of the current flow of work. Every <see cref="LlmWatchDbContext"/> created inside
/// <see cref="Enter"/> takes it, and its global query filters apply it to every fact, citation and source: the single place
/// where <c>asOf</c> and <c>recordedAt</c> take effect. The API sets it per request, a page around each of its loads.
/// </summary>
public static class AsOfScope
{
    private static readonly AsyncLocal<DataView?> CurrentView = new();

    public static DataView Current => CurrentView.Value ?? DataView.Today;

    /// <summary>Reads inside the returned scope (until it is disposed) see <paramref name="view"/>.</summary>
    public static IDisposable Enter(DataView view)
    {
        var previous = CurrentView.Value;
        CurrentView.Value = view;
        return new Exit(previous);
    }

    private sealed class Exit(DataView? previous) : IDisposable
    {
        public void Dispose() => CurrentView.Value = previous;
    }
}
