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
        // A full first page: 57 events and 149 dated model releases make 206 entries.
        await Assertions.Expect(page.GetByTestId("event")).ToHaveCountAsync(100);

        await page.GetByTestId("filter-kind").SelectOptionAsync(new SelectOptionValue { Label = "Open source" });

        await page.WaitForAddressAsync("**/timeline?kind=open-source");
        await Assertions.Expect(page.Locator("[data-event=baichuan-13b-open-source-free-commercial]")).ToBeVisibleAsync();
        await page.GoBackAsync();
        await Assertions.Expect(page.GetByTestId("event")).ToHaveCountAsync(100);
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

        await page.WaitForAddressAsync("**/timeline?person=wang-xiaochuan");
        // The address changes before the filtered page arrives. Clearing the field before then lets the arriving page name the
        // person again (seen once in CI: the field read "Wang Xiaochuan" and the address kept ?person). A reader acts on the
        // narrowed list, so wait for it: only the filtered page's year links carry the person.
        await Assertions.Expect(page.Locator("[data-testid=year-bar] a[href='/timeline?person=wang-xiaochuan']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-event=baichuan-founded]")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("filter-person")).ToHaveValueAsync("Wang Xiaochuan");
        await page.ScreenshotForReviewAsync("timeline-person-filter-en-desktop");

        await page.GetByTestId("filter-person").FillAsync("");
        // The picker navigates by enhanced navigation: the address changes with no new load event to wait for.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/timeline$"));
        await Assertions.Expect(page.GetByTestId("event")).ToHaveCountAsync(100);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task A_reader_types_a_month_then_jumps_to_a_year_and_each_date_is_said_once()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/timeline");
        await page.WaitForInteractiveAsync();

        await page.GetByTestId("filter-from").FillAsync("2023-07");
        // Enhanced navigation changes the address before the next page arrives; typing before it arrives would type into a field the
        // arriving page then resets. Wait for its answer first.
        await page.RunAndWaitForResponseAsync(() => page.GetByTestId("filter-from").PressAsync("Tab"),
            r => r.Url.EndsWith("/timeline?from=2023-07", StringComparison.Ordinal));
        await page.WaitForAddressAsync("**/timeline?from=2023-07");
        await Assertions.Expect(page.GetByTestId("filter-from")).ToHaveValueAsync("2023-07");
        await page.GetByTestId("filter-to").FillAsync("2023-07");
        await page.GetByTestId("filter-to").PressAsync("Tab");
        await page.WaitForAddressAsync("**/timeline?from=2023-07&to=2023-07");

        await Assertions.Expect(page.Locator("[data-event=baichuan-13b-open-source-free-commercial]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-event=baidu-predicts-ai-era]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("undated-notice")).ToBeVisibleAsync();
        // The year is the heading, the month its subheading, the day the event's own: "11", never "11 Jul 2023" again.
        var days = await page.Locator("section[data-year='2023'] .lw-event-date").AllInnerTextsAsync();
        Assert.NotEmpty(days);
        Assert.All(days, d => Assert.Matches("^\\d{1,2}$", d.Trim()));
        await Assertions.Expect(page.Locator("section[data-year='2023'] .lw-month-title", new() { HasText = "July" })).ToHaveCountAsync(1);
        await page.ScreenshotForReviewAsync("timeline-july-2023-en-desktop");

        await page.GetByTestId("year-bar").Locator("[data-year-link='2019']").ClickAsync();
        await page.WaitForAddressAsync("**/timeline?from=2019&to=2019");
        await Assertions.Expect(page.Locator("section[data-year]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("section[data-year='2019']")).ToBeVisibleAsync();
        await page.GoBackAsync();
        await page.WaitForAddressAsync("**/timeline?from=2023-07&to=2023-07");
        await page.Context.CloseAsync();
    }

    [SkippableTheory]
    [InlineData(1200, 800)]
    [InlineData(390, 844)]
    public async Task Every_citations_card_opens_inside_the_window(int width, int height)
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync(browser.BaseUrl + "/timeline");
        await page.WaitForInteractiveAsync();

        // Each number focused in turn (as a keyboard reader would): its card, once open, lies within the window's width.
        var outside = await page.EvaluateAsync<string[]>("""
            async () => {
              const outside = [];
              for (const link of document.querySelectorAll('.lw-citation-link')) {
                link.scrollIntoView({ block: 'center' }); link.focus();
                await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
                const box = link.parentElement.querySelector('.lw-citation-card').getBoundingClientRect();
                if (box.width === 0 || box.left < 0 || box.right > document.documentElement.clientWidth)
                  outside.push(`${link.closest('[id]')?.id}: ${Math.round(box.left)}-${Math.round(box.right)}`);
              }
              return outside;
            }
            """);

        Assert.Empty(outside);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task The_timeline_is_accessible_and_fits_a_phone_in_both_languages()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        await PageChecks.CheckEverywhereAsync(browser, "/timeline", "timeline", "timeline");
    }
}
