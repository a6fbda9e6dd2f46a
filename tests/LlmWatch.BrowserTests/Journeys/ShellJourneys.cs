using LlmWatch.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace LlmWatch.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class ShellJourneys(BrowserFixture browser)
{
    [SkippableFact]
    public async Task A_reader_switches_the_language_and_the_interface_follows()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync(locale: "zh-CN");

        await page.GotoAsync(browser.BaseUrl + "/");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("版图概览");
        await page.ScreenshotForReviewAsync("overview-zh-desktop");

        await page.GetByTestId("lang-en").ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("The landscape at a glance");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.WaitForInteractiveAsync();
        await page.ScreenshotForReviewAsync("overview-en-desktop");

        // The choice outlives the page: a new visit is still in English.
        await page.GotoAsync(browser.BaseUrl + "/");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("The landscape at a glance");
        await page.WaitForInteractiveAsync();
        Assert.Empty(PageExtensions.ConsoleErrors(page));
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task The_theme_switch_turns_the_page_dark_and_remembers_it()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/");
        await page.WaitForInteractiveAsync();
        var background = () => page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
        var light = await background();

        await page.GetByTestId("theme-switch").ClickAsync();
        // Playwright's own assertion polls without evaluating a string, which the page's CSP (no unsafe-eval) would refuse.
        await Assertions.Expect(page.Locator("body")).Not.ToHaveCSSAsync("background-color", light);
        var dark = await background();
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();

        Assert.NotEqual(light, dark);
        Assert.Equal(dark, await background());
        await page.ScreenshotForReviewAsync("overview-en-dark");
        await PageChecks.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task On_a_phone_the_drawer_is_out_of_the_way_and_the_menu_button_opens_it()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync(locale: "zh-CN", width: 375, height: 812);
        await page.GotoAsync(browser.BaseUrl + "/");
        await page.WaitForInteractiveAsync();

        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the page scrolls sideways at 375 px");
        await page.ScreenshotForReviewAsync("overview-zh-phone");

        await page.GetByLabel("展开或收起页面列表").ClickAsync();
        await Assertions.Expect(page.Locator("nav .mud-nav-link").First).ToBeVisibleAsync();
        await page.ScreenshotForReviewAsync("overview-zh-phone-drawer");
        await PageChecks.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }
}
