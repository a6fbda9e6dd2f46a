using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace LlmWatch.BrowserTests.Infrastructure;

/// <summary>
/// The real app on Kestrel (127.0.0.1, a free port) over its own seeded SQLite file, and Debian's Chromium driven by Playwright.
/// Without /usr/bin/chromium the journeys skip with the reason, except in CI (CI=true), where that is a failure.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _databaseFile = Path.Combine(Path.GetTempPath(), $"llmwatch-browser-{Guid.NewGuid():N}.db");
    private KestrelFactory? _factory;
    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    /// <summary>Every SQL command the app has sent since the last reset.</summary>
    public LlmWatch.Tests.Infrastructure.QueryCounter Queries { get; } = new();
    public string BaseUrl { get; private set; } = "";

    /// <summary>The running app's services, for what a journey does outside the browser (the users command).</summary>
    public IServiceProvider Services => _factory!.Services;
    public string? SkipReason { get; private set; }

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            if (InCi) throw new InvalidOperationException($"CI=true but {ChromiumPath} is missing: install Debian's chromium (apt-get install -y chromium).");
            SkipReason = $"No Chromium at {ChromiumPath}; install it with 'apt-get install -y chromium' to run the browser journeys.";
            return;
        }

        _factory = new KestrelFactory(_databaseFile, Queries);
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseUrl = addresses.Addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1");

        // Expectations (the address, a row, a value) poll for 15 s instead of Playwright's 5: under CI's load (both test assemblies
        // in parallel on 2 cores) a picker's debounce, its circuit round trip and the enhanced navigation after it took longer
        // than 5 s to change the address once. A lost navigation still fails, 15 s later.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A fresh context (cookies, language) and page; dispose the context after the test.</summary>
    public async Task<IPage> NewPageAsync(string locale = "en", int width = 1280, int height = 900)
    {
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = locale },
        });
        context.SetDefaultTimeout(15_000);
        // An enhanced navigation is a fetch plus a render of the next page: under CI's load (both test assemblies, the 300-circuit
        // memory test) one took longer than 15 s to change the address. A lost navigation still fails, later.
        context.SetDefaultNavigationTimeout(45_000);
        var page = await context.NewPageAsync();
        var errors = PageExtensions.ConsoleErrors(page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error") lock (errors) errors.Add(message.Text);
        };
        page.PageError += (_, error) =>
        {
            lock (errors) errors.Add(error);
        };
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_databaseFile + suffix);
    }

    private sealed class KestrelFactory(string databaseFile, LlmWatch.Tests.Infrastructure.QueryCounter queries) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseStaticWebAssets();
            builder.UseSetting("ConnectionStrings:LlmWatch", $"Data Source={databaseFile}");
            builder.ConfigureServices(services => services.ConfigureDbContext<LlmWatch.Data.LlmWatchDbContext>(o => o.AddInterceptors(queries)));
            // Its own file: the unit tests' hosts write theirs at the same time, and a second writer of one file is shut out.
            builder.UseSetting("Serilog:WriteTo:1:Args:path", Path.Combine(Path.GetTempPath(), "llmwatch-test-logs", "browser-.log"));
            // The journeys are one client (loopback) opening page after page: the per-client limits are not what they test.
            foreach (var (key, value) in LlmWatch.Tests.Infrastructure.UnlimitedClients.Settings) builder.UseSetting(key, value);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

