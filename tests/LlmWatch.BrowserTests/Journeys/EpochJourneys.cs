using LlmWatch.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace LlmWatch.BrowserTests.Journeys;

/// <summary>A reader of Epoch AI's rows: filters the registry, opens a 2025 model, follows its citation to the row, finds its release on the timeline.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EpochJourneys(BrowserFixture browser)
{
    [SkippableFact]
    public async Task Without_JavaScript_a_reader_narrows_an_organisations_models_to_open_weights()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var context = await browser.Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = false, Locale = "en", ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "en" },
        });
        var page = await context.NewPageAsync();
        var rows = page.GetByTestId("model-row");

        // The organisation comes in the address (the profile and the table link there); the form keeps it as a hidden field.
        await page.GotoAsync(browser.BaseUrl + "/models?org=moonshot-ai");
        var all = await rows.CountAsync();
        await page.GetByTestId("filter-open").SelectOptionAsync("true");
        await page.GetByTestId("filter-apply").ClickAsync();

        await page.WaitForAddressAsync(url => url.Contains("org=moonshot-ai") && url.Contains("openSource=true"));
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        Assert.InRange(await rows.CountAsync(), 1, all - 1);
        await Assertions.Expect(rows.Filter(new() { HasNotText = "Moonshot AI" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-model=kimi-k2]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-model=kimi-explorer]")).ToHaveCountAsync(0);
        await context.CloseAsync();
    }

    [SkippableFact]
    public async Task A_reader_picks_an_organisation_and_open_weights_opens_a_2025_model_and_follows_its_citation_to_the_row()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/models");
        await page.WaitForInteractiveAsync();

        await page.GetByTestId("filter-org").FillAsync("Moonshot");
        await page.GetByRole(AriaRole.Option).Filter(new() { HasText = "Moonshot AI" }).First.ClickAsync();
        await page.WaitForAddressAsync(url => url.Contains("org=moonshot-ai"));
        // The picker's enhanced navigation changes the address before the next page arrives; a choice made in the page it replaces
        // would be lost. Wait for the organisation's models first.
        await Assertions.Expect(page.Locator("[data-model=kimi-explorer]")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("model-row").Filter(new() { HasNotText = "Moonshot AI" })).ToHaveCountAsync(0);
        await page.GetByTestId("filter-open").SelectOptionAsync("true");
        await page.WaitForAddressAsync(url => url.Contains("org=moonshot-ai") && url.Contains("openSource=true"));
        await Assertions.Expect(page.Locator("[data-model=kimi-explorer]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("model-row").Filter(new() { HasNotText = "Moonshot AI" })).ToHaveCountAsync(0);

        await page.Locator("[data-model=kimi-k2] a.lw-card-title").ClickAsync();
        await page.WaitForAddressAsync("**/models/kimi-k2");
        await Assertions.Expect(page.GetByTestId("epoch-citation")).ToContainTextAsync("2025-07-11");

        await page.GetByTestId("row-link").ClickAsync();
        await page.WaitForAddressAsync(url => url.Contains("/sources/epoch-ai-models-china") && url.EndsWith("#row-14", StringComparison.Ordinal));
        var row = page.Locator("#row-14");
        await Assertions.Expect(row).ToBeInViewportAsync();
        await Assertions.Expect(row).ToContainTextAsync("Kimi K2");
        // The row is the page's target, which the stylesheet outlines.
        Assert.Equal("row-14", await page.EvaluateAsync<string>("() => document.querySelector(':target')?.id"));
        await Assertions.Expect(row.GetByTestId("citing-fact").Filter(new() { HasText = "Kimi K2" }).First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task A_2025_release_is_on_the_timeline_and_gone_as_known_on_2024_01_01()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync("en", 390, 844);

        await page.GotoAsync(browser.BaseUrl + "/timeline?from=2025&to=2025");
        var release = page.Locator("[data-event='model:deepseek-r1']");
        await Assertions.Expect(release).ToContainTextAsync("DeepSeek-R1 released");
        await Assertions.Expect(release.GetByTestId("row-link")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("#row-28$"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the timeline scrolls sideways at 390 px");

        await page.GotoAsync(browser.BaseUrl + "/timeline?from=2023-11&to=2025&asOf=2024-01-01");
        await Assertions.Expect(page.Locator("[data-event='model:yi-34b']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-event='model:deepseek-r1']")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
