using LlmWatch.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace LlmWatch.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class FundingJourneys(BrowserFixture browser)
{
    [SkippableFact]
    public async Task A_reader_filters_to_acquisitions_and_sees_OneFlow_to_Guangnian_Zhiwai_to_Meituan()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync(locale: "zh-CN");
        await page.GotoAsync(browser.BaseUrl + "/funding");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("deal-row")).ToHaveCountAsync(20);

        await page.GetByTestId("filter-kind").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "收购", Exact = true }).ClickAsync();

        await page.WaitForURLAsync("**/funding?kind=acquisition");
        await Assertions.Expect(page.GetByTestId("deal-row")).ToHaveCountAsync(2);
        var chain = page.GetByTestId("acquisition-chains").Locator(".lw-chain");
        await Assertions.Expect(chain).ToHaveCountAsync(1);
        var names = await chain.Locator(".name-primary").AllInnerTextsAsync();
        Assert.Equal(["OneFlow", "光年之外", "美团"], names.Select(n => n.Trim()).Select(n => n.Contains("一流") ? "OneFlow" : n));
        await page.ScreenshotForReviewAsync("funding-zh-desktop-acquisitions");

        await page.GoBackAsync();
        await Assertions.Expect(page.GetByTestId("deal-row")).ToHaveCountAsync(20);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task The_funding_page_is_accessible_and_fits_a_phone_in_both_languages()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        await PageChecks.CheckEverywhereAsync(browser, "/funding", "funding", "deals-table");
    }
}
