using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LlmWatch.Data;
using LlmWatch.Web.Components.Shared;
using LlmWatch.Web.Localization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace LlmWatch.Web.Hosting;

/// <summary>
/// The validator every shared answer carries: a weak ETag from this process's data version and what the answer varies by.
/// The process's own random part makes a restart (which may have brought other data or another build) change every ETag.
/// </summary>
public sealed class DataVersionTags(DataChanges changes)
{
    private readonly string _process = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    /// <summary>The version part alone: changes with every import and every restart.</summary>
    public string Version => $"{_process}-{changes.Version}";

    /// <summary>The ETag of an answer to <paramref name="request"/> as it stands, varying by the given extra values (culture, theme).</summary>
    public string For(HttpRequest request, params string?[] varyBy)
    {
        var text = string.Join('\n', [request.Path.Value, request.QueryString.Value, .. varyBy]);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));
        return $"W/\"{Version}-{hash}\"";
    }
}

/// <summary>
/// Caching of anonymous page answers, here and in any cache in front: kept for <see cref="OutputCacheSettings.PageSeconds"/>
/// keyed by path, the parameters the page reads (all, unless it declares them: <see cref="ReadsQueryAttribute"/>), culture and theme, dropped when the data change (<see cref="ResponseCaching.DataTag"/>).
/// Only a page that holds nothing tied to one request is kept: see <see cref="RequestBoundMarkers"/>.
/// </summary>
public sealed class PageCachePolicy(IOptions<OutputCacheSettings> settings) : IOutputCachePolicy
{
    /// <summary>
    /// Text that makes a page unfit to hand to anyone else. A prerendered interactive component's marker carries a descriptor
    /// that is meant for one browser, once, within minutes (Blazor refuses it 5 minutes after the render, and replays are what
    /// that limit is for), next to state persisted for that one circuit; an antiforgery token belongs to one browser's cookie;
    /// the "data unavailable" notice is a passing fault, not the page.
    /// </summary>
    public static readonly string[] RequestBoundMarkers =
        ["\"type\":\"server\"", "\"type\":\"auto\"", "\"type\":\"webassembly\"", "__RequestVerificationToken", "data-testid=\"data-unavailable\""];

    /// <summary>What a shared cache (a CDN, a proxy) may do with a page kept here: hold it a minute, then ask again.</summary>
    public static string SharedCacheControl(int seconds) => $"public, max-age=0, s-maxage={seconds}, must-revalidate";

    /// <summary>A page rendered anew may be tied to its request; a cache may keep it but must ask first (and gets 304 only once it is kept here).</summary>
    public const string UnverifiedCacheControl = "no-cache";

    public const string PrivateCacheControl = "private, no-store";

    private const string EnhancedNavHeader = "blazor-enhanced-nav";

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        if (!IsPageRequest(http)) return ValueTask.CompletedTask;
        if (ResponseCaching.PrivateAnswers.IsPrivate(http))
        {
            http.Response.Headers.CacheControl = PrivateCacheControl;
            return ValueTask.CompletedTask;
        }

        context.EnableOutputCaching = true;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(settings.Value.PageSeconds);
        context.Tags.Add(ResponseCaching.DataTag);
        VaryByReadParameters(context, http);
        var (culture, theme) = VaryBy(http);
        context.CacheVaryByRules.VaryByValues["culture"] = culture;
        context.CacheVaryByRules.VaryByValues["theme"] = theme;
        // A page that streams under enhanced navigation answers the same URL in two shapes (streamed updates or whole): keep both apart.
        var shape = StreamWhenScriptedAttribute.IsEnhancedNavigation(http) ? "enhanced" : "whole";
        context.CacheVaryByRules.VaryByValues["shape"] = shape;

