using System.Net.Http.Json;
using System.Text.Json;
using LlmWatch.BrowserTests.Infrastructure;
using LlmWatch.Data.Accounts;
using LlmWatch.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LlmWatch.BrowserTests.Journeys;

/// <summary>
/// The tracker grows: an editor adds an article and proposes from its sentences, a reviewer approves two and rejects one,
/// and the approved facts reach every page with their citations. Its own database, so the other journeys' counts hold.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CurationJourneys(BrowserFixture browser) : IAsyncLifetime
{
    private const string Password = "Journey-Pass-2026!";
    private const string Text = "星河智能于2026年11月宣布完成数亿元A轮融资,由百川智能领投。\n星河智能成立于2025年,专注自研通用大模型。";
    private readonly string _databaseFile = Path.Combine(Path.GetTempPath(), $"llmwatch-curation-{Guid.NewGuid():N}.db");
    private CurationFactory? _factory;
    private string _baseUrl = "";

    public async Task InitializeAsync()
    {
        if (browser.SkipReason is not null) return;
        _factory = new CurationFactory(_databaseFile);
        _factory.UseKestrel(0);
        _factory.StartServer();
        _baseUrl = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1");
        // The admin makes the two accounts with the `users` command, the password piped on standard input as an operator would.
        foreach (var (email, name, role) in new[] { ("ed@example.org", "Ed Editor", Roles.Editor), ("rita@example.org", "Rita Reviewer", Roles.Reviewer) })
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var code = await new UsersCommand(_factory.Services, new StringReader(Password + "\n"), interactive: false, output, error)
                .RunAsync(["users", "add", email, "--name", name, "--role", role]);
            Assert.True(code == 0, $"users add {email}: exit {code}: {error}");
        }
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_databaseFile + suffix);
    }

    [SkippableFact]
    public async Task An_editor_proposes_from_a_new_article_and_a_reviewer_approves_two_and_rejects_one()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync();
        await SignInAsync(page, "ed@example.org");

        await page.GotoAsync(_baseUrl + "/curate/sources/new");
        await page.WaitForInteractiveAsync();
        await Input(page, "source-title").FillAsync("星河智能完成A轮融资");
        await Input(page, "source-publisher").FillAsync("测试日报");
        await Input(page, "source-date").FillAsync("2026-11-20");
        await Input(page, "source-url").FillAsync("https://example.com/xinghe");
        await Input(page, "source-text").FillAsync(Text);
        await page.GetByTestId("add-source-submit").ClickAsync();
        await page.WaitForAddressAsync("**/curate/sources/src-2026-11-20-*");

        // A new organisation, citing the second sentence.
        await PickAsync(page, 2);
        await FillAsync(page, "slug", "xinghe-ai");
        await FillAsync(page, "nameZh", "星河智能");
        await FillAsync(page, "nameEn", "Xinghe AI");
        await ChooseAsync(page, page.GetByTestId("field-kind"), "startup");
        await ChooseAsync(page, page.GetByTestId("field-status"), "active");
        await ProposeAsync(page, "The article reports a new start-up.");

        // A deal with a range, citing the first sentence.
        await ChooseAsync(page, page.GetByTestId("kind"), "deal");
        await PickAsync(page, 1);
        await FillAsync(page, "slug", "xinghe-ai-a");
        await FillAsync(page, "organization", "xinghe-ai");
        await ChooseAsync(page, page.GetByTestId("field-kind"), "equity-round");
        await ChooseAsync(page, page.GetByTestId("field-stage"), "a");
        await ChooseAsync(page, page.GetByTestId("field-status"), "completed");
        await FillAsync(page, "date", "2026-11");
        await page.GetByTestId("add-amount").ClickAsync();
        await Input(page, "amount-min").FillAsync("100000000");
        await Input(page, "amount-max").FillAsync("999999999");
        await Input(page, "amount-text").FillAsync("数亿元");
        await ProposeAsync(page, "Its A round, as the article words it.");

        // A camp assignment, citing the second sentence.
        await ChooseAsync(page, page.GetByTestId("kind"), "camp assignment");
        await PickAsync(page, 2);
        await FillAsync(page, "slug", "xinghe-ai-general");
        await FillAsync(page, "organization", "xinghe-ai");
        await ChooseAsync(page, page.GetByTestId("field-camp"), "general");
        await FillAsync(page, "asOf", "2026-11-20");
        await ChooseAsync(page, page.GetByTestId("field-basis"), "stated");
        await ProposeAsync(page, "It builds its own general model.");

        // The editor cannot reach the review.
        await page.GotoAsync(_baseUrl + "/curate/proposals");
        await Assertions.Expect(page.GetByTestId("denied")).ToBeVisibleAsync();
        await page.Context.CloseAsync();

        var reviewer = await browser.NewPageAsync();
        await SignInAsync(reviewer, "rita@example.org");
        await reviewer.GotoAsync(_baseUrl + "/curate/proposals");
        await reviewer.WaitForInteractiveAsync();
        await Assertions.Expect(reviewer.GetByTestId("proposal-row")).ToHaveCountAsync(3);
        var ids = new List<string>();
        foreach (var row in await reviewer.GetByTestId("proposal-row").AllAsync()) ids.Add((await row.GetAttributeAsync("data-id"))!);

        await ReviewAsync(reviewer, ids[0], "approve", "Checked against the article.", "Applied");
        await ReviewAsync(reviewer, ids[1], "approve", "The range is as worded.", "Applied");
        await ReviewAsync(reviewer, ids[2], "reject", "Founding alone does not state the camp's basis; cite the thesis.", "Rejected");
        await reviewer.Context.CloseAsync();

        var reader = await browser.NewPageAsync();
        await reader.GotoAsync(_baseUrl + "/companies?q=星河");
        await Assertions.Expect(reader.GetByText("Xinghe AI").First).ToBeVisibleAsync();
        await reader.GotoAsync(_baseUrl + "/companies/xinghe-ai");
        await Assertions.Expect(reader.Locator("body")).ToContainTextAsync("数亿元");
        await reader.GotoAsync(_baseUrl + "/funding");
        await Assertions.Expect(reader.Locator("body")).ToContainTextAsync("Xinghe AI");
        await reader.GotoAsync(_baseUrl + "/changes?org=xinghe-ai");
        await Assertions.Expect(reader.GetByTestId("change")).ToHaveCountAsync(2);
        await reader.Context.CloseAsync();

        using var http = new HttpClient { BaseAddress = new Uri(_baseUrl) };
        // The feed lists the same two changes, and the whole trail adds only the article's arrival before them.
        var feed = System.Xml.Linq.XDocument.Parse(await http.GetStringAsync("/changes.atom?org=xinghe-ai"));
        Assert.Equal(2, feed.Root!.Elements(System.Xml.Linq.XName.Get("entry", "http://www.w3.org/2005/Atom")).Count());
        var all = System.Xml.Linq.XDocument.Parse(await http.GetStringAsync("/changes.atom"));
        Assert.Equal(3, all.Root!.Elements(System.Xml.Linq.XName.Get("entry", "http://www.w3.org/2005/Atom")).Count());
        var company = await http.GetFromJsonAsync<JsonElement>("/api/companies/xinghe-ai");
        Assert.Contains("星河智能成立于2025年", company.GetRawText());
        var anonymous = await http.GetAsync("/curate/proposals");
        Assert.Contains("/account/login", anonymous.RequestMessage!.RequestUri!.ToString() + await anonymous.Content.ReadAsStringAsync());
    }

    // MudBlazor puts a field's attributes on its input; a multi-line field's input is a textarea.
    private static ILocator Input(IPage page, string id) =>
        page.Locator($"input[data-testid='{id}'], textarea[data-testid='{id}'], [data-testid='{id}'] input, [data-testid='{id}'] textarea").First;

    private async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync(_baseUrl + "/account/login?returnUrl=%2Fcurate");
        await page.GetByTestId("login-email").FillAsync(email);
        await page.GetByTestId("login-password").FillAsync(Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForAddressAsync("**/curate");
    }

    private static async Task PickAsync(IPage page, int sentence)
    {
        await page.WaitForInteractiveAsync();
        await page.Locator($"[data-testid=pick-sentence][data-sentence='{sentence}']").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-testid=pick-sentence][data-sentence='{sentence}']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("lw-pick-on"));
    }

    private static async Task FillAsync(IPage page, string field, string value)
    {
        var input = Input(page, $"field-{field}");
        await input.FillAsync(value);
        await input.BlurAsync();
    }

    private static async Task ChooseAsync(IPage page, ILocator select, string item)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(item, new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    private static async Task ProposeAsync(IPage page, string reason)
    {
        var input = Input(page, "reason");
        await input.FillAsync(reason);
        await input.BlurAsync();
        await Assertions.Expect(page.GetByTestId("propose-submit")).ToBeEnabledAsync();
        await page.GetByTestId("propose-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("proposal-saved")).ToBeVisibleAsync();
    }

    private async Task ReviewAsync(IPage page, string id, string action, string reason, string outcome)
    {
        await page.GotoAsync($"{_baseUrl}/curate/proposals/{id}");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("highlighted-quote")).ToBeVisibleAsync();
        var input = Input(page, "review-reason-input");
        await input.FillAsync(reason);
        await input.BlurAsync();
        await page.GetByTestId(action).ClickAsync();
        await Assertions.Expect(page.GetByTestId("outcome")).ToContainTextAsync(outcome);
    }

    private sealed class CurationFactory(string databaseFile) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseStaticWebAssets();
            builder.UseSetting("ConnectionStrings:LlmWatch", $"Data Source={databaseFile}");
            builder.UseSetting("Hosting:HttpsRedirection", "false");
            foreach (var (key, value) in LlmWatch.Tests.Infrastructure.UnlimitedClients.Settings) builder.UseSetting(key, value);
            builder.UseSetting("Serilog:WriteTo:1:Args:path", Path.Combine(Path.GetTempPath(), "llmwatch-test-logs", "llmwatch-.log"));
        }
    }
}
