using LlmWatch.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace LlmWatch.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class PeopleJourneys(BrowserFixture browser)
{
    [SkippableFact]
    public async Task From_the_people_list_a_reader_opens_a_career_and_follows_a_role_to_its_company()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/people");
        await page.WaitForInteractiveAsync();

        await page.Locator("[data-person=yuan-jinhui] a.lw-card-title").ClickAsync();
        await page.WaitForAddressAsync("**/people/yuan-jinhui");
        var roles = page.GetByTestId("role");
        await Assertions.Expect(roles).ToHaveCountAsync(2);
        await Assertions.Expect(roles.Nth(0)).ToContainTextAsync("OneFlow");
        await Assertions.Expect(roles.Nth(1)).ToContainTextAsync("Light Year");
        await page.ScreenshotForReviewAsync("person-en-desktop");

        var link = roles.Nth(1).GetByTestId("role-company");
        Assert.Equal("/companies/guangnian-zhiwai", await link.GetAttributeAsync("href"));
        await link.ClickAsync();
        await page.WaitForAddressAsync("**/companies/guangnian-zhiwai");
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task A_reader_narrows_people_to_a_company_typed_in_the_filter()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/people");
        await page.WaitForInteractiveAsync();

        await page.GetByTestId("filter-company").FillAsync("OneFl");
        await page.GetByRole(AriaRole.Option, new() { Name = "OneFlow", Exact = true }).ClickAsync();

        await page.WaitForAddressAsync("**/people?company=oneflow");
        await Assertions.Expect(page.Locator("[data-person=yuan-jinhui]")).ToBeVisibleAsync();
        await page.GoBackAsync();
        await Assertions.Expect(page.GetByTestId("filter-company")).ToHaveValueAsync("");
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task The_people_pages_are_accessible_and_fit_a_phone_in_both_languages()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        await PageChecks.CheckEverywhereAsync(browser, "/people", "people", "people-list");
        await PageChecks.CheckEverywhereAsync(browser, "/people/yang-hongxia", "person", "career");
        await PageChecks.CheckEverywhereAsync(browser, "/people/li-ming", "person-pseudonym", "pseudonym-note");
    }
}