        // Set before the render so that the entry keeps them (it copies the headers when the body starts); withdrawn below from an
        // answer that is not a plain success.
        var response = http.Response;
        response.Headers.ETag = http.RequestServices.GetRequiredService<DataVersionTags>().For(http.Request, culture, theme, shape);
        response.Headers.CacheControl = UnverifiedCacheControl;
        response.Headers.Append(HeaderNames.Vary, "Accept, Accept-Language, Cookie");
        response.OnStarting(() => WithdrawValidatorsUnlessSuccess(response));
        http.Features.Set(new MarkerScanner(http.Response.Body));
        http.Response.Body = http.Features.Get<MarkerScanner>()!;
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// A page that declares what it reads (<see cref="ReadsQueryAttribute"/>) varies by those parameters only: a parameter it ignores
    /// is answered from the page's entry and never makes one (its render would echo that parameter in the language and theme
    /// forms' return address, which is not for every reader). A parameter that differs from a read one only in case is never
    /// answered from the cache: the key folds case, the page does not always (a lone CAMP is no camp to it).
    /// Other pages vary by every parameter: an ignored one then costs an entry, never a wrong answer.
    /// </summary>
    private static void VaryByReadParameters(OutputCacheContext context, HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type is not { } page || ReadsQueryAttribute.Of(page) is not { } reads)
        {
            context.CacheVaryByRules.QueryKeys = "*";
            return;
        }
        context.CacheVaryByRules.QueryKeys = new Microsoft.Extensions.Primitives.StringValues([.. reads]);
        foreach (var key in http.Request.Query.Keys)
        {
            if (reads.Contains(key, StringComparer.Ordinal)) continue;
            context.AllowCacheStorage = false;
            context.AllowLocking = false;
            if (reads.Contains(key, StringComparer.OrdinalIgnoreCase)) context.AllowCacheLookup = false;
        }
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        // Only pages free of request-bound parts were stored, so what is served from here may be shared for a while.
        var response = context.HttpContext.Response;
        var seconds = settings.Value.SharedSeconds;
        response.OnStarting(() =>
        {
            response.Headers.CacheControl = SharedCacheControl(seconds);
            // The output cache hands the stored "blazor-enhanced-nav: allow" back as "Allow" (seen with .NET 10.0.12; its entry
            // serializer seems to fold values onto common header strings). blazor.web.js compares with "allow" exactly, so an enhanced
            // navigation answered from here fell back to a full page load ("Enhanced navigation failed for destination …").
            if (response.Headers.TryGetValue(EnhancedNavHeader, out var nav) && string.Equals(nav, "allow", StringComparison.OrdinalIgnoreCase))
                response.Headers[EnhancedNavHeader] = "allow";
            return Task.CompletedTask;
        });
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        if (!IsPageRequest(http) || !context.AllowCacheStorage) return ValueTask.CompletedTask;
        context.AllowCacheStorage = IsStorable(http.Response, http.Features.Get<MarkerScanner>(), http.RequestAborted.IsCancellationRequested);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Whether a rendered page may be kept for others: a complete 200 HTML answer that sets no cookie and holds no
    /// <see cref="RequestBoundMarkers">request-bound part</see>. A streamed render is kept whole (the cache holds every chunk
    /// and serves them at once), but not one cut short by a timeout or a client that left.
    /// </summary>
    public static bool IsStorable(HttpResponse response, MarkerScanner? body, bool aborted) =>
        !aborted
        && response.StatusCode == StatusCodes.Status200OK
        && response.Headers.SetCookie.Count == 0
        && response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true
        && body is { Found: false };

    /// <summary>An error, a redirect or an answer that sets a cookie is never to be reused by anyone: no validator, no storing.</summary>
    public static Task WithdrawValidatorsUnlessSuccess(HttpResponse response)
    {
        if (response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status304NotModified && response.Headers.SetCookie.Count == 0)
            return Task.CompletedTask;
        response.Headers.Remove(HeaderNames.ETag);
        if (response.Headers.SetCookie.Count > 0 || response.StatusCode != StatusCodes.Status304NotModified) response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }

