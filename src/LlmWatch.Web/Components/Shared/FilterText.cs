using System.Globalization;
using Microsoft.Extensions.Localization;

namespace LlmWatch.Web.Components.Shared;

/// <summary>Strings shared by the filterable money-and-time pages (Resources/Components/Shared/FilterText*.resx).</summary>
public sealed class FilterText;

public static class FilterTextExtensions
{
    /// <summary>
    /// "1 result", "30,826 results" ("共 30,826 条"): the count above a filtered list, in the reader's language; a list that stopped
    /// counting at <paramref name="total"/> (<c>capped</c>) says "10,000+ results" and that it shows the first of them.
    /// </summary>
    public static string Results(this IStringLocalizer<FilterText> text, int total, bool capped = false) =>
        string.Format(CultureInfo.CurrentUICulture, text[capped ? "Filter.ResultsAtLeast" : total == 1 ? "Filter.Result" : "Filter.Results"],
            total.ToString("N0", CultureInfo.CurrentUICulture));
}
