using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;

namespace LlmWatch.Web.Features.Funding;

/// <summary>A deal as a company's funding timeline places it; <see cref="Key"/> tells deals apart (the slug where there is one).</summary>
public sealed record TimelineDeal(string Key, DealKind Kind, DealStage Stage, string? StageText, DealStatus Status, PartialDate? Date, Money? Amount, Money? Valuation)
{
    public bool Raised => OrganizationFigures.CountsAsRaised(Kind, Status);
}

/// <summary>A dated deal on the time axis: from <see cref="X"/>, <see cref="Width"/> wide (its year, month or day), on a row of its own.</summary>
public sealed record PlacedDeal(TimelineDeal Deal, double X, double Width, int Row);

/// <summary>
/// Where a company's deals go on a time axis: each dated deal spans the period its date names (a year-only deal its whole year, a month its
/// month, a day a thin mark), one row per deal in date order; undated deals are not guessed into the axis but listed apart.
/// </summary>
public sealed class DealTimelineLayout
{
    /// <summary>The narrowest a day is drawn, so a one-day deal stays visible.</summary>
    public const double MinMarkWidth = 4;

    private DealTimelineLayout(int firstYear, int lastYear, double pxPerYear, double left, List<PlacedDeal> placed, List<TimelineDeal> undated)
    {
        FirstYear = firstYear; LastYear = lastYear; PxPerYear = pxPerYear; Left = left; Placed = placed; Undated = undated;
    }

    public int FirstYear { get; }
    public int LastYear { get; }
    public double PxPerYear { get; }
    public double Left { get; }
    public IReadOnlyList<PlacedDeal> Placed { get; }
    public IReadOnlyList<TimelineDeal> Undated { get; }

    public int Years => Placed.Count == 0 ? 0 : LastYear - FirstYear + 1;
    public double AxisWidth => Years * PxPerYear;

    /// <summary>The x of the first day of <paramref name="year"/>.</summary>
    public double YearX(int year) => Left + (year - FirstYear) * PxPerYear;

    public static DealTimelineLayout Of(IEnumerable<TimelineDeal> deals, double left = 12)
    {
        var all = deals.ToList();
        var dated = all.Where(d => d.Date is not null).OrderBy(d => d.Date!.Value.Start).ThenBy(d => d.Key, StringComparer.Ordinal).ToList();
        var undated = all.Where(d => d.Date is null).OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
        if (dated.Count == 0) return new DealTimelineLayout(0, 0, 0, left, [], undated);

        var first = dated.Min(d => d.Date!.Value.Year);
        var last = dated.Max(d => d.Date!.Value.Year);
        var years = last - first + 1;
        // A short span gets room for its months; a long one still keeps a year wide enough to read its label.
        var pxPerYear = years <= 2 ? 240 : Math.Max(96, 600d / years);
        var placed = dated.Select((d, row) =>
        {
            var date = d.Date!.Value;
            var yearX = left + (date.Year - first) * pxPerYear;
            var (offset, width) = date.Precision switch
            {
                DatePrecision.Year => (0d, pxPerYear),
                DatePrecision.Month => ((date.Month!.Value - 1) / 12d * pxPerYear, pxPerYear / 12),
                _ => ((date.Start.DayOfYear - 1) / (double)DaysIn(date.Year) * pxPerYear, Math.Max(MinMarkWidth, pxPerYear / DaysIn(date.Year))),
            };
            return new PlacedDeal(d, yearX + offset, width, row);
        }).ToList();
        return new DealTimelineLayout(first, last, pxPerYear, left, placed, undated);
    }

    private static int DaysIn(int year) => DateTime.IsLeapYear(year) ? 366 : 365;
}
