using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace LlmWatch.Web.Hosting;

/// <summary>
/// Hosts and bad requests (README, "Doors"): the host names the site answers to come from <c>AllowedHosts</c> (<c>*</c> only in
/// Development, refused at start elsewhere); a missing, empty or malformed Host is a plain 400 before anything reads it; absolute
/// links come from <see cref="SiteSettings.PublicOrigin"/>, never from the Host header; a request refused as bad is logged in one
/// line, without a stack trace, so that bad requests cannot flood the log.
/// </summary>
public static class HostChecks
{
    public static WebApplicationBuilder AddLlmWatchHostChecks(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<SiteSettings>();
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<HostFilteringOptions>()
            .Validate(o => development || (o.AllowedHosts.Count > 0 && !o.AllowedHosts.Any(h => h is "*" or "")),
                "AllowedHosts is '*' or empty: outside Development name the site's host names (such as llmwatch.example;www.llmwatch.example)")
            .ValidateOnStart();
        // Only a publish is served as in production (issue 13 item 8): from build output the assets would be served without
        // correct ranges, immutable caching or precompression, so outside Development the app refuses to start there.
        var application = builder.Environment.ApplicationName;
        builder.Services.AddSettings<StaticAssetSettings>()
            .Validate(o => development || o.ServeBuildOutput || !StaticAssetSettings.IsBuildOutput(application),
                "StaticAssets:ServeBuildOutput is false and the app runs from a build folder outside Development: run `dotnet publish` and start the "
                + "published app, or set ASPNETCORE_ENVIRONMENT=Development (or StaticAssets:ServeBuildOutput=true to serve the build folder anyway)");
        // HTTP/1.0 without a Host, or an empty one, is refused too (the default lets it through).
        builder.Services.PostConfigure<HostFilteringOptions>(o => o.AllowEmptyHosts = false);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        return builder;
    }

    /// <summary>First in the app's pipeline (after host filtering): a Host that is not a host name or address is a 400.</summary>
    public static WebApplication UseLlmWatchHostChecks(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (!IsWellFormed(context.Request.Host))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                context.Response.ContentType = "text/plain; charset=utf-8";
                return context.Response.WriteAsync("Bad Request: the Host header is missing or not a host name.", context.RequestAborted);
            }
            // The API is read-only: any other method on any /api path is a 405 naming the ones it answers (CORS preflights pass).
            var method = context.Request.Method;
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
                && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsOptions(method))
            {
                context.Response.Headers.Allow = "GET, HEAD";
                return Results.Problem(title: "Method not allowed", detail: "The API is read-only: use GET (or HEAD).",
                    statusCode: StatusCodes.Status405MethodNotAllowed).ExecuteAsync(context);
            }
            return next(context);
        });
        return app;
    }

    /// <summary>A host name or IP address (255 characters at most), with an optional port.</summary>
    public static bool IsWellFormed(HostString host)
    {
        if (!host.HasValue || host.Value.Length > 261) return false;
        var name = host.Host;
        if (name.Length is 0 or > 255) return false;
        if (name.StartsWith('[') && name.EndsWith(']')) name = name[1..^1];
        return Uri.CheckHostName(name) != UriHostNameType.Unknown && (host.Port is null or > 0 and <= 65535);
    }

    /// <summary>The site's origin for absolute links: the configured public origin, else none (links stay relative).</summary>
    public static string PublicOrigin(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<SiteSettings>>().Value.PublicOriginUri?.GetLeftPart(UriPartial.Authority) ?? "";

    /// <summary>A request the server refused as bad (malformed, too large, unreadable form): a 400, logged in one line, no stack trace.</summary>
    private sealed class BadRequestExceptionHandler(ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException bad) return false;
            logger.LogInformation("Refused a bad request to {Path}: {Reason} ({Status})", httpContext.Request.Path.Value, bad.Message, bad.StatusCode);
            httpContext.Response.StatusCode = bad.StatusCode;
            await Results.Problem(title: "Bad request", detail: "The request could not be read.", statusCode: bad.StatusCode).ExecuteAsync(httpContext);
            return true;
        }
    }
}
