using System.Net;
using System.Text.RegularExpressions;
using LlmWatch.Data;
using LlmWatch.Data.Accounts;
using LlmWatch.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace LlmWatch.Tests.Features.Account;

/// <summary>
/// The app (Production, so cookies are Secure) with helpers to make accounts and sign in over HTTPS, and every log event
/// it writes kept for inspection. The per-address login limit is raised unless a test asks for a low one.
/// </summary>
public partial class AccountsFactory : LlmWatchFactory
{
    public const string Password = "Correct-Horse-9";

    protected virtual int LoginPermits => 10_000;

    /// <summary>Debug events too, Identity's and ASP.NET Core's included, for the test that reads every line for secrets.</summary>
    protected virtual bool VerboseLogs => false;

    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Accounts:LoginRateLimit:PermitLimit", LoginPermits.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(Logs));
        if (VerboseLogs)
        {
            builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Serilog:MinimumLevel:Default"] = "Debug",
                ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Debug",
            }));
        }
    }

    /// <summary>A client that keeps cookies and talks HTTPS (a Secure cookie is only sent back over HTTPS), without following redirects.</summary>
    public HttpClient CreateBrowser() => CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true,
    });

    public async Task<LlmWatchUser> CreateUserAsync(string email, params string[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LlmWatchUser>>();
        var user = new LlmWatchUser { UserName = email, Email = email, DisplayName = "Name of " + email.Split('@')[0], CreatedAt = DateTime.UtcNow, LockoutEnabled = true };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        if (roles.Length > 0) Assert.True((await users.AddToRolesAsync(user, roles)).Succeeded);
        return user;
    }

    public static string UniqueEmail(string who) => $"{who}-{Guid.NewGuid():N}@example.org";

    /// <summary>The sign-in form's antiforgery token (its cookie stays in <paramref name="client"/>).</summary>
    public static async Task<string> FormTokenAsync(HttpClient client, string url = "/account/login")
    {
        var html = await client.GetStringAsync(url);
        return TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token on " + url);
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password, string returnUrl = "/curate", bool withToken = true)
    {
        var token = await FormTokenAsync(client);
        var fields = new Dictionary<string, string> { ["_handler"] = "login", ["Input.Email"] = email, ["Input.Password"] = password };
        if (withToken) fields["__RequestVerificationToken"] = token;
        return await client.PostAsync($"/account/login?ReturnUrl={Uri.EscapeDataString(returnUrl)}", new FormUrlEncodedContent(fields));
    }

    public async Task<HttpClient> SignedInAsync(string email)
    {
        var client = CreateBrowser();
        using var response = await PostLoginAsync(client, email, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public async Task<LlmWatchDbContext> DbAsync() =>
        await Services.GetRequiredService<IDbContextFactory<LlmWatchDbContext>>().CreateDbContextAsync();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

/// <summary>Every Serilog event the host writes, rendered with its properties, so a test can look for what must never be logged.</summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly List<string> _lines = [];

    public void Emit(LogEvent logEvent)
    {
        var line = logEvent.RenderMessage() + " " + string.Join(" ", logEvent.Properties.Select(p => $"{p.Key}={p.Value}")) + " " + logEvent.Exception;
        lock (_lines) _lines.Add(line);
    }

    public IReadOnlyList<string> Lines
    {
        get { lock (_lines) return _lines.ToList(); }
    }
}
