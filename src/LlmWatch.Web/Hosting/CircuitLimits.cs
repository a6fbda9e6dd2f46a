using System.Collections.Concurrent;
using System.Reflection;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LlmWatch.Web.Hosting;

/// <summary>
/// Circuits and the hub bounded (README, "Doors"). Connections per client and in all are capped by the rate limiter
/// (<see cref="RequestLimits"/>); here: a connection that does not start a circuit soon after its handshake, or from which nothing
/// arrives (not even a ping) for the client timeout, is closed (that timeout armed at the handshake, not at the client's first ping);
/// each circuit's inbound events (clicks, navigations, input, render acknowledgements)
/// pass a token bucket, so a script driving one circuit cannot make it render without pause; persisted circuit state is kept
/// only as long and as much as configured; and the hub accepts only the site's own origins (<see cref="OriginCheck"/>).
/// </summary>
public static class CircuitLimits
{
    public static WebApplicationBuilder AddLlmWatchCircuitLimits(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<HubOptions>().Configure<IOptions<HubLimitSettings>>((o, settings) =>
        {
            o.ClientTimeoutInterval = TimeSpan.FromSeconds(settings.Value.ClientTimeoutSeconds);
            o.HandshakeTimeout = TimeSpan.FromSeconds(Math.Min(15, settings.Value.StartCircuitWithinSeconds));
            o.AddFilter<CircuitStartDeadline>();
        });
        services.AddSingleton<CircuitStartDeadline>();
        services.AddOptions<CircuitOptions>().Configure<IOptions<CircuitSettings>>((o, settings) =>
        {
            // .NET 10 keeps the state of evicted circuits in memory so a tab can resume them: bounded like the disconnected ones.
            o.PersistedCircuitInMemoryMaxRetained = settings.Value.DisconnectedMaxRetained;
            o.PersistedCircuitInMemoryRetentionPeriod = TimeSpan.FromSeconds(settings.Value.DisconnectedRetentionSeconds);
        });
        services.AddScoped<CircuitHandler, InboundEventLimit>();
        return builder;
    }

    public static WebApplication UseLlmWatchOriginCheck(this WebApplication app)
    {
        app.UseMiddleware<OriginCheck>();
        return app;
    }

    /// <summary>
    /// Closes a hub connection that has not started, connected or resumed a circuit within the configured time: 1,000 such
    /// connections would otherwise sit in memory, each a socket and its buffers.
    /// </summary>
    public sealed class CircuitStartDeadline(IOptions<HubLimitSettings> settings, ILogger<CircuitStartDeadline> logger) : IHubFilter
    {
        private static readonly string[] StartMethods = ["StartCircuit", "ConnectCircuit", "ResumeCircuit"];
        private readonly ConcurrentDictionary<string, CancellationTokenSource> _waiting = new();

        // SignalR arms HubOptions.ClientTimeoutInterval only when the client sends its first ping (DefaultHubDispatcher, PingMessage →
        // HubConnectionContext.StartClientTimeout), so a raw client that never pings is never timed out, circuit or not. There is no
        // public way to arm it, so it is armed here through the internal method, for every connection from its handshake on: a browser
        // pings every 15 s, within the 30 s default. Found once; if a later framework moves these members, the hub tests fail.
        private static readonly MethodInfo? StartClientTimeout =
            typeof(HubConnectionContext).GetMethod("StartClientTimeout", BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes);
        private static readonly ConcurrentDictionary<Type, FieldInfo?> ConnectionFields = new();
        private static int _armingWarned;

        private void ArmClientTimeout(HubCallerContext caller)
        {
            var field = ConnectionFields.GetOrAdd(caller.GetType(), t =>
                t.GetFields(BindingFlags.Instance | BindingFlags.NonPublic).FirstOrDefault(f => f.FieldType == typeof(HubConnectionContext)));
            if (StartClientTimeout is null || field?.GetValue(caller) is not HubConnectionContext connection)
            {
                // Once per process, not once per connection: a log line per connection would itself be a flooding lever.
                if (Interlocked.Exchange(ref _armingWarned, 1) == 0)
                    logger.LogWarning("Could not arm the hub client timeout: SignalR's internals changed; silent connections are closed only by the circuit start deadline");
                return;
            }
            StartClientTimeout.Invoke(connection, null);
        }

