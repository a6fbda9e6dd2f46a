using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using LlmWatch.Tests.Infrastructure;
using LlmWatch.Web.Hosting;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LlmWatch.Tests.Hosting;

/// <summary>The circuit hub with a raw WebSocket client, as a script would drive it: origin, caps, idle and never-started connections.</summary>
public sealed class HubLimitsTests
{
    private sealed class HubFactory(Dictionary<string, string> settings) : LlmWatchFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }

    private static async Task<WebSocket> ConnectAsync(LlmWatchFactory app, string? origin = "http://localhost")
    {
        var client = app.Server.CreateWebSocketClient();
        if (origin is not null) client.ConfigureRequest = r => r.Headers.Origin = origin;
        var socket = await client.ConnectAsync(new Uri("ws://localhost/_blazor"), CancellationToken.None);
        // The SignalR handshake (always JSON text, whatever the protocol); the answer is "{}" and the record separator.
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"blazorpack\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[256];
        var answer = await socket.ReceiveAsync(buffer, CancellationToken.None);
        Assert.StartsWith("{}", Encoding.UTF8.GetString(buffer, 0, answer.Count));
        return socket;
    }

    /// <summary>Reads until the server closes the socket; the time it took.</summary>
    private static async Task<TimeSpan> ClosedAfterAsync(WebSocket socket, TimeSpan deadline)
    {
        var started = DateTime.UtcNow;
        using var cancel = new CancellationTokenSource(deadline);
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, cancel.Token);
                if (received.MessageType == WebSocketMessageType.Close) break;
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException) { }
        return DateTime.UtcNow - started;
    }

    [Fact]
    public async Task A_websocket_from_another_origin_is_refused_with_403()
    {
        await using var app = new HubFactory([]);
        var evil = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(app, "http://evil.example"));
        Assert.Contains("403", evil.Message);

        using var own = await ConnectAsync(app);
        Assert.Equal(WebSocketState.Open, own.State);
    }

    [Fact]
    public async Task A_client_holds_at_most_its_cap_of_hub_connections()
    {
        await using var app = new HubFactory(new() { ["Circuits:Hub:MaxPerClient"] = "2", ["Circuits:Hub:StartCircuitWithinSeconds"] = "60" });
        using var first = await ConnectAsync(app);
        using var second = await ConnectAsync(app);

        var third = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(app));
        Assert.Contains("429", third.Message);

        await first.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        await Eventually.HoldsAsync("a connection is accepted again once one closed", async () =>
        {
            try { (await ConnectAsync(app)).Dispose(); return (true, "accepted"); }
            catch (Exception e) { return (false, e.Message); }
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_connection_that_starts_no_circuit_is_closed()
    {
        await using var app = new HubFactory(new() { ["Circuits:Hub:StartCircuitWithinSeconds"] = "1", ["Circuits:Hub:ClientTimeoutSeconds"] = "60" });
        using var socket = await ConnectAsync(app);

        var after = await ClosedAfterAsync(socket, TimeSpan.FromSeconds(20));
        Assert.True(after < TimeSpan.FromSeconds(10), $"still open after {after.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task A_connection_that_only_pings_and_starts_no_circuit_is_closed_too()
    {
        await using var app = new HubFactory(new() { ["Circuits:Hub:StartCircuitWithinSeconds"] = "1", ["Circuits:Hub:ClientTimeoutSeconds"] = "60" });
        using var socket = await ConnectAsync(app);
        using var stop = new CancellationTokenSource();
        // A MessagePack ping (length 2, then [6]) every 200 ms: alive, but never a circuit.
        var pinging = Task.Run(async () =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    await socket.SendAsync(new byte[] { 0x02, 0x91, 0x06 }, WebSocketMessageType.Binary, true, stop.Token);
                    await Task.Delay(200, stop.Token);
                }
            }
            catch (Exception) { }
        });

        var after = await ClosedAfterAsync(socket, TimeSpan.FromSeconds(20));
        await stop.CancelAsync();
        await pinging;
        Assert.True(after < TimeSpan.FromSeconds(10), $"still open after {after.TotalSeconds:0.0} s");
    }

    /// <summary>A MessagePack string.</summary>
    private static void Str(List<byte> o, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length < 32) o.Add((byte)(0xa0 | bytes.Length));
        else if (bytes.Length < 256) o.AddRange([0xd9, (byte)bytes.Length]);
        else if (bytes.Length < 65536) o.AddRange([0xda, (byte)(bytes.Length >> 8), (byte)bytes.Length]);
        else o.AddRange([0xdb, (byte)(bytes.Length >> 24), (byte)(bytes.Length >> 16), (byte)(bytes.Length >> 8), (byte)bytes.Length]);
        o.AddRange(bytes);
    }

    /// <summary>A blazorpack (MessagePack) invocation of <paramref name="target"/> with string arguments, framed by its varint length.</summary>
    private static byte[] Invocation(string id, string target, params string?[] args)
    {
        var body = new List<byte> { 0x96, 0x01, 0x80 };
        Str(body, id);
        Str(body, target);
        body.Add((byte)(0x90 | args.Length));
        foreach (var a in args) { if (a is null) body.Add(0xc0); else Str(body, a); }
        body.Add(0x90); // no stream ids
        var framed = new List<byte>();
        for (var length = body.Count; ; length >>= 7)
        {
            if (length < 0x80) { framed.Add((byte)length); break; }
            framed.Add((byte)(length & 0x7f | 0x80));
        }
        framed.AddRange(body);
        return [.. framed];
    }

    /// <summary>Starts a circuit for a prerendered page as blazor.web.js does: its components' markers, then StartCircuit. The circuit's secret, or null and what was seen.</summary>
    private static Task<(string? Secret, string Seen)> StartCircuitAsync(WebSocket socket, string path, string html)
    {
        var markers = System.Text.RegularExpressions.Regex.Matches(html, "<!--Blazor:(\\{\"type\":\"server\".*?\\})-->").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(markers);
        return InvokeAsync(socket, Invocation("1", "StartCircuit", "http://localhost/", "http://localhost" + path, "[" + string.Join(",", markers) + "]", ""));
    }

    internal static Task<(string? Secret, string Seen)> StartCircuitForTestsAsync(WebSocket socket, string path, string html) => StartCircuitAsync(socket, path, html);

    /// <summary>
    /// Resumes a circuit from the state the server persisted when it evicted it, as blazor.web.js's resumeCircuit does when the
    /// browser holds no state: no root components, no application state. The new circuit's secret, or null and what was seen.
    /// </summary>
    private static Task<(string? Secret, string Seen)> ResumeCircuitAsync(WebSocket socket, string secret, string path) =>
        InvokeAsync(socket, Invocation("1", "ResumeCircuit", secret, "http://localhost/", "http://localhost" + path, "[]", ""));

    /// <summary>Sends invocation "1" and reads until its completion: the string it returned, or null and what was seen.</summary>
    private static async Task<(string? Result, string Seen)> InvokeAsync(WebSocket socket, byte[] invocation)
    {
        await socket.SendAsync(invocation, WebSocketMessageType.Binary, true, CancellationToken.None);
        // Read messages until the completion of invocation "1": [3, {}, "1", 3 (a result), "<string>" or nil].
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var buffer = new byte[1 << 16];
        var seen = new StringBuilder();
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, deadline.Token);
                if (received.MessageType == WebSocketMessageType.Close) return (null, "closed " + seen);
                seen.Append(Convert.ToHexString(buffer, 0, Math.Min(received.Count, 120))).Append(' ');
                for (var i = 0; i + 6 < received.Count; i++)
                    if (buffer[i] is 0x95 or 0x94 && buffer[i + 1] == 0x03 && buffer[i + 2] == 0x80 && buffer[i + 3] == 0xa1 && buffer[i + 4] == (byte)'1')
                        return buffer[i] == 0x95 && buffer[i + 5] == 0x03 && ReadString(buffer, i + 6) is { } result
                            ? (result, seen.ToString())
                            : (null, Convert.ToHexString(buffer, i, Math.Min(200, received.Count - i)));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
            return (null, e.GetType().Name + ": " + seen);
        }
    }

    /// <summary>A MessagePack string at <paramref name="at"/>, or null (nil or another type).</summary>
    private static string? ReadString(byte[] b, int at)
    {
        var (length, from) = b[at] switch
        {
            >= 0xa0 and <= 0xbf => (b[at] & 0x1f, at + 1),
            0xd9 => (b[at + 1], at + 2),
            0xda => (b[at + 1] << 8 | b[at + 2], at + 3),
            _ => (-1, 0),
        };
        return length < 0 || from + length > b.Length ? null : Encoding.UTF8.GetString(b, from, length);
    }

    // SignalR arms its client timeout only at the client's first ping; a raw client that never pings was never closed (25 s observed
    // with a 3 s timeout). CircuitLimits arms it at the handshake; without that, this test fails.
    [Fact]
    public async Task A_connection_that_started_a_circuit_and_then_goes_silent_is_closed_after_the_client_timeout()
    {
        await using var app = new HubFactory(new() { ["Circuits:Hub:ClientTimeoutSeconds"] = "3", ["Circuits:Hub:StartCircuitWithinSeconds"] = "60" });
        var html = await app.CreateClient("en").GetStringAsync("/models");
        using var socket = await ConnectAsync(app);
        var (secret, seen) = await StartCircuitAsync(socket, "/models", html);
        Assert.True(secret is not null, "no circuit started: " + seen);

        // Now nothing at all: no pings, no acknowledgements. The start deadline (60 s here) no longer applies, a circuit started;
        // the client timeout (3 s here, 30 s by default) closes the connection.
        var after = await ClosedAfterAsync(socket, TimeSpan.FromSeconds(25));
        Assert.True(after < TimeSpan.FromSeconds(12), $"still open after {after.TotalSeconds:0.0} s");
        Assert.True(after > TimeSpan.FromSeconds(1.5), $"closed after {after.TotalSeconds:0.0} s: before the client timeout, so not by it");
    }

    [Fact]
    public async Task A_dropped_circuit_can_be_resumed_within_its_retention_window_and_is_refused_after_it()
    {
        // 2 s kept disconnected, then its state 2 s in memory for resuming (Circuits:DisconnectedRetentionSeconds sets both).
        await using var app = new HubFactory(new()
        {
            ["Circuits:DisconnectedRetentionSeconds"] = "2", ["Circuits:Hub:StartCircuitWithinSeconds"] = "60", ["Circuits:Hub:MaxPerClient"] = "100",
        });
        var html = await app.CreateClient("en").GetStringAsync("/models");
        var secrets = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var socket = await ConnectAsync(app);
            var (secret, seen) = await StartCircuitAsync(socket, "/models", html);
            Assert.True(secret is not null, "no circuit started: " + seen);
            secrets.Add(secret!);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        var dropped = DateTime.UtcNow;

        // Within the window: once the disconnected circuit is evicted (2 s) its state is persisted, and a resume takes it.
        string? resumed = null;
        var attempts = new StringBuilder();
        while (resumed is null && DateTime.UtcNow - dropped < TimeSpan.FromSeconds(4))
        {
            using var socket = await ConnectAsync(app);
            (resumed, var seen) = await ResumeCircuitAsync(socket, secrets[0], "/models");
            if (resumed is null) { attempts.Append($"{(DateTime.UtcNow - dropped).TotalSeconds:0.0} s: {seen[..Math.Min(80, seen.Length)]}; "); await Task.Delay(200); }
        }
        Assert.True(resumed is not null, "never resumed within the window: " + attempts);

        // After both windows (2 s + 2 s, and a margin): the state is gone and the resume is refused.
        var wait = TimeSpan.FromSeconds(8) - (DateTime.UtcNow - dropped);
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        using var late = await ConnectAsync(app);
        var (refused, _) = await ResumeCircuitAsync(late, secrets[1], "/models");
        Assert.True(refused is null, $"resumed {(DateTime.UtcNow - dropped).TotalSeconds:0} s after the drop, past the 4 s window");
    }

    [Fact]
    public async Task A_circuit_past_its_burst_and_queue_of_inbound_events_is_closed()
    {
        var settings = Options.Create(new HubLimitSettings { EventBurst = 5, EventsPerSecond = 1, EventQueue = 2 });
        using var limit = new CircuitLimits.InboundEventLimit(settings, NullLogger<CircuitLimits.InboundEventLimit>.Instance);
        var handled = 0;
        var handler = limit.CreateInboundActivityHandler(_ => { Interlocked.Increment(ref handled); return Task.CompletedTask; });
        var context = (CircuitInboundActivityContext)RuntimeHelpers.GetUninitializedObject(typeof(CircuitInboundActivityContext));

        for (var i = 0; i < 5; i++) await handler(context);
        Assert.Equal(5, handled);
        // Past the burst, two wait their turn; the next is refused, which closes the circuit.
        var waiting = new[] { handler(context), handler(context) };
        await Assert.ThrowsAsync<InvalidOperationException>(() => handler(context));
        await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(7, handled);
    }
}
