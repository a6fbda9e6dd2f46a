using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;

namespace LlmWatch.Web.Hosting;

/// <summary>The doors: API rate limits, CORS for open data, reverse-proxy headers, Blazor circuit limits. Values from configuration.</summary>
public static class HostingOptions
{
    public const string ApiRateLimit = "api";
    public const string OpenDataCors = "open-data";

    public static WebApplicationBuilder AddLlmWatchDoors(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);

        // Per client (remote address) fixed windows: a 429 with Retry-After when a client exceeds them.
        var permits = configuration.GetValue("RateLimiting:Api:PermitLimit", 300);
        var window = TimeSpan.FromSeconds(configuration.GetValue("RateLimiting:Api:WindowSeconds", 60));
        builder.Services.AddRateLimiter(o =>
        {
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
        builder.Services.AddCors(o => o.AddPolicy(OpenDataCors, p => p.AllowAnyOrigin().WithMethods("GET").AllowAnyHeader()));

        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in configuration.GetSection("Hosting:KnownProxies").Get<string[]>() ?? [])
                if (IPAddress.TryParse(proxy, out var address)) o.KnownProxies.Add(address);
        });

        // Circuit limits, set on purpose (see README, "Doors"): a reader's tab that drops keeps its state briefly,
        // but a flood of dropped tabs cannot pin memory; JS calls fail rather than hang; messages are bounded.
        builder.Services.AddServerSideBlazor().AddCircuitOptions(o =>
        {
            o.DisconnectedCircuitMaxRetained = configuration.GetValue("Circuits:DisconnectedMaxRetained", 100);
            o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromSeconds(configuration.GetValue("Circuits:DisconnectedRetentionSeconds", 120));
            o.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(configuration.GetValue("Circuits:JSInteropTimeoutSeconds", 30));
            o.MaxBufferedUnacknowledgedRenderBatches = 10;
            o.DetailedErrors = builder.Environment.IsDevelopment();
        }).AddHubOptions(o =>
        {
            // The prerendered state of a page (up to 100 rows with their citations) comes back from the browser in one message
            // when the circuit starts; 512 KB holds the largest page with room, and still bounds what a client can make the server read.
            o.MaximumReceiveMessageSize = configuration.GetValue("Circuits:MaximumReceiveMessageBytes", 512 * 1024);
            o.EnableDetailedErrors = builder.Environment.IsDevelopment();
        });
        return builder;
    }

    public static WebApplication UseLlmWatchDoors(this WebApplication app)
    {
        if (app.Configuration.GetValue("Hosting:ForwardedHeaders", false)) app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            if (app.Configuration.GetValue("Hosting:HttpsRedirection", true)) app.UseHttpsRedirection();
        }
        app.UseSecurityHeaders();
        return app;
    }
}
