using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace LlmWatch.Web.Hosting;

/// <summary>
/// How much work one client can make the server do (README, "Doors"), with ASP.NET Core's rate limiter, per client
/// (<see cref="ClientKey"/>): page renders by token bucket; the costly ones (/funding, searches, deep pages, the CSV) also by
/// concurrency with a short queue; hub connections by concurrency, per client and for the whole server. Static assets, /healthz
/// and the API's own policy (<see cref="HostingOptions.ApiRateLimit"/>) are outside these limiters. A refusal is a 429 with
/// Retry-After: a problem document for /api and the CSV, a short page in both languages for people.
/// </summary>
public static class RequestLimits
{
    public const string HubPath = "/_blazor";

    public static WebApplicationBuilder AddLlmWatchRequestLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<PageRateLimitSettings>();
        builder.Services.AddSettings<HubLimitSettings>();
        builder.Services.AddSingleton<ClientLimiters>();
        builder.Services.AddScoped<CostlyWorkGate>();
        builder.Services.AddOptions<RateLimiterOptions>().Configure<ClientLimiters, IOptions<PageRateLimitSettings>, IOptions<HubLimitSettings>>((o, clients, pages, hub) =>
        {
            o.GlobalLimiter = GlobalLimiter(clients, pages.Value, hub.Value);
        });
        // After HostingOptions' configuration: people get a page, the API keeps its problem document.
        builder.Services.PostConfigure<RateLimiterOptions>(o =>
        {
            var api = o.OnRejected;
            o.OnRejected = (rejected, ct) => IsMachineReadable(rejected.HttpContext.Request.Path) && api is not null
                ? api(rejected, ct)
                : new ValueTask(RefusePersonAsync(rejected));
        });
        return builder;
    }

    /// <summary>
    /// The client a request counts against: its IPv4 address (an IPv4-mapped IPv6 address is the IPv4 one), or the /64 its
    /// IPv6 address belongs to. Behind a trusted proxy the forwarded address (Hosting:ForwardedHeaders) has replaced the socket's.
    /// </summary>
    public static string ClientKey(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    public static string ClientKey(HttpContext context) => ClientKey(context.Connection.RemoteIpAddress);

    /// <summary>The API and the CSV answer machines: their refusals are problem documents.</summary>
    public static bool IsMachineReadable(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.Ordinal) || path.Value?.EndsWith(".csv", StringComparison.Ordinal) == true;

    private static bool IsPage(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;

    private static bool IsHubConnection(HttpContext context) =>
        context.Request.Path.Equals(HubPath, StringComparison.Ordinal);

    /// <summary>A request whose answer costs a second of CPU or so at scale: the funding page, a search, a deep page, the CSV.</summary>
    public static bool IsCostly(HttpContext context, PageRateLimitSettings settings)
    {
        var path = context.Request.Path;
        if (path.Value?.EndsWith(".csv", StringComparison.Ordinal) == true) return true;
        var query = context.Request.Query;
        return IsPage(context) && IsCostlyPage(path, name => query.TryGetValue(name, out var v) ? v.ToString() : null, settings);
    }

    /// <summary>
    /// The one definition of a costly page, for HTTP requests and interactive renders alike: /funding, a search (q=), a deep
    /// page (page at or past <see cref="PageRateLimitSettings.DeepPageFrom"/>, or a page number that is not one).
    /// </summary>
    public static bool IsCostlyPage(PathString path, Func<string, string?> query, PageRateLimitSettings settings)
    {
        if (path.StartsWithSegments("/funding", StringComparison.Ordinal)) return true;
        if (!string.IsNullOrWhiteSpace(query("q"))) return true;
        var page = query("page");
        return page is not null && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number >= settings.DeepPageFrom);
    }

    private static PartitionedRateLimiter<HttpContext> GlobalLimiter(ClientLimiters clients, PageRateLimitSettings pages, HubLimitSettings hub) =>
        PartitionedRateLimiter.CreateChained(
            // Every page render (GET or a form POST) spends a token; static assets, the API, the hub and /healthz do not.
            clients.Renders.WithTranslatedKey<HttpContext>(context => IsPage(context) ? ClientKey(context) : ClientLimiters.Free, leaveOpen: true),
            // The costly ones run one at a time per client; a couple wait, the rest are refused at once. The same limiter counts a
            // circuit's costly renders (CostlyWorkGate), so a client has one budget whether it asks by HTTP or inside a circuit.
            clients.Costly.WithTranslatedKey<HttpContext>(context => IsCostly(context, pages) ? ClientKey(context) : ClientLimiters.Free, leaveOpen: true),
            // A hub connection (WebSocket or server-sent events) holds its request open as long as it lives: counting requests
            // counts connections, and so circuits.
            PartitionedRateLimiter.Create<HttpContext, string>(context => IsHubConnection(context)
                ? RateLimitPartition.GetConcurrencyLimiter(ClientKey(context), _ => new ConcurrencyLimiterOptions { PermitLimit = hub.MaxPerClient, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("free")),
            PartitionedRateLimiter.Create<HttpContext, string>(context => IsHubConnection(context)
                ? RateLimitPartition.GetConcurrencyLimiter("all", _ => new ConcurrencyLimiterOptions { PermitLimit = hub.MaxTotal, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("free")));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> LastLogged = new();

    private static async Task RefusePersonAsync(OnRejectedContext rejected)
    {
        var http = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 5;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        var client = ClientKey(http);
        // One line per client a minute at most: a flood of refusals must not become a flood of log lines.
        var now = Environment.TickCount64;
        if (LastLogged.TryGetValue(client, out var last) && now - last < 60_000) { }
        else
        {
            LastLogged[client] = now;
            if (LastLogged.Count > 10_000) LastLogged.Clear();
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("LlmWatch.RateLimiting")
                .LogWarning("Request limit reached on {Path} by {Client} (further refusals of this client this minute are not logged)", http.Request.Path.Value, client);
        }
        if (IsHubConnection(http) || HttpMethods.IsHead(http.Request.Method)) return;
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(BusyPage(retryAfter), rejected.HttpContext.RequestAborted);
    }

    /// <summary>The page people see when they are over a limit: both languages, no script, a few lines of style (cheap to send).</summary>
    public static string BusyPage(int retryAfterSeconds) => $$"""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>请稍候 · Please wait — LlmWatch</title><link rel="icon" href="/favicon.svg">
        <style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.6;color:#1f2933}h1{font-size:1.4rem;margin-top:2rem}</style></head>
        <body class="lw-busy-page">
        <main>
        <h1>请稍候片刻</h1>
        <p>这台电脑在短时间内请求了太多页面,服务器暂时无法继续为其生成。请在 {{retryAfterSeconds}} 秒后刷新本页。</p>
        <h1 lang="en">Please wait a moment</h1>
        <p lang="en">This computer asked for more pages in a short time than the server makes for one reader. Reload this page in {{retryAfterSeconds}} seconds.</p>
        <p><a href="/">LlmWatch · 大模型观察</a></p>
        </main>
        </body>
        </html>
        """;
}

/// <summary>The per-client limiters of page renders and costly work, keyed by <see cref="RequestLimits.ClientKey(HttpContext)"/>.</summary>
public sealed class ClientLimiters : IDisposable
{
    /// <summary>The key of work no limiter counts.</summary>
    public const string Free = "";

    public ClientLimiters(IOptions<PageRateLimitSettings> settings)
    {
        var pages = settings.Value;
        Renders = PartitionedRateLimiter.Create<string, string>(client => client == Free
            ? RateLimitPartition.GetNoLimiter(Free)
            : RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = pages.BurstLimit, TokensPerPeriod = pages.PerSecond, ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0, AutoReplenishment = true,
            }));
        Costly = PartitionedRateLimiter.Create<string, string>(client => client == Free
            ? RateLimitPartition.GetNoLimiter(Free)
            : RateLimitPartition.GetConcurrencyLimiter(client, _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = pages.CostlyConcurrency, QueueLimit = pages.CostlyQueue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            }));
    }

    /// <summary>Page renders: a token bucket per client.</summary>
    public PartitionedRateLimiter<string> Renders { get; }

    /// <summary>Costly work running at once: a concurrency limit per client, with a short queue.</summary>
    public PartitionedRateLimiter<string> Costly { get; }

    public void Dispose()
    {
        Renders.Dispose();
        Costly.Dispose();
    }
}

/// <summary>
/// A circuit's costly renders under the client's limits (issue 13 item 3): a navigation inside a circuit renders a page with no
/// HTTP request, so the request limiter never saw it — 20 `/funding?page=N` navigations cost 17 s of CPU. A page that loads
/// data interactively (<see cref="Components.Shared.DataComponentBase"/>) asks here first when its address is costly
/// (<see cref="RequestLimits.IsCostlyPage"/>): it spends a page-render token and takes a place in the same costly limiter HTTP
/// requests use, for the circuit's client address. Refused, the page shows the "too many requests" notice instead of querying.
/// One per circuit (scoped).
/// </summary>
public sealed class CostlyWorkGate(ClientLimiters limiters, IOptions<PageRateLimitSettings> settings, IHttpContextAccessor accessor,
    Microsoft.AspNetCore.Components.NavigationManager navigation)
{
    private sealed class NoLease : RateLimitLease
    {
        public static readonly NoLease Instance = new();
        public override bool IsAcquired => true;
        public override IEnumerable<string> MetadataNames => [];
        public override bool TryGetMetadata(string metadataName, out object? metadata) { metadata = null; return false; }
    }

    // The circuit's hub request, whose address the connection limits counted, while the circuit starts.
    private string? _client;

    /// <summary>True when this circuit's last costly load was refused: <see cref="Components.Shared.DataState"/> then says so.</summary>
    public bool Refused { get; private set; }

    public static long RefusedCount;

    /// <summary>
    /// A lease to hold while the current address's data load runs (dispose it after), or null when the client is over its
    /// limits. Loads of addresses that are not costly pass at once.
    /// </summary>
    public async ValueTask<RateLimitLease?> EnterAsync(CancellationToken cancellationToken)
    {
        var uri = new Uri(navigation.Uri);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query);
        if (!RequestLimits.IsCostlyPage(uri.AbsolutePath, name => query.TryGetValue(name, out var v) ? v.ToString() : null, settings.Value))
        {
            Refused = false;
            return NoLease.Instance;
        }
        var client = _client ??= RequestLimits.ClientKey(accessor.HttpContext?.Connection.RemoteIpAddress);
        using (var render = limiters.Renders.AttemptAcquire(client))
            if (!render.IsAcquired) return Refuse();
        var lease = await limiters.Costly.AcquireAsync(client, 1, cancellationToken);
        if (lease.IsAcquired)
        {
            Refused = false;
            return lease;
        }
        lease.Dispose();
        return Refuse();
    }

    private RateLimitLease? Refuse()
    {
        Refused = true;
        Interlocked.Increment(ref RefusedCount);
        return null;
    }
}