    private static bool IsPageRequest(HttpContext http) =>
        (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        && http.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;

    /// <summary>The culture the request resolved to (cookie, then browser languages) and the theme cookie: what a page's text and colours vary by.</summary>
    public static (string Culture, string Theme) VaryBy(HttpContext http) =>
        (CultureInfo.CurrentUICulture.Name, http.Request.Cookies[CultureEndpoints.ThemeCookie] == "dark" ? "dark" : "light");
}

/// <summary>
/// Passes a page through unchanged and notes whether any of <see cref="PageCachePolicy.RequestBoundMarkers"/> went by,
/// across chunk boundaries: the cache decides after the render, when the whole page has been seen.
/// </summary>
public sealed class MarkerScanner(Stream inner) : Stream
{
    private static readonly byte[][] Markers = [.. PageCachePolicy.RequestBoundMarkers.Select(Encoding.UTF8.GetBytes)];
    private static readonly int Overlap = Markers.Max(m => m.Length) - 1;
    private readonly byte[] _tail = new byte[Overlap * 2];
    private int _tailLength;

    public bool Found { get; private set; }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Scan(buffer);
        inner.Write(buffer);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Scan(buffer.Span);
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Scan(ReadOnlySpan<byte> chunk)
    {
        if (Found || chunk.IsEmpty) return;
        // A marker split between two writes: look at the end of the previous write joined to the start of this one.
        var head = chunk[..Math.Min(chunk.Length, Overlap)];
        Span<byte> seam = stackalloc byte[_tailLength + head.Length];
        _tail.AsSpan(0, _tailLength).CopyTo(seam);
        head.CopyTo(seam[_tailLength..]);
        foreach (var marker in Markers)
            if (seam.IndexOf(marker) >= 0 || chunk.IndexOf(marker) >= 0)
            {
                Found = true;
                return;
            }
        var keep = chunk.Length >= Overlap ? chunk[^Overlap..] : seam[Math.Max(0, seam.Length - Overlap)..];
        keep.CopyTo(_tail);
        _tailLength = keep.Length;
    }

    public override void Flush() => inner.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}

/// <summary>
/// The API's shared-cache headers: an ETag from the data version and the query, a Cache-Control that lets a cache in front hold
/// an answer for a minute, and 304 for a matching If-None-Match before any query runs (an answer depends only on both).
/// </summary>
public sealed class ApiValidatorsPolicy(IOptions<OutputCacheSettings> settings) : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)) return ValueTask.CompletedTask;
        if (ResponseCaching.PrivateAnswers.IsPrivate(http))
        {
            http.Response.Headers.CacheControl = PageCachePolicy.PrivateCacheControl;
            return ValueTask.CompletedTask;
        }

        var etag = http.RequestServices.GetRequiredService<DataVersionTags>().For(http.Request);
        if (Matches(http.Request, etag))
        {
            // Nothing to compute: the client's copy is this version's answer. (The output cache would only answer 304 from an entry.)
            context.AllowCacheLookup = false;
            context.AllowCacheStorage = false;
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            http.Response.Headers.ETag = etag;
            http.Response.Headers.CacheControl = PageCachePolicy.SharedCacheControl(settings.Value.SharedSeconds);
            http.Features.Set(new NotModifiedFeature());
            return ValueTask.CompletedTask;
        }

        // Before the endpoint, so that a cached entry keeps them; an error or a rate-limit answer loses them as it starts.
        var response = http.Response;
        response.Headers.ETag = etag;
        response.Headers.CacheControl = PageCachePolicy.SharedCacheControl(settings.Value.SharedSeconds);
        response.OnStarting(() => PageCachePolicy.WithdrawValidatorsUnlessSuccess(response));
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public static bool Matches(HttpRequest request, string etag) =>
        EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags)
        && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(EntityTagHeaderValue.Parse(etag), useStrongComparison: false));

    /// <summary>Marks a request the policy already answered with 304: the endpoint is not run.</summary>
    public sealed class NotModifiedFeature;

    /// <summary>Ends a request the policy answered with 304 before the endpoint runs (must sit right after the output cache).</summary>
    public static Task ShortCircuitAsync(HttpContext context, RequestDelegate next) =>
        context.Features.Get<NotModifiedFeature>() is null ? next(context) : Task.CompletedTask;
}
