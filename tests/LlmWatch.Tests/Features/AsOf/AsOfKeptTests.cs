using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using LlmWatch.Tests.Infrastructure;
using LlmWatch.Tests.Security;
using Microsoft.AspNetCore.WebUtilities;
using Xunit.Abstractions;

namespace LlmWatch.Tests.Features.AsOf;

/// <summary>
/// Every reader page (routes found by reflection, as the hostile-input sweep finds them), opened under an asOf, keeps that asOf in
/// every internal link and every GET form it renders: the day before the seed's source (the "nothing known yet" page) and its day
/// (tables full of links, pagers, citations). A link or form that drops the day fails here, naming the page and the href.
/// </summary>
public sealed class AsOfKeptTests(LlmWatchFactory app, ITestOutputHelper output) : IClassFixture<LlmWatchFactory>
{
    private static readonly Uri Origin = new("http://localhost/");

    /// <summary>Pages that show something under a day: the reflected routes with seed slugs, and filtered or paged addresses.</summary>
    private static IEnumerable<string> PageUrls()
    {
        foreach (var (route, _) in HostileInputTests.PageRoutes())
        {
            // The editor's area and the account pages show no landscape (no view to keep); the not-found page is a 404 of its own.
            if (route.StartsWith("/curate", StringComparison.Ordinal) || route.StartsWith("/account", StringComparison.Ordinal) || route == "/not-found") continue;
            yield return route
                .Replace("/companies/{Slug}", "/companies/baichuan", StringComparison.Ordinal)
                .Replace("/models/{Slug}", "/models/baichuan-13b", StringComparison.Ordinal)
                .Replace("/people/{Slug}", "/people/chen-yu", StringComparison.Ordinal)
                .Replace("/sources/{Id}", "/sources/huxiu-2023-08-02", StringComparison.Ordinal);
        }
        // Second pages (the pager's links both ways), filters (clear links, undated toggles) and a comparison.
        yield return "/companies?page=2";
        yield return "/companies?camp=general&sort=valuation";
        yield return "/compare?c=baichuan&c=zhipu-ai";
        yield return "/funding?company=baichuan";
        yield return "/funding?from=2023";
        yield return "/timeline?from=2023&page=2";
        yield return "/models?page=2";
        yield return "/people?page=2";
        yield return "/valuations?page=2";
        yield return "/sources/huxiu-2023-08-02?s=3";
    }

    /// <summary>
    /// Links that leave the as-of view on purpose, by data-testid, each with its reason. Everything else internal must keep the day.
    /// </summary>
    private static readonly Dictionary<string, string> LeavesTheView = new()
    {
        ["asof-today"] = "the banner's \"show today\": the one way back to today",
        ["asof-gate-today"] = "the same way back, on the \"nothing known yet\" page",
        ["asof-earliest"] = "\"nothing known yet\" offers the first day anything was known: it names its own asOf",
        ["asof-compare"] = "the diff names its two days as from and to",
    };

    private static bool IsAsset(string path) =>
        path.StartsWith("/_content/", StringComparison.Ordinal) || path.StartsWith("/_framework/", StringComparison.Ordinal)
        || path.StartsWith("/css/", StringComparison.Ordinal) || path.StartsWith("/js/", StringComparison.Ordinal)
        || Path.HasExtension(path) && !path.EndsWith(".csv", StringComparison.Ordinal) && !path.EndsWith(".zip", StringComparison.Ordinal);

    /// <summary>The editor's area and the account pages hold no landscape to view as of a day.</summary>
    private static bool IsOutsideTheReaderPages(string path) =>
        path.StartsWith("/curate", StringComparison.Ordinal) || path.StartsWith("/account", StringComparison.Ordinal);

