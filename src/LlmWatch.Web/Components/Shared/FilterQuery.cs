using System.Globalization;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace LlmWatch.Web.Components.Shared;

/// <summary>A query parameter whose value was not understood, and why, in words fit for a reader or an API caller.</summary>
public sealed record FilterProblem(string Parameter, string Detail);

/// <summary>
/// The one parser of list filters, for pages and the API alike. Reading never throws: a value it cannot read is dropped (or cut
/// to size) and recorded in <see cref="Problems"/>. A page shows those as its notice and carries on; the API answers 400 naming
/// the first.
/// </summary>
public sealed class FilterQuery
{
    public const int DefaultApiPageSize = 100;
    public const int MaxPageSize = 1000;
    public const int MaxSearchLength = 100;

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly List<FilterProblem> _problems = [];
    private readonly int? _defaultPageSize;

    /// <param name="query">The query string's parameters.</param>
    /// <param name="defaultPageSize">The page size when none is asked for, for every list (the API's); else each list's own.</param>
    public FilterQuery(IEnumerable<KeyValuePair<string, StringValues>> query, int? defaultPageSize = null)
    {
        _defaultPageSize = defaultPageSize;
        foreach (var (name, values) in query) _values[name] = values.ToString();
    }

    public static FilterQuery FromUri(string uri) => new(QueryHelpers.ParseQuery(new Uri(uri).Query));

