using LlmWatch.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace LlmWatch.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class SourcesJourneys(BrowserFixture browser)
{
    [SkippableFact]
    public async Task From_a_citation_a_reader_reaches_the_highlighted_sentence_scrolled_into_view()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync(locale: "zh-CN");
        await page.GotoAsync(browser.BaseUrl + "/people/yuan-jinhui");
        await page.WaitForInteractiveAsync();

        var citation = page.GetByTestId("role").Nth(1).GetByTestId("citation").First;
        var href = await citation.GetAttributeAsync("href");
        Assert.StartsWith("/sources/huxiu-2023-08-02?q=", href);
        await citation.ClickAsync();

        await page.WaitForAddressAsync("**/sources/huxiu-2023-08-02?q=*");
        var target = page.Locator("mark.lw-sentence-target");
        await Assertions.Expect(target).ToHaveCountAsync(1);
        await Assertions.Expect(target).ToContainTextAsync("而成为光年之外联合创始人的袁进辉");
        await Assertions.Expect(target).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("lw-sentence-flash"));
        await Assertions.Expect(target).ToBeInViewportAsync();
        await page.ScreenshotForReviewAsync("source-zh-desktop-target");
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task The_source_reader_is_accessible_and_fits_a_phone_in_both_languages()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        await PageChecks.CheckEverywhereAsync(browser, "/sources/huxiu-2023-08-02", "source", "source-text");
    }
}
