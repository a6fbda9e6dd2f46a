using LlmWatch.BrowserTests.Infrastructure;
using LlmWatch.Web.Hosting;
using Microsoft.Playwright;

namespace LlmWatch.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class AccountJourneys(BrowserFixture browser)
{
    [SkippableFact]
    public async Task An_editor_made_on_the_command_line_signs_in_reaches_the_editor_area_and_signs_out()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var email = $"editor-{Guid.NewGuid():N}@example.org";
        using (var output = new StringWriter())
        using (var error = new StringWriter())
        {
            var code = await new UsersCommand(browser.Services, new StringReader("Journey-Pass-21\n"), interactive: false, output, error)
                .RunAsync(["users", "add", email, "--name", "Erin Editor", "--role", "editor"]);
            Assert.True(code == 0, error.ToString());
        }
        var page = await browser.NewPageAsync();

        // Signed out, the editor area sends the reader to the sign-in form, which remembers where they were going.
        await page.GotoAsync(browser.BaseUrl + "/curate");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login\\?ReturnUrl=%2Fcurate$"));
        await page.GetByTestId("login-email").FillAsync(email);
        await page.GetByTestId("login-password").FillAsync("Journey-Pass-21");
        await page.GetByTestId("login-submit").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(browser.BaseUrl + "/curate");
        await Assertions.Expect(page.GetByTestId("curate-who")).ToHaveTextAsync("Signed in as Erin Editor");
        await Assertions.Expect(page.Locator("[data-testid=curate-roles] li[data-role=editor]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=curate-roles] li[data-role=admin]")).ToHaveCountAsync(0);
        await page.WaitForInteractiveAsync();
        await page.ScreenshotForReviewAsync("curate-editor");
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "llmwatch.auth");
        Assert.True(cookie.HttpOnly);
        Assert.True(cookie.Secure);

        await page.GetByTestId("logout").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(browser.BaseUrl + "/");
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "llmwatch.auth");

        await page.GotoAsync(browser.BaseUrl + "/curate");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login\\?ReturnUrl=%2Fcurate$"));
        await Assertions.Expect(page.GetByTestId("login")).ToBeVisibleAsync();
        Assert.Empty(PageExtensions.ConsoleErrors(page));
        await page.Context.CloseAsync();
    }
}
