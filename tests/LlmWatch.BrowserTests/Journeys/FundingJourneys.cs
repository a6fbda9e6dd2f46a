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
        var names = await chain.Locator(".lw-name-primary").AllInnerTextsAsync();
        Assert.Equal(["OneFlow", "光年之外", "美团"], names.Select(n => n.Trim()).Select(n => n.Contains("一流") ? "OneFlow" : n));
        await page.ScreenshotForReviewAsync("funding-zh-desktop-acquisitions");

        await page.GoBackAsync();
        await Assertions.Expect(page.GetByTestId("deal-row")).ToHaveCountAsync(20);
        await page.Context.CloseAsync();
    }

    [SkippableTheory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task At_1400_px_every_column_of_the_deals_table_shows_without_scrolling_sideways(string locale)
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync(locale, 1400, 900);
        await page.GotoAsync(browser.BaseUrl + "/funding");
        var table = page.GetByTestId("deals-table");
        await table.WaitForAsync();

        var region = await table.EvaluateAsync<int[]>("t => [t.parentElement.scrollWidth, t.parentElement.clientWidth]");
        Assert.True(region[0] <= region[1], $"the deals table scrolls sideways at 1400 px ({locale}): {region[0]} > {region[1]}");
        var right = await table.Locator("thead th").Last.EvaluateAsync<double>("th => th.getBoundingClientRect().right");
        var window = await page.EvaluateAsync<double>("document.documentElement.clientWidth");
        Assert.True(right <= window, $"the participants column ends at {right} px, past the window's {window} px ({locale})");
        // A deal's notes wait closed below it, so no row is taller than its facts.
        await Assertions.Expect(page.Locator("[data-testid=notes-toggle][open]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task A_reader_searches_for_a_company_then_an_investor_and_the_address_follows()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync(locale: "zh-CN");
        await page.GotoAsync(browser.BaseUrl + "/funding");
        await page.WaitForInteractiveAsync();

        // No list of every company: the field searches the server as the reader types.
        await page.GetByTestId("filter-company").FillAsync("智谱");
        await page.GetByRole(AriaRole.Option, new() { Name = "智谱AI" }).ClickAsync();
        await page.WaitForURLAsync("**/funding?company=zhipu-ai");
        await Assertions.Expect(page.Locator("[data-testid=deal-row][data-deal=zhipu-ai-raising-10b-valuation]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=deal-row][data-deal=minimax-angel]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("filter-company")).ToHaveValueAsync("智谱AI");

        await page.GetByTestId("filter-investor").FillAsync("美团");
        await page.GetByRole(AriaRole.Option, new() { Name = "美团" }).ClickAsync();
        await page.WaitForURLAsync("**/funding?company=zhipu-ai&investor=meituan");
        await Assertions.Expect(page.GetByTestId("deal-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=deal-row][data-deal=meituan-invests-zhipu-ai]")).ToBeVisibleAsync();
        await page.ScreenshotForReviewAsync("funding-zh-desktop-company-investor");

        // An address naming a company that does not exist is ignored, with the page's notice.
        await page.GotoAsync(browser.BaseUrl + "/funding?company=nobody");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("query-notice")).ToBeVisibleAsync();
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
