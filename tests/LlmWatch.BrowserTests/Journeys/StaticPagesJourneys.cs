using System.Text.RegularExpressions;
using LlmWatch.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace LlmWatch.BrowserTests.Journeys;

/// <summary>
/// Reader pages are HTML, not a live application: a page whose controls are links and forms opens no WebSocket (no circuit),
/// enhanced navigation between them opens none either, and the key journeys work with JavaScript switched off.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StaticPagesJourneys(BrowserFixture browser)
{
    [SkippableTheory]
    [InlineData("/models")]
    [InlineData("/people")]
    [InlineData("/funding")]
    [InlineData("/timeline")]
    public async Task An_island_coming_alive_moves_nothing_on_a_phone(string path)
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync(width: 390, height: 844);
        await page.AddInitScriptAsync("""
            window.lwShifts = [];
            new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.lwShifts.push(e.value); })
              .observe({ type: 'layout-shift', buffered: true });
            """);

        await page.GotoAsync(browser.BaseUrl + path);
        await page.WaitForInteractiveAsync();
        // Entries are delivered after the frame that shifted: let two frames pass before reading them.
        var shift = await page.EvaluateAsync<double>("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(window.lwShifts.reduce((a, b) => a + b, 0)))))");

        // The picker island's popover provider once appeared as a new cell of the form's grid when the circuit started: 0.10–0.15.
        Assert.True(shift < 0.02, $"{path} shifted its layout by {shift:F3} as its island came alive");
        await page.Context.CloseAsync();
    }

    [SkippableTheory]
    [InlineData("/camps")]
    [InlineData("/sources/huxiu-2023-08-02")]
    [InlineData("/companies/zhipu-ai")]
    [InlineData("/people/yang-hongxia")]
    [InlineData("/companies?camp=general&sort=valuation")]
    [InlineData("/")]
    [InlineData("/valuations")]
    [InlineData("/changes")]
    public async Task A_page_with_nothing_live_opens_no_circuit(string path)
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync();
        var sockets = page.RecordWebSockets();
        var requests = page.RecordRequests();

        await page.GotoAsync(browser.BaseUrl + path);
        await page.WaitForInteractiveAsync();
        await page.WaitForLoadedAsync(LoadState.NetworkIdle);

        await Assertions.Expect(page.Locator("[data-live=server]")).ToHaveCountAsync(0);
        Assert.Empty(sockets);
        // MudBlazor's script serves only live components: a page without a circuit does not load it (LlmWatch.Web.lib.module.js).
        Assert.DoesNotContain(requests, IsMudBlazorScript);
        Assert.Empty(PageExtensions.ConsoleErrors(page));
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task Enhanced_navigation_moves_between_static_pages_without_a_reload_or_a_circuit_and_a_picker_opens_one()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync();
        var sockets = page.RecordWebSockets();
        var requests = page.RecordRequests();
        await page.GotoAsync(browser.BaseUrl + "/camps");
        await page.WaitForInteractiveAsync();
        // A mark on the window: a full reload would drop it, enhanced navigation keeps the window and its document.
        await page.EvaluateAsync("() => { window.lwVisit = 'kept'; }");

        await page.Locator("#lw-drawer a[href='/companies']").ClickAsync();
        await page.WaitForAddressAsync("**/companies");
        await Assertions.Expect(page.GetByTestId("company-row").First).ToBeVisibleAsync();
        await page.GetByTestId("camp-vertical").ClickAsync();
        await page.WaitForAddressAsync(new Regex(@"/companies\?camp=vertical$"));
        await Assertions.Expect(page.GetByTestId("company-row")).ToHaveCountAsync(1);
        Assert.Equal("kept", await page.EvaluateAsync<string>("() => window.lwVisit"));
        await page.WaitForLoadedAsync(LoadState.NetworkIdle);
        Assert.Empty(sockets);
        Assert.DoesNotContain(requests, IsMudBlazorScript);

        // The models page holds one island, its organisation picker: the one thing that opens a circuit.
        await page.Locator("#lw-drawer a[href='/models']").ClickAsync();
        await page.WaitForAddressAsync("**/models");
        await page.GetByTestId("models-table").WaitForAsync();
        await Assertions.Expect(page.Locator("[data-live=server]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".lw-picker[data-interactive=true]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        Assert.Single(sockets);
        // The circuit's start loaded MudBlazor's script first (the island's components call into it), once.
        Assert.Single(requests, IsMudBlazorScript);
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.mudPopover === 'object'"), "MudBlazor's script did not run before the island came alive");
        Assert.Equal("kept", await page.EvaluateAsync<string>("() => window.lwVisit"));
        await page.Context.CloseAsync();
    }

    private static bool IsMudBlazorScript(string url) => new Uri(url).AbsolutePath is var path
        && path.StartsWith("/_content/MudBlazor/MudBlazor.min", StringComparison.Ordinal) && path.EndsWith(".js", StringComparison.Ordinal);

    [SkippableFact]
    public async Task Without_JavaScript_a_reader_filters_the_directory_by_camp_pages_opens_a_profile_and_switches_language()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var context = await browser.Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = false, Locale = "en", ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "en" },
        });
        var page = await context.NewPageAsync();
        var rows = page.GetByTestId("company-row");

        await page.GotoAsync(browser.BaseUrl + "/companies");
        await Assertions.Expect(rows).ToHaveCountAsync(20);
        // The directory pages by links.
        await page.GetByTestId("pager-next").First.ClickAsync();
        await page.WaitForAddressAsync("**/companies?page=2");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();

        // The camp pills are boxes in a GET form: tick one, send the form.
        await page.GetByTestId("camp-general").ClickAsync();
        await page.GetByTestId("filter-apply").ClickAsync();
        await page.WaitForAddressAsync(url => url.Contains("camp=general") && !url.Contains("page="));
        await Assertions.Expect(rows).ToHaveCountAsync(20);
        await Assertions.Expect(page.GetByTestId("camp-general").Locator("input")).ToBeCheckedAsync();
        await page.GetByTestId("camp-vertical").ClickAsync();
        await page.GetByTestId("filter-apply").ClickAsync();
        await page.WaitForAddressAsync(url => url.Contains("camp=general&camp=vertical"));
        await Assertions.Expect(page.Locator("[data-slug=datagrand]")).ToBeVisibleAsync();

        // A profile opens from its link, whole on the first response.
        await page.Locator("[data-slug=datagrand] a.lw-company-link").ClickAsync();
        await page.WaitForAddressAsync("**/companies/datagrand");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("DataGrand");

        // The language switch is a form too: it comes back to the same profile in Chinese.
        await page.GetByTestId("lang-zh-CN").ClickAsync();
        await page.WaitForAddressAsync("**/companies/datagrand");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("达观数据");

        // So is the theme switch.
        await page.GetByTestId("theme-switch").ClickAsync();
        await page.WaitForAddressAsync("**/companies/datagrand");
        await Assertions.Expect(page.Locator(".mud-layout")).ToHaveClassAsync(new Regex("lw-theme-dark|dark"));
        await context.CloseAsync();
    }

    [SkippableFact]
    public async Task Without_JavaScript_a_phone_opens_the_drawer_and_a_list_filters_by_its_form()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var context = await browser.Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = false, Locale = "en", ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "en" },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/timeline");

        await Assertions.Expect(page.GetByTestId("drawer")).ToBeHiddenAsync();
        await page.GetByTestId("nav-toggle").ClickAsync();
        await Assertions.Expect(page.GetByTestId("drawer")).ToBeVisibleAsync();
        await page.GetByTestId("nav-toggle").ClickAsync();
        await Assertions.Expect(page.GetByTestId("drawer")).ToBeHiddenAsync();

        await page.GetByTestId("filter-kind").SelectOptionAsync("open-source");
        await page.GetByTestId("filter-apply").ClickAsync();
        await page.WaitForAddressAsync(url => url.Contains("kind=open-source"));
        await Assertions.Expect(page.Locator("[data-event=baichuan-13b-open-source-free-commercial]")).ToBeVisibleAsync();
        await context.CloseAsync();
    }
}
