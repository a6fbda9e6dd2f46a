using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using LlmWatch.Tests.Infrastructure;
using LlmWatch.Web.Components.Shared;
using LlmWatch.Web.Features.Companies;
using LlmWatch.Web.Features.Funding;
using LlmWatch.Web.Features.Models;
using LlmWatch.Web.Features.People;
using LlmWatch.Web.Features.Timeline;
using LlmWatch.Web.Features.Valuations;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;

namespace LlmWatch.Tests.Components;

/// <summary>
/// Reader pages render statically: a page whose controls are links and forms holds no server component marker (so the browser
/// opens no circuit), the type-ahead pickers are the only interactive islands, and every filter form sends the query names its page parses.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class RenderModeTests(LlmWatchFactory app)
{
    [GeneratedRegex("""<!--Blazor:\{"type":"server""")]
    private static partial Regex ServerMarker();

    // A server marker followed by a picker's markup before any other marker: the island is the picker (and its popover provider).
    [GeneratedRegex(""""<!--Blazor:\{"type":"server"(?:(?!<!--Blazor).)*?<div class="lw-field lw-picker" data-live="server"""", RegexOptions.Singleline)]
    private static partial Regex PickerIsland();

    [GeneratedRegex(@"_framework/blazor\.web(\.\w+)?\.js")]
    private static partial Regex BlazorScript();

    public static TheoryData<string> StaticPages => new()
    {
        "/", "/companies", "/companies?camp=general&sort=valuation&page=2", "/camps", "/companies/zhipu-ai", "/companies/baichuan",
        "/sources/huxiu-2023-08-02", "/people/yang-hongxia", "/models/alicemind", "/changes", "/compare?c=zhipu-ai&c=minimax",
        "/valuations?currency=USD", "/no-such-page", "/account/login",
    };

    [Theory]
    [MemberData(nameof(StaticPages))]
    public async Task A_page_whose_controls_are_links_and_forms_holds_no_server_component(string path)
    {
        using var client = app.CreateClient("en");
        using var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
        Assert.Matches(BlazorScript(), html); // enhanced navigation still drives its links and forms
        Assert.DoesNotMatch(ServerMarker(), html);
        Assert.Contains("data-live=\"none\"", html);
    }

    [Theory]
    [InlineData("/models", 1)]
    [InlineData("/people", 1)]
    [InlineData("/timeline", 2)]
    [InlineData("/funding?camp=general", 2)]
    public async Task The_pickers_are_the_only_interactive_island(string path, int pickers)
    {
        var (status, html) = await app.GetPageAsync(path);

        Assert.Equal(HttpStatusCode.OK, status);
        // One island per page (one circuit), holding the page's pickers and nothing else.
        Assert.Single(ServerMarker().Matches(html));
        Assert.Single(PickerIsland().Matches(html));
        Assert.Equal(pickers, Regex.Matches(html, "class=\"lw-field lw-picker\"").Count);
        Assert.Contains("data-live=\"none\"", html); // the page and its shell around the islands stay static
        // The popover provider is in the island from the prerender on: MudAutocomplete finds it in its own render scope (no
        // "Missing <MudPopoverProvider />" error logged per render) and nothing new joins the form when the circuit starts.
        Assert.Single(Regex.Matches(html, "class=\"mud-popover-provider\""));
    }

    [Fact]
    public void Every_reader_page_leaves_interactive_routing_and_only_the_editor_area_keeps_it()
    {
        var pages = typeof(LlmWatch.Web.Components.App).Assembly.GetTypes()
            .Where(t => t.IsDefined(typeof(RouteAttribute), false))
            .ToList();
        var editor = pages.Where(t => t.Namespace!.EndsWith(".Curate", StringComparison.Ordinal)).ToList();
        var readers = pages.Except(editor).ToList();

        Assert.NotEmpty(editor);
        Assert.True(readers.Count >= 15, $"only {readers.Count} reader pages found");
        Assert.All(readers, t => Assert.True(t.IsDefined(typeof(ExcludeFromInteractiveRoutingAttribute), false), $"{t.Name} would open a circuit"));
        // The editor's forms and dialogs need the circuit: its pages stay under the interactive router.
        Assert.All(editor, t => Assert.False(t.IsDefined(typeof(ExcludeFromInteractiveRoutingAttribute), false), $"{t.Name} lost its circuit"));
    }

    [Fact]
    public async Task The_editor_area_still_asks_for_a_sign_in()
    {
        using var client = app.CreateClient("en");
        using var response = await client.GetAsync("/curate");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.OriginalString);
    }

    public static TheoryData<string, Type, string> FilterForms => new()
    {
        { "/companies", typeof(CompaniesPage), "filter-panel" },
        { "/models", typeof(ModelsPage), "filter-form" },
        { "/people", typeof(PeoplePage), "people-search" },
        { "/timeline", typeof(TimelinePage), "filter-form" },
        { "/funding", typeof(FundingPage), "funding-filters" },
        { "/valuations", typeof(ValuationsPage), "filter-form" },
    };

    [Theory]
    [MemberData(nameof(FilterForms))]
    public async Task Every_filter_form_is_a_GET_form_whose_field_names_are_query_names_its_page_parses(string path, Type page, string testId)
    {
        var form = await FormAsync(path + "?" + FilterQuery.IncludeUndatedName + "=true", testId);
        var parsed = page.GetProperties()
            .Select(p => p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()?.Name)
            .OfType<string>()
            .Append(FilterQuery.IncludeUndatedName) // read by every list through FilterQuery.IncludeUndated
            .ToHashSet();

        Assert.Equal("get", form.Method);
        Assert.Equal(path, new Uri(form.Action).AbsolutePath);
        var names = Fields(form).Select(f => f.GetAttribute("name")!).Distinct().ToList();
        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.Contains(name, parsed));
        Assert.DoesNotContain("page", names); // a new filter starts again at page 1
    }

    [Theory]
    [MemberData(nameof(FilterForms))]
    public async Task A_form_sent_with_every_choice_made_comes_back_with_those_choices_and_no_ignored_value(string path, Type page, string testId)
    {
        _ = page;
        var form = await FormAsync(path, testId);
        // What a browser sends when the reader picks the last option of every list and ticks every box.
        var query = new List<KeyValuePair<string, string?>>();
        foreach (var field in Fields(form))
        {
            var name = field.GetAttribute("name")!;
            switch (field)
            {
                case IHtmlSelectElement select:
                    query.Add(new(name, select.Options.Last().Value));
                    break;
                case IHtmlInputElement { Type: "checkbox" } box:
                    query.Add(new(name, box.Value));
                    break;
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Value):
                    query.Add(new(name, input.Value));
                    break;
            }
        }
        Assert.NotEmpty(query);

        var url = QueryHelpers.AddQueryString(path, query);
        var (status, html) = await app.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("data-testid=\"query-notice\"", html);

        var back = Form(html, testId);
        foreach (var select in Fields(back).OfType<IHtmlSelectElement>())
            Assert.Equal(select.Options.Last().Value, select.Value);
        foreach (var box in Fields(back).OfType<IHtmlInputElement>().Where(i => i.Type == "checkbox"))
            Assert.True(box.IsChecked, $"{url}: the box {box.Value} came back unticked");
    }

    [Fact]
    public async Task The_directorys_form_sends_several_camps_as_the_page_reads_them()
    {
        // A browser sends camp=general&camp=vertical; the page reads the pair as camp=general,vertical.
        var (status, html) = await app.GetPageAsync("/companies?camp=general&camp=vertical");
        var form = Form(html, "filter-panel");

        Assert.Equal(HttpStatusCode.OK, status);
        var ticked = Fields(form).OfType<IHtmlInputElement>().Where(i => i.Type == "checkbox" && i.IsChecked).Select(i => i.Value).ToList();
        Assert.Equal(["general", "vertical"], ticked);
        Assert.DoesNotContain("data-testid=\"query-notice\"", html);
    }

    [Fact]
    public async Task The_shell_switches_language_and_theme_with_GET_forms_that_come_back_to_the_same_address()
    {
        var (_, html) = await app.GetPageAsync("/companies?camp=vertical&page=1");
        var document = new HtmlParser().ParseDocument(html);

        var language = document.QuerySelector("[data-testid=lang-zh-CN]")!.Closest("form") as IHtmlFormElement;
        var theme = document.QuerySelector("[data-testid=theme-switch]")!.Closest("form") as IHtmlFormElement;
        Assert.NotNull(language);
        Assert.NotNull(theme);
        Assert.Equal("/companies?camp=vertical&page=1", language.QuerySelector<IHtmlInputElement>("[name=redirectUri]")!.Value);
        Assert.Equal("/companies?camp=vertical&page=1", theme.QuerySelector<IHtmlInputElement>("[name=redirectUri]")!.Value);
        Assert.Equal("dark", theme.QuerySelector<IHtmlInputElement>("[name=theme]")!.Value);

        using var client = app.CreateClient("en");
        using var response = await client.GetAsync("/theme/set?theme=dark&redirectUri=" + Uri.EscapeDataString("/companies?camp=vertical"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/companies?camp=vertical", response.Headers.Location!.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("llmwatch-theme=dark", StringComparison.Ordinal));

        using var offsite = await client.GetAsync("/theme/set?theme=dark&redirectUri=" + Uri.EscapeDataString("//evil.example/"));
        Assert.Equal("/", offsite.Headers.Location!.OriginalString);
        using var unknown = await client.GetAsync("/theme/set?theme=purple&redirectUri=/");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task A_dark_theme_cookie_renders_the_page_dark_from_the_first_byte()
    {
        using var client = app.CreateClient("en");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/camps");
        request.Headers.Add("Cookie", "llmwatch-theme=dark");
        using var response = await client.SendAsync(request);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        Assert.Contains(CampColors.DarkThemeClass, document.QuerySelector(".mud-layout")!.ClassList);
        Assert.Equal("light", document.QuerySelector("form.lw-theme-switch [name=theme]")!.GetAttribute("value"));
    }

    private async Task<IHtmlFormElement> FormAsync(string url, string testId)
    {
        var (status, html) = await app.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, status);
        return Form(html, testId);
    }

    private static IHtmlFormElement Form(string html, string testId)
    {
        var document = new HtmlParser().ParseDocument(html);
        return Assert.IsAssignableFrom<IHtmlFormElement>(document.QuerySelector($"form[data-testid={testId}]"));
    }

    private static IEnumerable<IElement> Fields(IHtmlFormElement form) =>
        form.QuerySelectorAll("input[name], select[name]").Where(f => f.GetAttribute("type") is not ("submit" or "button"));

    /// <summary>
    /// A static reader page persists nothing for a circuit: no circuit renders it, and Blazor wrote every persisted value into the
    /// HTML, encrypted, for the island's circuit to hold unused. Left: the layout's footer (the editor area renders it live).
    /// </summary>
    [Fact]
    public void Static_reader_pages_hold_no_persistent_state()
    {
        var components = typeof(CompaniesPage).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && t.Namespace?.Contains(".Features.", StringComparison.Ordinal) == true
                        && !t.Namespace.EndsWith(".Curate", StringComparison.Ordinal) && !t.Namespace.EndsWith(".Account", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(typeof(TimelinePage), components);
        var persisted = components
            .SelectMany(t => t.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(p => p.GetCustomAttribute<PersistentStateAttribute>() is not null).Select(p => $"{t.Name}.{p.Name}"))
            .ToList();
        Assert.Empty(persisted);
    }

    [Theory]
    [InlineData("/timeline")]
    [InlineData("/funding")]
    [InlineData("/people")]
    [InlineData("/companies")]
    [InlineData("/companies/zhipu-ai")]
    public async Task A_static_page_hands_no_state_of_its_own_to_a_circuit(string url)
    {
        var (status, html) = await app.GetPageAsync(url);

        Assert.Equal(HttpStatusCode.OK, status);
        // The footer's sources alone (about 1 KB as encrypted base64); /timeline's events made it 138 KB.
        var state = System.Text.RegularExpressions.Regex.Match(html, "<!--Blazor-Server-Component-State:([A-Za-z0-9+/=]*)-->");
        Assert.InRange(state.Success ? state.Groups[1].Length : 0, 0, 4_000);
    }
}
