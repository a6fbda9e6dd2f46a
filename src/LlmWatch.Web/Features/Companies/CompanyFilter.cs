using System.Globalization;
using LlmWatch.Data.Entities;

namespace LlmWatch.Web.Features.Companies;

public enum CompanySort { Name, Founded, Valuation, Funding }

/// <summary>
/// The directory's view as the query string holds it. Parsing never throws: a value it cannot read is dropped and its
/// parameter named in <see cref="Ignored"/>, so a hand-edited or outdated link still opens a page.
/// </summary>
public sealed record CompanyFilter
{
    public const int PageSize = 20;
    public const int MaxSearchLength = 100;

    public string? Search { get; init; }
    public IReadOnlyList<Camp> Camps { get; init; } = [];
    public OrganizationKind? Kind { get; init; }
    public OrganizationStatus? Status { get; init; }
    public int? FoundedFrom { get; init; }
    public int? FoundedTo { get; init; }
    public CompanySort Sort { get; init; } = CompanySort.Name;
    public int Page { get; init; } = 1;

    /// <summary>The query parameters whose values were not understood, in the order of the query string's parameters.</summary>
    public IReadOnlyList<string> Ignored { get; init; } = [];

    public bool IsEmpty => Search is null && Camps.Count == 0 && Kind is null && Status is null && FoundedFrom is null && FoundedTo is null;

    public static CompanyFilter Parse(string? q, string? camp, string? kind, string? status, string? from, string? to, string? sort, string? page)
    {
        var ignored = new List<string>();
        var search = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        if (search is { Length: > MaxSearchLength })
        {
            search = search[..MaxSearchLength];
            ignored.Add("q");
        }

        var camps = new List<Camp>();
        if (!string.IsNullOrWhiteSpace(camp))
        {
            foreach (var part in camp.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (ApiNames.TryParseApi<Camp>(part, out var value)) { if (!camps.Contains(value)) camps.Add(value); }
                else if (!ignored.Contains("camp")) ignored.Add("camp");
            }
        }

        var parsedKind = ParseEnum<OrganizationKind>(kind, "kind", ignored);
        var parsedStatus = ParseEnum<OrganizationStatus>(status, "status", ignored);
        var fromYear = ParseYear(from, "from", ignored);
        var toYear = ParseYear(to, "to", ignored);
        if (fromYear is { } f && toYear is { } t && f > t)
        {
            ignored.Add("to");
            toYear = null;
        }

        var parsedSort = CompanySort.Name;
        if (!string.IsNullOrEmpty(sort) && !ApiNames.TryParseApi(sort, out parsedSort)) ignored.Add("sort");

        var parsedPage = 1;
        if (!string.IsNullOrEmpty(page))
        {
            if (int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1) parsedPage = p;
            else ignored.Add("page");
        }

        return new CompanyFilter
        {
            Search = search, Camps = camps.Order().ToList(), Kind = parsedKind, Status = parsedStatus, FoundedFrom = fromYear, FoundedTo = toYear,
            Sort = parsedSort, Page = parsedPage, Ignored = ignored,
        };
    }

    /// <summary>The canonical query string of this view (without "?"), defaults left out so that links stay short.</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        if (Search is not null) parts.Add("q=" + Uri.EscapeDataString(Search));
        if (Camps.Count > 0) parts.Add("camp=" + string.Join(",", Camps.Order().Select(c => c.ToApi())));
        if (Kind is { } k) parts.Add("kind=" + k.ToApi());
        if (Status is { } s) parts.Add("status=" + s.ToApi());
        if (FoundedFrom is { } f) parts.Add("from=" + f.ToString(CultureInfo.InvariantCulture));
        if (FoundedTo is { } t) parts.Add("to=" + t.ToString(CultureInfo.InvariantCulture));
        if (Sort != CompanySort.Name) parts.Add("sort=" + Sort.ToApi());
        if (Page != 1) parts.Add("page=" + Page.ToString(CultureInfo.InvariantCulture));
        return string.Join("&", parts);
    }

    public string ToUrl(string path = "/companies")
    {
        var query = ToQueryString();
        return query.Length == 0 ? path : $"{path}?{query}";
    }

    private static T? ParseEnum<T>(string? text, string name, List<string> ignored) where T : struct, Enum
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (ApiNames.TryParseApi<T>(text, out var value)) return value;
        ignored.Add(name);
        return null;
    }

    private static int? ParseYear(string? text, string name, List<string> ignored)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1900 and <= 2100) return year;
        ignored.Add(name);
        return null;
    }
}
