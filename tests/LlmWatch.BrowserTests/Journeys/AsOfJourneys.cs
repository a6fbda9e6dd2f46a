using LlmWatch.BrowserTests.Infrastructure;
using LlmWatch.Data.Accounts;
using LlmWatch.Data.Curation;
using LlmWatch.Data.Seed;
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
/// What was known when: an editor's article dated 2026-11-20 brings a new organisation (approved by a reviewer, accounts made with
/// the users command); a reader sees it, then sets the app bar's date to the day before and sees it disappear from the directory
/// and the camp map, under the banner, and come back with "show today". Its own database, so the other journeys' counts hold.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AsOfJourneys(BrowserFixture browser) : IAsyncLifetime
{
    private const string Password = "Journey-Pass-2026!";
    private const string Text = "星河智能成立于2025年,专注自研通用大模型。";
    private readonly string _databaseFile = Path.Combine(Path.GetTempPath(), $"llmwatch-asof-{Guid.NewGuid():N}.db");
    private AsOfFactory? _factory;
    private string _baseUrl = "";

    public async Task InitializeAsync()
    {
        if (browser.SkipReason is not null) return;
        _factory = new AsOfFactory(_databaseFile);
        _factory.UseKestrel(0);
        _factory.StartServer();
        _baseUrl = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1");
        var curators = new List<Curator>();
        foreach (var (email, name, role) in new[] { ("ed@example.org", "Ed Editor", Roles.Editor), ("rita@example.org", "Rita Reviewer", Roles.Reviewer) })
        {
            var error = new StringWriter();
            var code = await new UsersCommand(_factory.Services, new StringReader(Password + "\n"), interactive: false, new StringWriter(), error)
                .RunAsync(["users", "add", email, "--name", name, "--role", role]);
            Assert.True(code == 0, $"users add {email}: exit {code}: {error}");
            using var scope = _factory.Services.CreateScope();
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<LlmWatchUser>>().FindByEmailAsync(email);
            curators.Add(new Curator(user!.Id, name));
        }
        // The editor's article and organisation, through the same services the editor area calls; the reviewer approves.
        var added = await _factory.Services.GetRequiredService<SourceIntake>()
            .AddAsync(new NewSource("星河智能成立", null, "测试日报", null, "https://example.com/xinghe", "2026-11-20", "zh", Text), curators[0]);
        var organization = new SeedOrganization
        {
            Slug = "xinghe-ai", NameZh = "星河智能", NameEn = "Xinghe AI", Kind = "startup", Status = "active", Country = "CN", FoundedOn = "2025", Citations = [],
        };
        var camp = new SeedCampAssignment { Slug = "xinghe-ai-general", Organization = "xinghe-ai", Camp = "general", AsOf = "2026-11-20", Basis = "stated", Citations = [] };
        var curation = _factory.Services.GetRequiredService<CurationService>();
        foreach (var fact in new SeedFact[] { organization, camp })
        {
            var (proposal, check) = await curation.ProposeAsync(new ProposalDraft(FactDocuments.KindOf(fact), ProposalAction.Add, "",
                FactDocuments.Serialize(fact), added.Id!, "星河智能成立于2025年,专注自研通用大模型", "The article reports a new start-up."), curators[0]);
            Assert.True(proposal is not null, string.Join("; ", check.Errors));
            Assert.Equal(ReviewStatus.Applied, (await curation.ApproveAsync(proposal!.Id, curators[1], "Checked against the article.")).Status);
        }
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_databaseFile + suffix);
    }

    [SkippableFact]
    public async Task Moving_asOf_before_a_curated_source_removes_its_organisation_from_the_directory_and_the_camp_map()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(_baseUrl + "/companies?q=星河");
        await Assertions.Expect(page.GetByText("Xinghe AI").First).ToBeVisibleAsync();

        // The app bar's date: a plain form, so the page reloads under the day before the article.
        await page.GetByTestId("asof-input").FillAsync("2026-11-19");
        await page.GetByTestId("asof-go").ClickAsync();
        await page.WaitForAddressAsync("**asOf=2026-11-19**");
        Assert.Contains("q=", page.Url);
        await Assertions.Expect(page.GetByTestId("asof-banner")).ToContainTextAsync("As known on 19 Nov 2026");
        await Assertions.Expect(page.GetByText("Xinghe AI")).ToHaveCountAsync(0);

        await page.GotoAsync(_baseUrl + "/camps?asOf=2026-11-19");
        await Assertions.Expect(page.GetByTestId("asof-banner")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("Xinghe AI");
        // From the camp map under a past day, the diff to today names it as appeared.
        await page.GetByTestId("asof-compare").ClickAsync();
        await page.WaitForAddressAsync("**/camps/diff?from=2026-11-19**");
        await Assertions.Expect(page.Locator("[data-slug='xinghe-ai'][data-kind='appeared']")).ToBeVisibleAsync();

        await page.GotoAsync(_baseUrl + "/camps?asOf=2026-11-20");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Xinghe AI");
        await page.GetByTestId("asof-today").ClickAsync();
        await page.WaitForAddressAsync(url => !url.Contains("asOf", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Xinghe AI");
        await Assertions.Expect(page.GetByTestId("asof-banner")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    private sealed class AsOfFactory(string databaseFile) : WebApplicationFactory<Program>
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
