namespace LlmWatch.Web.Features.Overview;

/// <summary>Where a period of the overview's funding table sends the reader: that period's completed rounds on the funding page.</summary>
public static class FundingPeriodLinks
{
    /// <summary>The funding page filtered to the period's months, or null for undated rounds (no filter selects them).</summary>
    public static string? RoundsHref(FundingPeriod period) => period switch
    {
        { Year: null } => null,
        { Quarter: null } => $"/funding?status=completed&from={period.Year}&to={period.Year}",
        { Year: { } y, Quarter: { } q } => $"/funding?status=completed&from={y}-{(q - 1) * 3 + 1:00}&to={y}-{q * 3:00}",
    };
}
