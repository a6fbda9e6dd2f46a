using LlmWatch.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace LlmWatch.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class ValuationsJourneys(BrowserFixture browser)
{
    [SkippableFact]
    public async Task A_reader_switches_to_US_dollars_and_sees_Zhipus_ten_billion_yuan_converted_with_the_rate_named()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/valuations");
        await page.WaitForInteractiveAsync();
        var zhipu = page.Locator("[data-testid=leaderboard-row][data-company=zhipu-ai]");
        await Assertions.Expect(zhipu).ToContainTextAsync("CN¥10B");
        await Assertions.Expect(zhipu.GetByTestId("fx-rate")).ToHaveCountAsync(0);

        await page.GetByTestId("filter-currency").SelectOptionAsync(new SelectOptionValue { Label = "USD" });

        await page.WaitForAddressAsync("**/valuations?currency=USD");
        // The rate is said once for the page, not beside every figure.
        await Assertions.Expect(page.GetByTestId("rate-note").First).ToContainTextAsync("2023 figures at 7.0797 CNY per USD");
        await Assertions.Expect(zhipu.GetByTestId("fx-rate")).ToHaveCountAsync(0);
        await Assertions.Expect(zhipu).ToContainTextAsync("≈ US$1.4B");
        await Assertions.Expect(zhipu.GetByTestId("raising-at")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("rate-source")).ToContainTextAsync("Federal Reserve H.10");
        await page.ScreenshotForReviewAsync("valuations-en-desktop-usd");

        await page.GoBackAsync();
        await Assertions.Expect(zhipu.GetByTestId("fx-rate")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task The_valuations_page_is_accessible_and_fits_a_phone_in_both_languages()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        await PageChecks.CheckEverywhereAsync(browser, "/valuations", "valuations", "leaderboard");
    }
}
