using LlmWatch.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace LlmWatch.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class ModelsJourneys(BrowserFixture browser)
{
    [SkippableFact]
    public async Task A_reader_follows_a_models_lineage_to_its_base()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync();
        // The registry runs to several pages since Epoch AI's rows came in: the reader searches for the model's name.
        await page.GotoAsync(browser.BaseUrl + "/models?q=llama");
        await page.WaitForInteractiveAsync();

        await page.Locator("[data-model=llama-2-chat] a.lw-card-title").ClickAsync();
        await page.WaitForAddressAsync("**/models/llama-2-chat");
        await page.GetByTestId("lineage").GetByRole(AriaRole.Link, new() { Name = "Llama 2" }).ClickAsync();

        await page.WaitForAddressAsync("**/models/llama-2");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Llama 2");
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task A_reader_finds_an_organisation_by_its_chinese_name_and_sees_only_its_models()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync("zh-CN", 375, 800);
        await page.GotoAsync(browser.BaseUrl + "/models");
        await page.WaitForInteractiveAsync();

        await page.GetByTestId("filter-org").FillAsync("百川");
        await page.GetByRole(AriaRole.Option, new() { Name = "百川智能", Exact = true }).ClickAsync();

        await page.WaitForAddressAsync("**/models?org=baichuan");
        var rows = page.GetByTestId("model-row");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        await Assertions.Expect(rows.Filter(new() { HasNotText = "百川智能" })).ToHaveCountAsync(0);
        await page.ScreenshotForReviewAsync("models-org-filter-zh-phone");
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task The_model_pages_are_accessible_and_fit_a_phone_in_both_languages()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        await PageChecks.CheckEverywhereAsync(browser, "/models", "models", "models-table");
        await PageChecks.CheckEverywhereAsync(browser, "/models/baichuan-13b", "model", "model-facts");
    }
}
