using System.Globalization;
using LlmWatch.Data.Values;

namespace LlmWatch.Web.Features.Models;

/// <summary>When a parameter count's own words are shown beside its figure.</summary>
public static class ParameterFigure
{
    /// <summary>
    /// Whether the source's text says more than the figure: its words ("百亿级", "~100B") do; a bare numeral of the exact figure
    /// (a dataset cell such as "1000000000000.0", or "247000000.00000003", a float's last bit) does not, and stays in the citation's quote instead.
    /// </summary>
    public static bool TextAddsToFigure(Quantity value, string formatted)
    {
        if (value.Text == formatted) return false;
        var bare = double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number);
        return !(bare && value.IsExact && !value.Approximate && Math.Round(number) == value.Min);
    }
}
