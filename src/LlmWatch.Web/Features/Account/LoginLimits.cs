using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using LlmWatch.Web.Hosting;
using Microsoft.Extensions.Options;

namespace LlmWatch.Web.Features.Account;

/// <summary>How many sign-in attempts (POSTs to /account/login) one address may make per window: <c>Accounts:LoginRateLimit</c>.</summary>
public sealed class LoginRateLimitSettings : Hosting.ISettings
{
    public static string Section => "Accounts:LoginRateLimit";

    public int PermitLimit { get; set; } = 10;

    public int WindowSeconds { get; set; } = 60;

    public IEnumerable<string> Problems()
    {
        if (PermitLimit < 1) yield return Hosting.SettingRules.AtLeast(nameof(PermitLimit), PermitLimit, 1);
        if (WindowSeconds is < 1 or > 86_400) yield return Hosting.SettingRules.Between(nameof(WindowSeconds), WindowSeconds, 1, 86_400);
    }
}

/// <summary>
/// A per-address limit on sign-in attempts, beside Identity's per-account lockout: lockout stops guessing one account's
/// password, this stops one address trying many accounts. Reading the form (GET) is never limited. A policy of its own,
/// so the site's other limits can change without touching it.
/// </summary>
public static class LoginLimits
{
    public const string Policy = "account-login";

    public static WebApplicationBuilder AddLoginLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<LoginRateLimitSettings>();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<LoginRateLimitSettings>>((o, settings) =>
            o.AddPolicy(Policy, new LoginPolicy(settings.Value)));
        return builder;
    }

    private sealed class LoginPolicy(LoginRateLimitSettings settings) : IRateLimiterPolicy<string>
    {
        private readonly TimeSpan _window = TimeSpan.FromSeconds(settings.WindowSeconds);

        public RateLimitPartition<string> GetPartition(HttpContext context) =>
            HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter("post:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.PermitLimit, Window = _window, QueueLimit = 0, AutoReplenishment = true })
                : RateLimitPartition.GetNoLimiter("read");

        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (rejected, cancellationToken) =>
        {
            var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : _window;
            var context = rejected.HttpContext;
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("LlmWatch.Accounts")
                .LogWarning("Sign-in rate limit reached from one address");
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(
                $"Too many sign-in attempts from this address. Try again in {(int)Math.Ceiling(retryAfter.TotalSeconds)} seconds.", cancellationToken);
        };
    }
}
