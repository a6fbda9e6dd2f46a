using LlmWatch.Data;
using LlmWatch.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;

namespace LlmWatch.Web.Features.AsOf;

/// <summary>
/// The view a page shows, read from its address (asOf, and recordedAt on the pages that read it) through
/// <see cref="FilterQuery"/>: one per circuit or static request, so it works for static pages (the request's address) and
/// interactive ones (the address after each navigation). <see cref="DataComponentBase"/> runs every load inside it.
/// </summary>
public sealed class AsOfView(NavigationManager navigation, TimeProvider clock)
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The view of the current address; today's when asOf is absent or not understood.</summary>
    public DataView Current => Read().View;

    /// <summary>The problems with the address's asOf or recordedAt, for the page's notice (the page then shows today).</summary>
    public IReadOnlyList<FilterProblem> Problems => Read().Problems;

    /// <summary>The asOf text of the address as given (to repeat in links), null when absent or not understood.</summary>
    public string? AsOfText => Current.AsOf is { } day ? AsOfLinks.Format(day) : null;

    /// <summary>An internal href under this view (asOf and recordedAt kept): what every hand-built link of a reader page goes through.</summary>
    public string Link(string href) => AsOfLinks.Href(href, Current);

    private (string Uri, DataView View, IReadOnlyList<FilterProblem> Problems)? _cache;

    private (string Uri, DataView View, IReadOnlyList<FilterProblem> Problems) Read()
    {
        string uri;
        try { uri = navigation.Uri; }
        catch (InvalidOperationException) { return ("", DataView.Today, []); } // not rendering a page (no address yet)
        if (_cache is { } c && c.Uri == uri) return c;
        var q = new FilterQuery(QueryHelpers.ParseQuery(new Uri(uri).Query));
        var view = q.View(Today, recorded: true);
        var read = (uri, view, (IReadOnlyList<FilterProblem>)q.Problems.ToList());
        _cache = read;
        return read;
    }
}

/// <summary>
/// Keeps asOf through the site's links and GET forms: the one helper for building internal hrefs under a view (pager and
/// filter links built with <see cref="NavigationManager.GetUriWithQueryParameter(string, string?)"/> keep it by themselves).
/// </summary>
public static class AsOfLinks
{
    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A day in the reader's language: "1 Jun 2023", "2023年6月1日".</summary>
    public static string Display(DateOnly day, System.Globalization.CultureInfo culture) =>
        culture.Name.StartsWith("zh", StringComparison.Ordinal)
            ? day.ToString("yyyy年M月d日", System.Globalization.CultureInfo.InvariantCulture)
            : day.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The diff of the page being shown under a past day, from that day to today: a profile's or the camp map's; null elsewhere.</summary>
    public static string? CompareHref(NavigationManager navigation, DateOnly from, DateOnly today)
    {
        var path = new Uri(navigation.Uri).AbsolutePath.TrimEnd('/');
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var query = $"?from={Format(from)}&to={Format(today)}";
        if (segments is ["companies", var slug]) return $"/companies/{slug}/diff{query}";
        if (segments is ["camps"]) return $"/camps/diff{query}";
        return null;
    }

    /// <summary>
    /// <paramref name="href"/> (an internal path, with or without a query) with the view's asOf and recordedAt added; unchanged
    /// under today's view, for outside links, or where the link already names its own day.
    /// </summary>
    public static string Href(string href, DataView view)
    {
        if (view.IsToday || !href.StartsWith('/') || href.StartsWith("//", StringComparison.Ordinal)) return href;
        var hash = href.IndexOf('#');
        var (path, fragment) = hash < 0 ? (href, "") : (href[..hash], href[hash..]);
        var query = QueryHelpers.ParseQuery(path.Contains('?') ? path[path.IndexOf('?')..] : "");
        if (view.AsOf is { } day && !query.ContainsKey(FilterQuery.AsOfName)) path = QueryHelpers.AddQueryString(path, FilterQuery.AsOfName, Format(day));
        if (view.RecordedAt is { } recorded && !query.ContainsKey(FilterQuery.RecordedAtName)) path = QueryHelpers.AddQueryString(path, FilterQuery.RecordedAtName, Format(recorded));
        return path + fragment;
    }

    /// <summary>The current address without asOf (and recordedAt): "show today".</summary>
    public static string Today(NavigationManager navigation) =>
        navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { [FilterQuery.AsOfName] = null, [FilterQuery.RecordedAtName] = null });
}