        public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
        {
            await next(context);
            ArmClientTimeout(context.Context);
            var connection = context.Context;
            var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(settings.Value.StartCircuitWithinSeconds));
            _waiting[connection.ConnectionId] = deadline;
            deadline.Token.Register(() =>
            {
                if (!_waiting.TryRemove(connection.ConnectionId, out _)) return;
                logger.LogInformation("Closed a hub connection that started no circuit within {Seconds} s", settings.Value.StartCircuitWithinSeconds);
                connection.Abort();
            });
        }

        public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
        {
            if (StartMethods.Contains(invocationContext.HubMethodName, StringComparer.Ordinal)
                && _waiting.TryRemove(invocationContext.Context.ConnectionId, out var deadline))
                deadline.Dispose();
            return next(invocationContext);
        }

        public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
        {
            if (_waiting.TryRemove(context.Context.ConnectionId, out var deadline)) deadline.Dispose();
            return next(context, exception);
        }

        /// <summary>Connections still waiting to start a circuit (for tests and diagnostics).</summary>
        public int Waiting => _waiting.Count;
    }

    /// <summary>
    /// A token bucket per circuit over its inbound activity: a reader clicks a few times a second at most; past the burst, events
    /// wait their turn (the circuit handles them one at a time anyway); past the queue, the circuit is closed.
    /// </summary>
    public sealed class InboundEventLimit(IOptions<HubLimitSettings> settings, ILogger<InboundEventLimit> logger) : CircuitHandler, IDisposable
    {
        private readonly TokenBucketRateLimiter _bucket = new(new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.Value.EventBurst,
            TokensPerPeriod = settings.Value.EventsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = settings.Value.EventQueue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });

        public static long Refused;

        public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
            async context =>
            {
                using var lease = await _bucket.AcquireAsync(1);
                if (!lease.IsAcquired)
                {
                    Interlocked.Increment(ref Refused);
                    logger.LogWarning("Closed circuit {Circuit}: more inbound events than {Burst} at once and {PerSecond} a second", context?.Circuit?.Id,
                        settings.Value.EventBurst, settings.Value.EventsPerSecond);
                    throw new InvalidOperationException("The circuit sent more events than it may.");
                }
                await next(context);
            };

        public void Dispose() => _bucket.Dispose();
    }
}

/// <summary>
/// Cross-site WebSocket hijacking refused: a WebSocket upgrade or a POST to an origin-checked path (the circuit hub, the editor's
/// area) whose Origin is not the site's own is a 403. The site's own origin is the configured public origin, else the request's
/// own scheme and host (which host filtering has already checked), plus <see cref="HubLimitSettings.AllowedOrigins"/>. A request
/// with no Origin at all is not from a browser page (browsers always send one on WebSocket upgrades and cross-site POSTs).
/// </summary>
public sealed class OriginCheck(RequestDelegate next, IOptions<HubLimitSettings> hub, IOptions<SiteSettings> site, ILogger<OriginCheck> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path;
        if (!hub.Value.OriginCheckedPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))) return next(context);
        if (HttpMethods.IsGet(request.Method) && !IsWebSocketUpgrade(request) && !IsEventStream(request)) return next(context);
        if (HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)) return next(context);
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0 || IsAllowed(origin, request)) return next(context);
        logger.LogWarning("Refused a cross-origin request to {Path} from {Origin}", path.Value, origin.Length > 100 ? origin[..100] : origin);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    private static bool IsWebSocketUpgrade(HttpRequest request) =>
        request.HttpContext.WebSockets.IsWebSocketRequest
        || request.Headers.Upgrade.ToString().Contains("websocket", StringComparison.OrdinalIgnoreCase) || HttpMethods.IsConnect(request.Method);

    private static bool IsEventStream(HttpRequest request) => request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.Ordinal);

    private bool IsAllowed(string origin, HttpRequest request)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var asked)) return false;
        var own = site.Value.PublicOriginUri ?? new Uri($"{request.Scheme}://{request.Host}");
        return SameOrigin(asked, own) || hub.Value.AllowedOrigins.Any(a => Uri.TryCreate(a, UriKind.Absolute, out var u) && SameOrigin(asked, u));
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;
}
