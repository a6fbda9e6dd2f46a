using System.IO.Compression;
using LlmWatch.Data;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace LlmWatch.Web.Hosting;

/// <summary>
/// Fewer bytes and less work per request: Brotli/Gzip for what is generated (HTML, JSON, CSV; static assets arrive
/// precompressed from the build), the API's GET answers and anonymous pages kept for a minute, dropped as soon as the data change,
/// and validators (ETag, Cache-Control) that let a cache in front do the same (PageCaching.cs).
/// </summary>
public static class ResponseCaching
{
    public const string ApiCache = "api";
    public const string PageCache = "pages";
    public const string DataTag = "data";

    public static WebApplicationBuilder AddLlmWatchResponseCaching(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<OutputCacheSettings>();
        builder.Services.AddResponseCompression(o =>
        {
            // Public pages carry no secret a third party could make a reader echo (no antiforgery token, no personal data),
            // so compressing them over HTTPS does not open BREACH; /account and /curate, which do, are left uncompressed
            // (AccountServices.UseLlmWatchAccounts).
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["text/csv", "application/problem+json", "image/svg+xml"]);
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);

        builder.Services.AddSingleton<DataVersionTags>();
        builder.Services.AddOutputCache();
        builder.Services.AddOptions<OutputCacheOptions>().Configure<IOptions<OutputCacheSettings>>((o, settings) =>
        {
            // Slugs are case-sensitive: /api/companies/ZHIPU-AI is a 404 and must never be answered from zhipu-ai's entry.
            o.UseCaseSensitivePaths = true;
            o.SizeLimit = settings.Value.SizeLimitBytes;
            // The default policy underneath caches only GET/HEAD answered 200 without cookies: never a 4xx, 5xx or 429.
            o.AddPolicy(ApiCache, p => p
                .Expire(TimeSpan.FromSeconds(settings.Value.ApiSeconds))
                // The key varies by the parameters the endpoint reads, never by junk (Features/Api/ApiQueryParameters.cs).
                .AddPolicy<Features.Api.ApiQueryKeysPolicy>()
                .Tag(DataTag)
                .AddPolicy<PrivateAnswers>()
                .AddPolicy<ApiValidatorsPolicy>());
            // Anonymous pages without request-bound parts (PageCachePolicy): not a builder, which would start from the default policy.
            o.AddPolicy(PageCache, new PageCachePolicy(settings));
            // Whatever another endpoint's policy says, a signed-in person's answer and the account and editor pages are never stored.
            // The policy itself, not a builder: a builder starts from the default policy and would cache every GET.
            o.AddBasePolicy(new PrivateAnswers());
        });
        return builder;
    }

    /// <summary>
    /// Drops every cached API answer and page when an import or the watchdog replaces the data (their ETags change with the
    /// version), and ends the requests <see cref="ApiValidatorsPolicy"/> already answered with 304. Right after the output cache.
    /// </summary>
    public static WebApplication EvictCachedDataOnChange(this WebApplication app)
    {
        var store = app.Services.GetRequiredService<IOutputCacheStore>();
        app.Services.GetRequiredService<DataChanges>().Subscribe(ct => store.EvictByTagAsync(DataTag, ct).AsTask());
        app.Use(ApiValidatorsPolicy.ShortCircuitAsync);
        return app;
    }

    /// <summary>
    /// Never stores nor serves from the cache an answer to a signed-in request, to /account or to /curate, nor one that sets a
    /// cookie: such an answer may hold one person's page, and the cache would hand it to the next reader. Runs after the
    /// default policy, which would otherwise re-allow caching.
    /// </summary>
    public sealed class PrivateAnswers : IOutputCachePolicy
    {
        public static bool IsPrivate(HttpContext context) =>
            context.User.Identity?.IsAuthenticated == true
            || context.Request.Headers.Cookie.Any(c => c?.Contains(Features.Account.AccountServices.CookieName, StringComparison.Ordinal) == true)
            || Features.Account.AccountServices.IsPrivateArea(context.Request.Path);

        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            if (IsPrivate(context.HttpContext))
            {
                context.AllowCacheLookup = false;
                context.AllowCacheStorage = false;
            }
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            if (IsPrivate(context.HttpContext) || context.HttpContext.Response.Headers.SetCookie.Count > 0) context.AllowCacheStorage = false;
            return ValueTask.CompletedTask;
        }
    }
}
