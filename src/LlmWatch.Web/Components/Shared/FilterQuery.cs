using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;

namespace LlmWatch.Web.Components.Shared;

/// <summary>
/// Reads filter values from the query string: a value that does not parse is dropped and its parameter's name
/// recorded, so the page can say what it ignored instead of failing.
/// </summary>
public sealed class FilterQuery
{
    public List<string> Ignored { get; } = [];

    public T? Enum<T>(string name, string? text) where T : struct, System.Enum
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (ApiNames.TryParseApi<T>(text, out var value)) return value;
        Ignored.Add(name);
        return null;
    }

    public PartialDate? Date(string name, string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (PartialDate.TryParse(text, out var date) && date.Precision != DatePrecision.Day) return date;
        Ignored.Add(name);
        return null;
    }

    public int Page(string name, string? text)
    {
        if (string.IsNullOrEmpty(text)) return 1;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var page) && page >= 1) return page;
        Ignored.Add(name);
        return 1;
    }

    /// <summary>A value that must be one of <paramref name="allowed"/> (a slug, a sort key, a currency).</summary>
    public string? OneOf(string name, string? text, IEnumerable<string> allowed)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (allowed.Contains(text, StringComparer.Ordinal)) return text;
        Ignored.Add(name);
        return null;
    }

    /// <summary>A slug the page looked up (an organisation, a person): kept when it was found, else dropped.</summary>
    public string? Found(string name, string? text, FilterOption? found)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (found is not null && string.Equals(found.Slug, text, StringComparison.Ordinal)) return text;
        Ignored.Add(name);
        return null;
    }
}