public static class PageExtensions
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, List<string>> Errors = new();

    /// <summary>Console errors and uncaught exceptions of the page so far (CSP refusals show up here).</summary>
    public static List<string> ConsoleErrors(IPage page) => Errors.GetValue(page, _ => []);

    /// <summary>
    /// Waits until the page takes input: its scripts have run (blazor.web.js drives links and forms by enhanced navigation), and
    /// every part that opens a circuit (an interactive island, or the editor area's whole page) is live, so clicks reach their handlers.
    /// A static page has no such part: it is ready once loaded, and never becomes "interactive".
    /// </summary>
    public static async Task WaitForInteractiveAsync(this IPage page)
    {
        await page.WaitForLoadedAsync(LoadState.Load);
        await page.Locator(".mud-layout[data-live]").WaitForAsync();
        await Assertions.Expect(page.Locator("[data-live=server]:not([data-interactive=true])")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
    }

    /// <summary>How long a journey waits for the address to change: an enhanced navigation under CI's load can take seconds.</summary>
    public static readonly TimeSpan AddressTimeout = TimeSpan.FromSeconds(45);

    /// <summary>
    /// Waits until the page's address matches a Playwright-style glob (<c>**</c> any text, <c>*</c> any text without a slash, the
    /// rest literal, <c>?</c> included). Playwright's own WaitForURLAsync checks the address and then subscribes to the next
    /// navigation: an enhanced navigation (history.pushState) that lands between the two is missed, and it then waits its whole
    /// timeout although the address is right — seen in CI on the valuations, funding and directory journeys, reproduced on a
    /// fresh server four times in ten. This reads the address the client already holds, over and over, so nothing is missed.
    /// </summary>
    public static Task WaitForAddressAsync(this IPage page, string glob) => page.WaitForAddressAsync(GlobToRegex(glob));

    public static Task WaitForAddressAsync(this IPage page, Regex address) =>
        page.WaitForAddressAsync(address.IsMatch, address.ToString());

    public static async Task WaitForAddressAsync(this IPage page, Func<string, bool> matches, string? description = null)
    {
        var deadline = DateTime.UtcNow + AddressTimeout;
        while (!matches(page.Url))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The address did not become {description ?? "the expected one"} within {AddressTimeout.TotalSeconds:F0} s; it is {page.Url}");
            await Task.Delay(50);
        }
    }

    /// <summary>The regular expression a Playwright URL glob stands for.</summary>
    public static Regex GlobToRegex(string glob)
    {
        var pattern = new System.Text.StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            if (glob[i] == '*' && i + 1 < glob.Length && glob[i + 1] == '*') { pattern.Append(".*"); i++; }
            else if (glob[i] == '*') pattern.Append("[^/]*");
            else pattern.Append(Regex.Escape(glob[i].ToString()));
        }
        return new Regex(pattern.Append('$').ToString());
    }

    /// <summary>
    /// Waits for a load state (Load, NetworkIdle) the same way round as <see cref="WaitForAddressAsync(IPage, string)"/>: a short
    /// wait asked again, because a state reached between Playwright's check and its subscription is otherwise never seen.
    /// </summary>
    public static async Task WaitForLoadedAsync(this IPage page, LoadState state)
    {
        var deadline = DateTime.UtcNow + AddressTimeout;
        while (true)
        {
            try
            {
                await page.WaitForLoadStateAsync(state, new() { Timeout = 2_000 });
                return;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }

    /// <summary>The WebSocket connections the page opens from now on (a circuit is one): record them before navigating.</summary>
    public static List<string> RecordWebSockets(this IPage page)
    {
        var sockets = new List<string>();
        page.WebSocket += (_, socket) =>
        {
            lock (sockets) sockets.Add(socket.Url);
        };
        return sockets;
    }

    /// <summary>Every address the page requests from now on (documents, scripts, styles, fetches), in order.</summary>
    public static List<string> RecordRequests(this IPage page)
    {
        var requests = new List<string>();
        page.Request += (_, request) =>
        {
            lock (requests) requests.Add(request.Url);
        };
        return requests;
    }

    /// <summary>Saves a screenshot when LLMWATCH_SCREENSHOTS names a folder: for people to look at, never asserted.</summary>
    public static async Task ScreenshotForReviewAsync(this IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("LLMWATCH_SCREENSHOTS");
        if (string.IsNullOrEmpty(folder)) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
