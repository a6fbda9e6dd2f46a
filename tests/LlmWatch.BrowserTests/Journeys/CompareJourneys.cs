using LlmWatch.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace LlmWatch.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class CompareJourneys(BrowserFixture browser)
{
    [SkippableFact]
    public async Task A_reader_ticks_two_rows_in_the_directory_compares_them_and_opens_a_figures_source()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/companies?camp=general&sort=valuation");
        await page.WaitForInteractiveAsync();

        await page.Locator("[data-slug=zhipu-ai] [data-testid=compare-select]").CheckAsync();
        await page.Locator("[data-slug=minimax] [data-testid=compare-select]").CheckAsync();
        await page.GetByTestId("compare-submit").ClickAsync();

        await page.WaitForAddressAsync("**/compare?c=zhipu-ai&c=minimax");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("compare-column")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("compare-valuation").First).ToContainTextAsync("US$");
        await page.ScreenshotForReviewAsync("compare-en-desktop");

        // Each figure's quote is one click away.
        await page.GetByTestId("compare-valuation").First.GetByTestId("citation").First.ClickAsync();
        await page.WaitForAddressAsync("**/sources/huxiu-2023-08-02?q=**");
        await Assertions.Expect(page.Locator(".lw-sentence-target")).ToBeInViewportAsync();
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task Without_a_circuit_the_directorys_form_still_reaches_the_comparison()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var context = await browser.Browser!.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, Locale = "zh-CN",
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "zh-CN" } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/companies?camp=general&sort=valuation");

        await page.Locator("[data-slug=zhipu-ai] [data-testid=compare-select]").CheckAsync();
        await page.Locator("[data-slug=minimax] [data-testid=compare-select]").CheckAsync();
        await page.GetByTestId("compare-submit").ClickAsync();

        await page.WaitForAddressAsync("**/compare?c=zhipu-ai&c=minimax");
        await Assertions.Expect(page.GetByTestId("compare-column")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("对比机构");
        await context.CloseAsync();
    }

    [SkippableFact]
    public async Task From_a_profile_a_reader_adds_a_peer_then_removes_one_on_a_phone()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync("zh-CN", 390, 844);
        await page.GotoAsync(browser.BaseUrl + "/companies/zhipu-ai");
        await page.WaitForInteractiveAsync();

        await page.GetByTestId("compare-with").ClickAsync();
        await page.WaitForAddressAsync("**/compare?c=zhipu-ai");
        await Assertions.Expect(page.GetByTestId("compare-notice")).ToBeVisibleAsync();
        await page.Locator("[data-testid=compare-suggestion][data-slug=minimax]").ClickAsync();

        await page.WaitForAddressAsync("**/compare?c=zhipu-ai,minimax");
        await Assertions.Expect(page.GetByTestId("compare-column")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("compare-notice")).ToHaveCountAsync(0);
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the comparison scrolls sideways at 390 px");
        await page.ScreenshotForReviewAsync("compare-zh-phone");

        await page.GetByTestId("compare-remove").First.ClickAsync();
        await page.WaitForAddressAsync("**/compare?c=minimax");
        await Assertions.Expect(page.GetByTestId("compare-column")).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task The_comparison_is_accessible_and_fits_a_phone_in_both_languages()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        await PageChecks.CheckEverywhereAsync(browser, "/compare?c=zhipu-ai,minimax,baichuan", "compare", "compare-table");
    }
}
