using LlmWatch.Data;

namespace LlmWatch.Web.Features.Models;

/// <summary>One organisation's share of a year's stack (null slug: the others, grouped).</summary>
public sealed record ReleaseSegment(string? Slug, string NameZh, string NameEn, int Models);

/// <summary>A year of the releases chart: its stack, largest series first as the legend orders them, and its total.</summary>
public sealed record ReleaseYear(int Year, IReadOnlyList<ReleaseSegment> Segments)
{
    public int Total => Segments.Sum(s => s.Models);
}

/// <summary>
/// The releases chart's grouping: the <paramref name="top"/> organisations with the most releases over all years keep their own
/// series, every other organisation is summed into "others"; every year from the first to the last release appears (a year with
/// none is an empty column, not a missing one).
/// </summary>
public static class ReleasesChartData
{
    public const int DefaultTop = 8;

    /// <summary>The drawing's width when its years fit: a phone's column (390 px less the page's margins), so its text is drawn at its own size there.</summary>
    public const int PhoneWidth = 340;

    /// <summary>The narrowest column a year gets: wide enough for its bar and its total, not for its label (every other year is labelled then).</summary>
    public const int MinSlot = 24;

    /// <summary>The year labels fit under every column from this column width on; below it every other year is labelled, the last always.</summary>
    public const int LabelSlot = 40;

    /// <summary>
    /// Whether the year's column is labelled: all are when <paramref name="years"/> columns of <see cref="PhoneWidth"/> leave each
    /// <see cref="LabelSlot"/>, else every other year counted back from the last (the table lists every year).
    /// </summary>
    public static bool Labelled(int year, int lastYear, int years) =>
        years * LabelSlot <= PhoneWidth - 58 || (lastYear - year) % 2 == 0;

    /// <summary>
    /// Scales with its column and never scrolls: at a phone's width it is drawn at its own size (text at 11 px), on a wide screen it
    /// grows to half again that, not more.
    /// </summary>
    /// <summary>
    /// The axis step: the first of 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1,000, … that reaches the tallest year in four
    /// steps, however many models a year holds (a landscape of 100,000 organisations has tens of thousands).
    /// </summary>
    public static int TickStep(int max)
    {
        for (long power = 1; ; power *= 10)
            foreach (var step in power >= 10 ? new[] { power, 2 * power, 25 * power / 10, 5 * power } : [power, 2 * power, 5 * power])
                if (step * 4 >= max) return (int)step;
    }

    public static string Style(double width) => FormattableString.Invariant($"width:100%;max-width:{Math.Round(width * 1.5)}px");

    public static (IReadOnlyList<ReleaseSegment> Series, IReadOnlyList<ReleaseYear> Years) Group(IReadOnlyList<ReleasesInYear> releases, int top = DefaultTop)
    {
        if (releases.Count == 0) return ([], []);
        var ranked = releases.GroupBy(r => r.OrganizationSlug)
            .Select(g => new ReleaseSegment(g.Key, g.First().NameZh, g.First().NameEn, g.Sum(r => r.Models)))
            .OrderByDescending(s => s.Models).ThenBy(s => s.Slug, StringComparer.Ordinal).ToList();
        // "Others" only when it stands for at least two organisations: one more series reads better than a group of one.
        var kept = ranked.Count <= top + 1 ? ranked : ranked.Take(top).ToList();
        var keptSlugs = kept.Select(s => s.Slug).ToHashSet(StringComparer.Ordinal);
        var series = kept.ToList();
        var othersTotal = ranked.Where(s => !keptSlugs.Contains(s.Slug)).Sum(s => s.Models);
        if (othersTotal > 0) series.Add(new ReleaseSegment(null, "其他", "Others", othersTotal));
        var years = new List<ReleaseYear>();
        var first = releases.Min(r => r.Year);
        var last = releases.Max(r => r.Year);
        for (var year = first; year <= last; year++)
        {
            var inYear = releases.Where(r => r.Year == year).ToList();
            var segments = new List<ReleaseSegment>();
            foreach (var s in kept)
                if (inYear.Where(r => r.OrganizationSlug == s.Slug).Sum(r => r.Models) is > 0 and var n) segments.Add(s with { Models = n });
            if (inYear.Where(r => !keptSlugs.Contains(r.OrganizationSlug)).Sum(r => r.Models) is > 0 and var others)
                segments.Add(new ReleaseSegment(null, "其他", "Others", others));
            years.Add(new ReleaseYear(year, segments));
        }
        return (series, years);
    }
}
