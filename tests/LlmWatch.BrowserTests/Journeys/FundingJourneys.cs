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

        await page.GetByTestId("filter-kind").SelectOptionAsync(new SelectOptionValue { Label = "收购" });

        await page.WaitForAddressAsync("**/funding?kind=acquisition");
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
        await page.WaitForAddressAsync("**/funding?company=zhipu-ai");
        await Assertions.Expect(page.Locator("[data-testid=deal-row][data-deal=zhipu-ai-raising-10b-valuation]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=deal-row][data-deal=minimax-angel]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("filter-company")).ToHaveValueAsync("智谱AI");

        await page.GetByTestId("filter-investor").FillAsync("美团");
        await page.GetByRole(AriaRole.Option, new() { Name = "美团" }).ClickAsync();
        await page.WaitForAddressAsync("**/funding?company=zhipu-ai&investor=meituan");
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

    [SkippableTheory]
    [InlineData("/funding", "deals-table")]
    [InlineData("/models", "models-table")]
    [InlineData("/valuations", "leaderboard")]
    public async Task At_1024_px_the_tables_fit_their_box_beside_the_drawer(string path, string table)
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        foreach (var locale in new[] { "en", "zh-CN" })
        {
            var page = await browser.NewPageAsync(locale, 1024, 800);
            await page.GotoAsync(browser.BaseUrl + path);
            var region = await page.GetByTestId(table).First.EvaluateAsync<int[]>("t => [t.parentElement.scrollWidth, t.parentElement.clientWidth]");
            Assert.True(region[0] <= region[1], $"{path}'s table scrolls sideways at 1024 px ({locale}): {region[0]} > {region[1]}");
            var page_ = await page.EvaluateAsync<int[]>("[document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            Assert.True(page_[0] <= page_[1], $"{path} scrolls sideways at 1024 px ({locale})");
            await page.Context.CloseAsync();
        }
    }

    [SkippableTheory]
    [InlineData("en", "Participants", "Amount")]
    [InlineData("zh-CN", "参与方", "金额")]
    public async Task On_a_phone_each_deal_is_a_card_with_date_kind_stage_amount_and_investors(string locale, string participants, string amount)
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync(locale, 390, 844);
        await page.GotoAsync(browser.BaseUrl + "/funding?company=zhipu-ai");
        await page.WaitForInteractiveAsync();

        var card = page.Locator("[data-testid=deal-row][data-deal=meituan-invests-zhipu-ai]");
        await Assertions.Expect(card).ToBeVisibleAsync();
        // A card: one column as wide as the screen, nothing to swipe sideways, no table header.
        await Assertions.Expect(page.GetByTestId("deals-table").Locator("thead")).ToBeHiddenAsync();
        var box = (await card.BoundingBoxAsync())!;
        Assert.InRange(box.Width, 300, 390);
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"), "the funding page scrolls sideways at 390 px");
        foreach (var part in new[] { "deal-date", "deal-kind", "deal-amount", "deal-participants" })
            await Assertions.Expect(card.GetByTestId(part)).ToBeVisibleAsync();
        await Assertions.Expect(card.GetByTestId("deal-kind").Locator(".lw-deal-stage")).ToBeVisibleAsync();
        // Each figure under its label, the investor a link.
        Assert.Contains(amount, await card.GetByTestId("deal-amount").EvaluateAsync<string>("td => getComputedStyle(td, '::before').content"));
        Assert.Contains(participants, await card.GetByTestId("deal-participants").EvaluateAsync<string>("td => getComputedStyle(td, '::before').content"));
        await Assertions.Expect(card.GetByTestId("deal-participants").Locator("a[href='/companies/meituan']")).ToBeVisibleAsync();
        await page.ScreenshotForReviewAsync($"funding-cards-{locale}-phone");
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task Citation_refs_are_tap_targets_of_at_least_24_by_24_px()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync("en", 390, 844);
        await page.GotoAsync(browser.BaseUrl + "/funding");
        // Measured once the circuit has taken over the prerendered page: while it swaps the DOM, refs can measure 0×0.
        await page.WaitForInteractiveAsync();
        var refs = page.GetByTestId("citation");
        await refs.First.WaitForAsync();
        var sizes = await refs.EvaluateAllAsync<double[][]>("els => els.map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })");
        Assert.NotEmpty(sizes);
        Assert.All(sizes, s => Assert.True(s[0] >= 24 && s[1] >= 24, $"a citation ref is {s[0]}×{s[1]} px"));
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task The_funding_page_is_accessible_and_fits_a_phone_in_both_languages()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        await PageChecks.CheckEverywhereAsync(browser, "/funding", "funding", "deals-table");
    }
}
