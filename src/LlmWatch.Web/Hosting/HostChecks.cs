using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
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

    /// <summary>Page paths whose pages take form posts (signing in, the editor's area): they keep POST.</summary>
    public static readonly string[] FormPostPaths = ["/account", "/curate"];

    /// <summary>
    /// Methods per page (issue 13 item 6): the framework maps every page for GET, HEAD and POST, so a POST to a read-only page
    /// reached the form machinery and answered 400. A page answers GET and HEAD only, and POST too when it takes form posts — it
    /// lies under <see cref="FormPostPaths"/> or it (or one of its layouts) has a <see cref="SupplyParameterFromFormAttribute"/>
    /// property. Routing then answers any other method with 405 and an Allow header naming these.
    /// </summary>
    public static TBuilder WithPageMethods<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<ComponentTypeMetadata>().LastOrDefault() is not { } page) return;
            string[] methods = TakesFormPosts(page.Type) ? ["GET", "HEAD", "POST"] : ["GET", "HEAD"];
            endpoint.Metadata.Add(new HttpMethodMetadata(methods));
        });
        return builder;
    }

    /// <summary>True when the page <paramref name="page"/> takes form posts (by its routes, or by a form-bound property).</summary>
    public static bool TakesFormPosts(Type page)
    {
        if (page.GetCustomAttributes<RouteAttribute>().Select(r => new PathString("/" + r.Template.TrimStart('/')))
            .Any(path => FormPostPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))))
            return true;
        for (Type? type = page; type is not null; type = type.GetCustomAttribute<LayoutAttribute>()?.LayoutType)
            if (type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Any(p => p.IsDefined(typeof(SupplyParameterFromFormAttribute), inherit: true)))
                return true;
        return false;
    }

    /// <summary>
    /// Right after the status code pages: a 405 goes out as routing made it, with its Allow header — re-executed as the
    /// not-found page it would lose the header (and name the not-found page's methods instead).
    /// </summary>
    public static WebApplication UseMethodNotAllowedAsIs(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed
                && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
                pages.Enabled = false;
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
