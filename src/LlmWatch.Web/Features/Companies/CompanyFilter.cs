using System.Globalization;
using LlmWatch.Data.Entities;
using LlmWatch.Web.Components.Shared;

namespace LlmWatch.Web.Features.Companies;

public enum CompanySort { Name, Founded, Valuation, Funding }

/// <summary>
/// The directory's view as the query string holds it, for the page and for /api/companies. Parsing never throws: a value it
/// cannot read is dropped and its parameter named in <see cref="Ignored"/>, so a hand-edited or outdated link still opens a page.
/// </summary>
public sealed record CompanyFilter
{
    public const int DefaultPageSize = 20;
    public const int MaxSearchLength = FilterQuery.MaxSearchLength;

    /// <summary>The query parameters this view reads, besides page and pageSize: the API refuses others, caches by these, and documents them.</summary>
    public static readonly IReadOnlyList<string> Parameters = ["q", "camp", "kind", "status", "from", "to", FilterQuery.IncludeUndatedName, "sort"];

    public string? Search { get; init; }
    public IReadOnlyList<Camp> Camps { get; init; } = [];
    public OrganizationKind? Kind { get; init; }
    public OrganizationStatus? Status { get; init; }
    public int? FoundedFrom { get; init; }
    public int? FoundedTo { get; init; }
    /// <summary>With a founding-year filter, keep the organisations whose founding date is not known too.</summary>
    public bool IncludeUndated { get; init; }
    public CompanySort Sort { get; init; } = CompanySort.Name;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>The query parameters whose values were not understood, in the order of the query string's parameters.</summary>
    public IReadOnlyList<string> Ignored { get; init; } = [];

    public bool IsEmpty => Search is null && Camps.Count == 0 && Kind is null && Status is null && FoundedFrom is null && FoundedTo is null;

    /// <summary>The directory's view from the query string, read by the parser every list shares.</summary>
    public static CompanyFilter Parse(FilterQuery q)
    {
        var search = q.Search();
        var camps = q.Enums<Camp>("camp");
        var kind = q.Enum<OrganizationKind>("kind");
        var status = q.Enum<OrganizationStatus>("status");
        var (from, to) = q.Years();
        var includeUndated = q.IncludeUndated();
        var sort = q.Enum<CompanySort>("sort") ?? CompanySort.Name;
        return new CompanyFilter
        {
            Search = search, Camps = camps, Kind = kind, Status = status, FoundedFrom = from, FoundedTo = to, IncludeUndated = includeUndated,
            Sort = sort, Page = q.Page(), PageSize = q.PageSize(DefaultPageSize), Ignored = q.Ignored,
        };
    }

    public static CompanyFilter Parse(string? q, string? camp, string? kind, string? status, string? from, string? to, string? sort, string? page) =>
        Parse(FilterQuery.From(new Dictionary<string, string?>
        {
            ["q"] = q, ["camp"] = camp, ["kind"] = kind, ["status"] = status, ["from"] = from, ["to"] = to, ["sort"] = sort, ["page"] = page,
        }));

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
        if (IncludeUndated) parts.Add(FilterQuery.IncludeUndatedName + "=true");
        if (Sort != CompanySort.Name) parts.Add("sort=" + Sort.ToApi());
        if (Page != 1) parts.Add("page=" + Page.ToString(CultureInfo.InvariantCulture));
        if (PageSize != DefaultPageSize) parts.Add("pageSize=" + PageSize.ToString(CultureInfo.InvariantCulture));
        return string.Join("&", parts);
    }

    /// <summary>Whether a founding-year filter leaves out organisations whose founding date is not known.</summary>
    public bool FiltersFounding => FoundedFrom is not null || FoundedTo is not null;

    public string ToUrl(string path = "/companies")
    {
        var query = ToQueryString();
        return query.Length == 0 ? path : $"{path}?{query}";
    }
}
