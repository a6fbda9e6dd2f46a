using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LlmWatch.Web.Hosting;

/// <summary>The doors: API rate limits, CORS for open data, reverse-proxy headers, Blazor circuit limits. Values from configuration, validated at start (<see cref="SettingRules"/>).</summary>
public static class HostingOptions
{
    public const string ApiRateLimit = "api";
    public const string OpenDataCors = "open-data";

    public static WebApplicationBuilder AddLlmWatchDoors(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSettings<ApiRateLimitSettings>();
        services.AddSettings<HostingSettings>();
        services.AddSettings<CircuitSettings>();
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);

        // Per client (remote address) fixed windows: a 429 with Retry-After when a client exceeds them.
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ApiRateLimitSettings>>((o, settings) =>
        {
            var (permits, window) = (settings.Value.PermitLimit, settings.Value.Window);
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(ApiRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true }));
            o.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
                rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                rejected.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("LlmWatch.RateLimiting")
                    .LogWarning("API rate limit reached on {Path}", rejected.HttpContext.Request.Path);
                await Results.Problem(title: "Too many requests", detail: $"This client may make {permits} API requests per {window.TotalSeconds:0} seconds.",
                    statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(rejected.HttpContext);
            };
        });

        // The API is open data: any origin may GET it; nothing else is shared across origins.
        // A browser script may read the datasets' credit lines (LlmWatch.Data.DatasetCredits) as well as the answer.
        services.AddCors(o => o.AddPolicy(OpenDataCors, p => p.AllowAnyOrigin().WithMethods("GET").AllowAnyHeader().WithExposedHeaders(LlmWatch.Data.DatasetCredits.Header)));

        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<HostingSettings>>((o, settings) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var address in settings.Value.KnownProxyAddresses) o.KnownProxies.Add(address);
        });

        // Circuit limits, set on purpose (see README, "Doors"): a reader's tab that drops keeps its state briefly,
        // but a flood of dropped tabs cannot pin memory; JS calls fail rather than hang; messages are bounded.
        var development = builder.Environment.IsDevelopment();
        services.AddOptions<CircuitOptions>().Configure<IOptions<CircuitSettings>>((o, settings) =>
        {
            var limits = settings.Value;
            o.DisconnectedCircuitMaxRetained = limits.DisconnectedMaxRetained;
            o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromSeconds(limits.DisconnectedRetentionSeconds);
            o.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(limits.JSInteropTimeoutSeconds);
            o.MaxBufferedUnacknowledgedRenderBatches = 10;
            o.DetailedErrors = development;
        });
        // The hub options every hub starts from; the circuit's hub is the only hub here.
        services.AddOptions<HubOptions>().Configure<IOptions<CircuitSettings>>((o, settings) =>
        {
            o.MaximumReceiveMessageSize = settings.Value.MaximumReceiveMessageBytes;
            o.EnableDetailedErrors = development;
        });
        return builder;
    }

    public static WebApplication UseLlmWatchDoors(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<HostingSettings>>().Value;
        if (settings.ForwardedHeaders) app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            if (settings.HttpsRedirection) app.UseHttpsRedirection();
        }
        app.UseSecurityHeaders();
        return app;
    }
}
