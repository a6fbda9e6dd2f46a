using Deque.AxeCore.Playwright;
using LlmWatch.BrowserTests.Infrastructure;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace LlmWatch.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class BrowseJourneys(BrowserFixture browser)
{
    [SkippableFact]
    public async Task A_reader_filters_by_camp_searches_opens_a_profile_and_comes_back_to_the_list()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync(locale: "zh-CN");
        var rows = page.GetByTestId("company-row");

        await page.GotoAsync(browser.BaseUrl + "/companies");
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("camp-vertical").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/companies\?camp=vertical$"));
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("达观数据");
        await Assertions.Expect(page.GetByTestId("company-table")).Not.ToContainTextAsync("百度");

        await page.GetByTestId("clear-filters").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/companies$"));
        // Enhanced navigation changes the address before the new page arrives: a reader types once the camp is unticked.
        await Assertions.Expect(page.GetByTestId("camp-vertical").Locator("input")).Not.ToBeCheckedAsync();
        await page.Locator("#company-search").FillAsync("百川");
        await page.Locator("#company-search").PressAsync("Enter");
        await page.Locator("#company-search").PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/companies\?q=%E7%99%BE%E5%B7%9D$"));
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("百川智能");

        await rows.First.GetByRole(AriaRole.Link).First.ClickAsync();
        await page.WaitForAddressAsync("**/companies/baichuan");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("百川智能");
        var timeline = page.GetByTestId("funding-timeline");
        await Assertions.Expect(timeline.GetByTestId("deal")).ToHaveCountAsync(1);
        // The quote shows on hover, drawn by CSS: the profile opens no circuit.
        await timeline.GetByTestId("citation").First.HoverAsync();
        await Assertions.Expect(timeline.GetByTestId("citation-card").First).ToBeVisibleAsync();
        await Assertions.Expect(timeline.GetByTestId("citation-card").First).ToContainTextAsync("5000万美元");

        await page.GoBackAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/companies\?q=%E7%99%BE%E5%B7%9D$"));
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("百川智能");
        await Assertions.Expect(page.Locator("#company-search")).ToHaveValueAsync("百川");

        await page.GoBackAsync();
        await page.GoBackAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/companies\?camp=vertical$"));
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("达观数据");
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task A_reader_goes_from_the_camp_map_to_a_profile()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/camps");
        await page.WaitForInteractiveAsync();

        await page.GetByTestId("camp-vertical").GetByTestId("member").First.ClickAsync();

        await page.WaitForAddressAsync("**/companies/datagrand");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("DataGrand");
        await Assertions.Expect(page.GetByTestId("camp-badge").First).ToHaveAttributeAsync("data-camp", "vertical");
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task A_slice_of_the_overview_opens_the_directory_filtered_by_its_camp()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/");
        await page.WaitForInteractiveAsync();
        // The circuit reuses the prerendered state: its dates must come back as they were rendered.
        await Assertions.Expect(page.GetByTestId("latest-events")).ToContainTextAsync("19 Jul 2023");
        await Assertions.Expect(page.GetByTestId("top-valuations")).ToContainTextAsync("≈ US$1.4B");

        await page.Locator("[data-testid=camp-count][data-camp=general]").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/companies\?camp=general$"));
        await Assertions.Expect(page.GetByTestId("company-row")).ToHaveCountAsync(20); // the general camp after issue 12: big tech and every maker the article shows training its own model
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task The_csv_download_holds_the_filtered_list()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/companies?camp=vertical");
        await page.WaitForInteractiveAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("csv-download").ClickAsync());

        var text = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("datagrand,达观数据,DataGrand", text);
        Assert.DoesNotContain("baidu,", text);
        await page.Context.CloseAsync();
    }

    [SkippableTheory]
    [InlineData("/", "overview")]
    [InlineData("/companies", "companies")]
    [InlineData("/companies?camp=general,vertical&sort=valuation", "companies-filtered")]
    [InlineData("/companies?q=qqqq&camp=foo", "companies-empty")]
    [InlineData("/companies/zhipu-ai", "profile")]
    [InlineData("/companies/baichuan", "profile-baichuan")]
    [InlineData("/companies/no-such-company", "profile-404")]
    [InlineData("/camps", "camps")]
    public async Task Every_browse_page_is_accessible_and_fits_a_phone_in_both_languages(string path, string name)
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        foreach (var locale in new[] { "zh-CN", "en" })
        {
            foreach (var (device, width, height) in new[] { ("desktop", 1280, 900), ("phone", 375, 812) })
            {
                var page = await browser.NewPageAsync(locale, width, height);
                await page.GotoAsync(browser.BaseUrl + path);
                await page.WaitForInteractiveAsync();
                await Assertions.Expect(page.Locator("h1")).ToHaveCountAsync(1);

                var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
                Assert.False(overflow, $"{path} scrolls sideways at {width} px ({locale})");
                await PageChecks.AssertAccessibleAsync(page);
                await page.ScreenshotForReviewAsync($"{name}-{(locale == "en" ? "en" : "zh")}-{device}");
                await page.Context.CloseAsync();
            }
        }
    }
}
