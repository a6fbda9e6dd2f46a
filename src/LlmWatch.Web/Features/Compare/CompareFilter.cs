using System.Text.RegularExpressions;
using LlmWatch.Web.Components.Shared;

namespace LlmWatch.Web.Features.Compare;

/// <summary>
/// Which organisations /compare puts side by side: <c>c=zhipu-ai,minimax</c>, or <c>c=zhipu-ai&amp;c=minimax</c> as the directory's
/// checkboxes send it. Each slug once, in the order given; more than <see cref="Max"/> are cut there and reported.
/// </summary>
public sealed partial record CompareFilter(IReadOnlyList<string> Slugs, int Given = 0, bool Malformed = false)
{
    public const int Min = 2;
    public const int Max = 4;

    /// <summary>The query parameters this filter reads.</summary>
    public static readonly IReadOnlyList<string> Parameters = ["c"];

    /// <summary>Slugs that could not be read (not slug-shaped) are dropped and reported; the rest are looked up by the query.</summary>
    public static CompareFilter Parse(FilterQuery q)
    {
        var given = (q["c"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        var slugs = given.Where(s => SlugShape().IsMatch(s)).ToList();
        if (slugs.Count < given.Count) q.Reject("c", "A value is not an organisation's slug (lower-case letters, digits and hyphens).");
        var wellFormed = slugs.Count;
        if (slugs.Count > Max)
        {
            q.Reject("c", $"Compare {Min} to {Max} organisations: {slugs.Count} were given, the first {Max} are shown.");
            slugs = slugs.Take(Max).ToList();
        }
        return new CompareFilter(slugs, wellFormed, wellFormed < given.Count);
    }

    /// <summary>More well-formed slugs were given than can be compared; the first <see cref="Max"/> are kept.</summary>
    public bool TooMany => Given > Max;

    /// <summary>The address of a comparison of these slugs (commas kept readable).</summary>
    public static string Url(IEnumerable<string> slugs) =>
        slugs.ToList() is { Count: > 0 } list ? "/compare?c=" + string.Join(",", list.Select(Uri.EscapeDataString)) : "/compare";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,99}$")]
    private static partial Regex SlugShape();
}
