using LlmWatch.Data.Values;

namespace LlmWatch.Data;

/// <summary>
/// A "from … to …" filter over partial dates: a date is in it when its period overlaps the range ("2023" is in 2023-04 … 2023-06).
/// Stored dates are ISO text, so <see cref="Overlapping"/> gives bounds SQL can compare that text with.
/// </summary>
public static class DateRange
{
    /// <summary>
    /// A stored date overlaps the range when it is ≥ <see cref="StoredBounds.AtLeast"/> or equals <see cref="StoredBounds.Year"/> or
    /// <see cref="StoredBounds.Month"/> (the year and month holding the start, which sort before its day), and is ≤ <see cref="StoredBounds.AtMost"/>.
    /// </summary>
    public sealed record StoredBounds(PartialDate? AtLeast, PartialDate? Year, PartialDate? Month, PartialDate? AtMost);

    public static StoredBounds Overlapping(PartialDate? from, PartialDate? to) => new(
        from is { Start: var s } ? new PartialDate(s.Year, s.Month, s.Day) : null,
        from is { Start: var y } ? new PartialDate(y.Year) : null,
        from is { Start: var m } ? new PartialDate(m.Year, m.Month) : null,
        to is { End: var e } ? new PartialDate(e.Year, e.Month, e.Day) : null);

    /// <summary>The same rule in memory: an undated item is in no range, and in every unbounded one.</summary>
    public static bool Overlaps(PartialDate? date, PartialDate? from, PartialDate? to)
    {
        if (from is null && to is null) return true;
        if (date is not { } d) return false;
        return (from is not { } f || d.End >= f.Start) && (to is not { } t || d.Start <= t.End);
    }
}