    public static FilterQuery From(IReadOnlyDictionary<string, string?> values) =>
        new(values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => KeyValuePair.Create(v.Key, new StringValues(v.Value))));

    public IReadOnlyList<FilterProblem> Problems => _problems;

    /// <summary>The page <see cref="Page"/> last read (1 until read), for the API's bound on deep pages.</summary>
    public int ReadPage { get; private set; } = 1;

    /// <summary>The page size <see cref="PageSize"/> last read (the API's default until read).</summary>
    public int ReadPageSize { get; private set; } = DefaultApiPageSize;

    /// <summary>The parameters whose values were not understood, each once, in the order they were read.</summary>
    public List<string> Ignored => _problems.Select(p => p.Parameter).Distinct().ToList();

    /// <summary>The raw text of a parameter, null when absent or empty.</summary>
    public string? this[string name] => _values.TryGetValue(name, out var text) && text.Length > 0 ? text : null;

    public void Reject(string name, string detail) => _problems.Add(new FilterProblem(name, detail));

    /// <summary>One value of a closed set, in its API spelling ("built-on-others").</summary>
    public T? Enum<T>(string name) where T : struct, System.Enum
    {
        if (this[name] is not { } text) return null;
        if (ApiNames.TryParseApi<T>(text, out var value)) return value;
        Reject(name, $"'{Echo(text)}' is not one of: {string.Join(", ", ApiNames.AllApi<T>())}.");
        return null;
    }

    /// <summary>Several values of a closed set, comma-separated, in their natural order and each once.</summary>
    public List<T> Enums<T>(string name) where T : struct, System.Enum
    {
        var values = new List<T>();
        if (this[name] is not { } text) return values;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (ApiNames.TryParseApi<T>(part, out var value)) values.Add(value);
            else if (!_problems.Any(p => p.Parameter == name)) Reject(name, $"'{Echo(part)}' is not one of: {string.Join(", ", ApiNames.AllApi<T>())}.");
        }
        return values.Distinct().Order().ToList();
    }

    /// <summary>A period "from … to …" of partial dates (yyyy, yyyy-MM or yyyy-MM-dd); a "to" before the "from" is dropped.</summary>
    public (PartialDate? From, PartialDate? To) Dates()
    {
        var from = Date("from");
        var to = Date("to");
        if (from is { } f && to is { } t && t.End < f.Start)
        {
            Reject("to", $"'to' ({t}) is before 'from' ({f}).");
            to = null;
        }
        return (from, to);
    }

    /// <summary>A period "from … to …" of years; a "to" before the "from" is dropped.</summary>
    public (int? From, int? To) Years()
    {
        var from = Year("from");
        var to = Year("to");
        if (from is { } f && to is { } t && t < f)
        {
            Reject("to", $"'to' ({t}) is before 'from' ({f}).");
            to = null;
        }
        return (from, to);
    }

    /// <summary>The page number, from 1; 1 when absent or not understood.</summary>
    public int Page()
    {
        if (this["page"] is not { } text) return ReadPage = 1;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1) return ReadPage = page;
        Reject("page", $"'{Echo(text)}' is not a page number: a whole number from 1.");
        return 1;
    }

    /// <summary>The page size asked for (1 to <see cref="MaxPageSize"/>), else the reader's default, else the list's <paramref name="listSize"/>.</summary>
    public int PageSize(int listSize)
    {
        var defaultSize = _defaultPageSize ?? listSize;
        if (this["pageSize"] is not { } text) return ReadPageSize = defaultSize;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= MaxPageSize) return ReadPageSize = size;
        Reject("pageSize", $"'{Echo(text)}' is not a page size: a whole number from 1 to {MaxPageSize}.");
        return ReadPageSize = defaultSize;
    }

    /// <summary>The search text, trimmed; longer than <see cref="MaxSearchLength"/> it is cut there and reported.</summary>
    public string? Search(string name = "q")
    {
        var text = this[name]?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        if (text.Length <= MaxSearchLength) return text;
        Reject(name, $"The search text is longer than {MaxSearchLength} characters.");
        return text[..MaxSearchLength];
    }

    /// <summary>The parameter that asks a date filter to keep the rows with no date as well (they are left out, and counted, otherwise).</summary>
    public const string IncludeUndatedName = "includeUndated";

    /// <summary>Whether a date filter keeps the rows that lack the date: <c>includeUndated=true</c>.</summary>
    public bool IncludeUndated() => Bool(IncludeUndatedName) == true;

    public bool? Bool(string name) => OneOf(name, OfferedValues.Booleans) is { } flag ? flag == "true" : null;

    /// <summary>A value that must be one of <paramref name="allowed"/> (a currency, a flag).</summary>
    public string? OneOf(string name, IEnumerable<string> allowed)
    {
        if (this[name] is not { } text) return null;
        var list = allowed.ToList();
        if (list.Contains(text, StringComparer.Ordinal)) return text;
        Reject(name, $"'{Echo(text)}' is not one of: {string.Join(", ", list)}.");
        return null;
    }

    /// <summary>A slug the caller looked up (an organisation, a person): kept when <paramref name="found"/> has it, else dropped and reported.</summary>
    public string? Found(string name, string? foundSlug)
    {
        if (this[name] is not { } text) return null;
        if (string.Equals(foundSlug, text, StringComparison.Ordinal)) return text;
        Reject(name, $"Nothing that this list shows has the slug '{Echo(text)}'.");
        return null;
    }

    /// <summary>The parameter every page and API route reads: the landscape as the sources published by that day described it.</summary>
    public const string AsOfName = "asOf";

    /// <summary>The parameter of a profile (and /changes): the landscape as LlmWatch had recorded it by the end of that day (UTC).</summary>
    public const string RecordedAtName = "recordedAt";

    /// <summary>
    /// A view's day (<see cref="AsOfName"/>, <see cref="RecordedAtName"/>, a diff's ends): yyyy-MM-dd, from 1990 to
    /// <paramref name="today"/>. Anything else is reported and dropped, so the reader sees today's data.
    /// </summary>
    public DateOnly? Day(string name, DateOnly today)
    {
        if (this[name] is not { } text) return null;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            Reject(name, $"'{Echo(text)}' is not a date: use yyyy-MM-dd.");
            return null;
        }
        if (LlmWatch.Data.DataView.Problem(day, today) is { } problem)
        {
            Reject(name, problem);
            return null;
        }
        return day;
    }

    /// <summary>The view a request asks for: <see cref="AsOfName"/> and, where <paramref name="recorded"/>, <see cref="RecordedAtName"/>.</summary>
    public LlmWatch.Data.DataView View(DateOnly today, bool recorded = false) =>
        new(Day(AsOfName, today), recorded ? Day(RecordedAtName, today) : null);

    private PartialDate? Date(string name)
    {
        if (this[name] is not { } text) return null;
        if (PartialDate.TryParse(text, out var date)) return date;
        Reject(name, $"'{Echo(text)}' is not a date: use yyyy, yyyy-MM or yyyy-MM-dd.");
        return null;
    }

    /// <summary>A year (yyyy, 1900 to 2100); anything else is reported and dropped.</summary>
    public int? Year(string name)
    {
        if (this[name] is not { } text) return null;
        if (text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1900 and <= 2100) return year;
        Reject(name, $"'{Echo(text)}' is not a year: use yyyy, from 1900 to 2100.");
        return null;
    }

    /// <summary>A caller's value fit to repeat in a message: plain words and numbers as given, anything else not repeated.</summary>
    public static string Echo(string? text) =>
        text is { Length: > 0 and <= 40 } && text.All(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' or '.' or ':' or '/')
            ? text
            : "(the value given)";
}
