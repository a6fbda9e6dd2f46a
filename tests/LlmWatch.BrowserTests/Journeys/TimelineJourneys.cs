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
    public async Task A_reader_types_part_of_a_name_picks_the_person_and_clears_the_filter()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/timeline");
        await page.WaitForInteractiveAsync();

        await page.GetByTestId("filter-person").FillAsync("Wang Xiao");
        await page.GetByRole(AriaRole.Option, new() { Name = "Wang Xiaochuan", Exact = true }).ClickAsync();

        await page.WaitForURLAsync("**/timeline?person=wang-xiaochuan");
        await Assertions.Expect(page.Locator("[data-event=baichuan-founded]")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("filter-person")).ToHaveValueAsync("Wang Xiaochuan");
        await page.ScreenshotForReviewAsync("timeline-person-filter-en-desktop");

        await page.GetByTestId("filter-person").FillAsync("");
        await page.WaitForURLAsync(url => !url.Contains("person="));
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
