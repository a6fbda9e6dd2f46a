using LlmWatch.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace LlmWatch.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class TimelineJourneys(BrowserFixture browser)
{
    [SkippableFact]
    public async Task A_reader_filters_the_timeline_by_kind_and_goes_back()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/timeline");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("event")).ToHaveCountAsync(57);

        await page.GetByTestId("filter-kind").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Open source", Exact = true }).ClickAsync();

        await page.WaitForURLAsync("**/timeline?kind=open-source");
        await Assertions.Expect(page.Locator("[data-event=baichuan-13b-open-source-free-commercial]")).ToBeVisibleAsync();
        await page.GoBackAsync();
        await Assertions.Expect(page.GetByTestId("event")).ToHaveCountAsync(57);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task The_timeline_is_accessible_and_fits_a_phone_in_both_languages()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        await PageChecks.CheckEverywhereAsync(browser, "/timeline", "timeline", "timeline");
    }
}