    [Theory]
    [InlineData("2023-08-01")] // before the seed's only source: every page says nothing was known yet
    [InlineData("2023-08-02")] // the source's day: every fact is shown, with its links
    public async Task Every_internal_link_and_get_form_keeps_asOf(string day)
    {
        var failures = new List<string>();
        var checkedLinks = 0;
        var checkedForms = 0;
        var pagers = 0;
        var parser = new HtmlParser();
        using var client = app.CreateClient("en");
        foreach (var url in PageUrls())
        {
            var address = url + (url.Contains('?') ? "&" : "?") + "asOf=" + day;
            using var response = await client.GetAsync(address);
            if ((int)response.StatusCode >= 500) { failures.Add($"{address}: {response.StatusCode}"); continue; }
            using var document = await parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

            foreach (var anchor in document.QuerySelectorAll<IHtmlAnchorElement>("a[href]"))
            {
                var href = anchor.GetAttribute("href")!;
                if (href.StartsWith('#') || href.StartsWith("mailto:", StringComparison.Ordinal)) continue;
                var target = new Uri(Origin, href);
                if (target.Host != Origin.Host || IsAsset(target.AbsolutePath) || IsOutsideTheReaderPages(target.AbsolutePath)) continue;
                if (anchor.GetAttribute("data-testid") is { } id && LeavesTheView.ContainsKey(id)) continue;
                checkedLinks++;
                if (anchor.Closest("ul.lw-link-pager") is not null) pagers++;
                var query = QueryHelpers.ParseQuery(target.Query);
                if (!query.TryGetValue("asOf", out var asOf) || asOf.ToString() != day)
                    failures.Add($"{address}: link {href} ({anchor.TextContent.Trim()}) drops asOf");
            }

            foreach (var form in document.QuerySelectorAll<IHtmlFormElement>("form"))
            {
                if (!string.Equals(form.Method, "get", StringComparison.OrdinalIgnoreCase)) continue;
                var action = new Uri(Origin, form.GetAttribute("action") ?? address).AbsolutePath;
                var fields = form.QuerySelectorAll<IHtmlInputElement>("input[name]").ToLookup(i => i.Name!, i => i.Value);
                checkedForms++;
                if (action is "/culture/set" or "/theme/set")
                {
                    // The language and theme switches set a cookie and come back: to this very address, asOf included.
                    var back = fields["redirectUri"].SingleOrDefault();
                    if (back is null || QueryHelpers.ParseQuery(new Uri(Origin, back).Query).GetValueOrDefault("asOf").ToString() != day)
                        failures.Add($"{address}: {action} returns to {back ?? "(nothing)"}, not to this address with its asOf");
                    continue;
                }
                if (!fields["asOf"].Contains(day))
                    failures.Add($"{address}: GET form to {action} ({form.GetAttribute("data-testid") ?? form.ClassName}) has no asOf={day} field");
            }
        }
        output.WriteLine($"{day}: {checkedLinks} internal links ({pagers} in pagers) and {checkedForms} GET forms checked");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Distinct()));
        // The sweep saw something: the layout's links and forms on every page, and from the source's day on, tables and pagers.
        Assert.True(checkedForms >= PageUrls().Count() * 3, $"{checkedForms} forms");
        if (day == "2023-08-02")
        {
            Assert.True(checkedLinks > 1000, $"{checkedLinks} links");
            Assert.True(pagers > 0, "no pager link was checked");
        }
    }

    [Fact]
    public async Task The_links_that_leave_the_view_do_what_they_say()
    {
        var (_, before) = await app.GetPageAsync("/companies/baichuan?asOf=2023-08-01&camp=general");
        var parser = new HtmlParser();
        using var document = parser.ParseDocument(before);
        var today = document.QuerySelector("[data-testid=asof-today]")!.GetAttribute("href")!;
        Assert.DoesNotContain("asOf", today);
        Assert.Contains("camp=general", today); // leaves the day, keeps the page
        Assert.Contains("asOf=2023-08-02", document.QuerySelector("[data-testid=asof-earliest]")!.GetAttribute("href"));
        var (_, on) = await app.GetPageAsync("/companies/baichuan?asOf=2023-08-02");
        using var profile = parser.ParseDocument(on);
        Assert.Contains("from=2023-08-02", profile.QuerySelector("[data-testid=asof-compare]")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("/companies/baichuan?asOf=2023-08-02", "/companies")]
    [InlineData("/companies?camp=general&asOf=2023-08-02", "/companies")]
    [InlineData("/?asOf=2023-08-02", "/")]
    [InlineData("/funding?page=1&asOf=2023-08-02", "/funding")]
    public async Task The_drawer_marks_the_current_page_whatever_the_address_carries(string url, string current)
    {
        var (_, html) = await app.GetPageAsync(url);
        using var document = new HtmlParser().ParseDocument(html);
        var marked = document.QuerySelectorAll(".mud-navmenu a[aria-current=page]").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([current + "?asOf=2023-08-02"], marked);
    }
}
