namespace LlmWatch.Web.Components.Shared;

/// <summary>How a chart's SVG is sized on the page.</summary>
public static class ChartSize
{
    /// <summary>
    /// Never narrower than drawn, so its 11–12 px text stays that size on a phone (the chart's box scrolls instead), and never blown up
    /// past half again its size on a wide screen.
    /// </summary>
    public static string Style(double width) =>
        FormattableString.Invariant($"width:100%;min-width:{width}px;max-width:{Math.Round(width * 1.5)}px");
}
