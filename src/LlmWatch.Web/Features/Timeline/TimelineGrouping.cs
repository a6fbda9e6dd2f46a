using LlmWatch.Data.Values;

namespace LlmWatch.Web.Features.Timeline;

public sealed record MonthGroup<T>(int? Month, List<T> Items);

/// <summary>A year's events: those known only to the year come first (at the start of their period), then month by month.</summary>
public sealed record YearGroup<T>(int? Year, List<MonthGroup<T>> Months);

public static class TimelineGrouping
{
    /// <summary>
    /// Groups by year and month in date order. A date of lower precision sits at the start of its period: "2023" before
    /// 2023's months, "2023-04" before April's days. Undated items form a last group with no year.
    /// </summary>
    public static List<YearGroup<T>> Group<T>(IEnumerable<T> items, Func<T, PartialDate?> date)
    {
        var list = items.ToList();
        var years = list.Where(i => date(i) is not null)
            .GroupBy(i => date(i)!.Value.Year)
            .OrderBy(g => g.Key)
            .Select(g => new YearGroup<T>(g.Key, g
                .GroupBy(i => date(i)!.Value.Month)
                .OrderBy(m => m.Key ?? 0)
                .Select(m => new MonthGroup<T>(m.Key, m.OrderBy(i => date(i)!.Value).ToList()))
                .ToList()))
            .ToList();
        var undated = list.Where(i => date(i) is null).ToList();
        if (undated.Count > 0) years.Add(new YearGroup<T>(null, [new MonthGroup<T>(null, undated)]));
        return years;
    }
}
