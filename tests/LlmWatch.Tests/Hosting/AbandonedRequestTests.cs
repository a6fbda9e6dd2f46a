using System.Data.Common;
using System.Diagnostics;
using LlmWatch.Data;
using LlmWatch.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace LlmWatch.Tests.Hosting;

/// <summary>
/// Work stops when nobody waits: a page or API request whose client goes away (or whose time limit passes) cancels its queries,
/// and a statement already running in SQLite is interrupted (Data's CancellationInterrupt). Each SQL command here is made
/// costly on purpose by a real SQLite statement run on the command's own connection just before it — a recursive count that
/// keeps one core busy for about 400 ms inside a single step, as a sort or an aggregate over the 100k database does, and that
/// SQLite checks no token during — so that a request that kept working after its client left would show in the time its
/// statements still ran.
/// </summary>
public sealed class AbandonedRequestTests : IAsyncLifetime
{
    private sealed class CostlyQueries : DbCommandInterceptor
    {
        public int Started;
        public int Cancelled;
        public long LastStartTicks;
        private readonly List<(long Start, long End)> _busy = [];
        public volatile bool Armed;
        /// <summary>Rows the costly statement counts: calibrated to ~400 ms on this machine at the first use.</summary>
        private static long _rows;

        /// <summary>The busy time of queries that falls after <paramref name="after"/> (a Stopwatch timestamp).</summary>
        public TimeSpan BusyAfter(long after)
        {
            lock (_busy)
                return TimeSpan.FromSeconds(_busy.Where(b => b.End > after).Sum(b => (double)(b.End - Math.Max(b.Start, after))) / Stopwatch.Frequency);
        }

        private static void Count(DbConnection connection, long rows)
        {
            using var costly = connection.CreateCommand();
            costly.CommandText = $"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT {rows}) SELECT count(*) FROM c";
            costly.ExecuteScalar();
        }

        private async ValueTask CostAsync(DbCommand command, CancellationToken cancellationToken)
        {
            if (!Armed) return;
            if (_rows == 0)
            {
                var timer = Stopwatch.StartNew();
                Count(command.Connection!, 200_000);
                _rows = Math.Max(200_000, (long)(200_000 * 400 / Math.Max(1, timer.Elapsed.TotalMilliseconds)));
            }
            Interlocked.Increment(ref Started);
            var start = Stopwatch.GetTimestamp();
            Interlocked.Exchange(ref LastStartTicks, start);
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                Count(command.Connection!, _rows);
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 9 && cancellationToken.IsCancellationRequested)
            {
                // Interrupted, as the real statement would have been: its caller sees a cancellation.
                Interlocked.Increment(ref Cancelled);
                throw new OperationCanceledException(cancellationToken);
            }
            finally
            {
                lock (_busy) _busy.Add((start, Stopwatch.GetTimestamp()));
            }
            await Task.Yield();
        }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await CostAsync(command, cancellationToken);
            return result;
        }

        public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            await CostAsync(command, cancellationToken);
            return result;
        }
    }

    private sealed class CostlyFactory(CostlyQueries costly, string timeoutSeconds) : LlmWatchFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RequestTimeouts:PageSeconds", timeoutSeconds);
            builder.UseSetting("RequestTimeouts:ApiSeconds", timeoutSeconds);
            builder.ConfigureServices(s => s.ConfigureDbContext<LlmWatchDbContext>(o => o.AddInterceptors(costly)));
        }
    }

    private readonly CostlyQueries _costly = new();
    private CostlyFactory _app = null!;

    public async Task InitializeAsync()
    {
        _app = new CostlyFactory(_costly, "600");
        using var client = _app.CreateClient("en");
        await client.GetStringAsync("/funding");
        await client.GetStringAsync("/api/companies");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("/funding")]
    [InlineData("/companies?q=zq")]
    [InlineData("/companies.csv")]
    [InlineData("/api/funding-rounds?pageSize=1000")]
    public async Task An_abandoned_costly_request_stops_using_cpu_within_100_ms(string url)
    {
        using var client = _app.CreateClient("en");
        _costly.Armed = true;
        try
        {
            // Waited for, the request runs all its queries, 400 ms each.
            using (var whole = await client.GetAsync(url)) Assert.True(whole.IsSuccessStatusCode, $"{url}: {whole.StatusCode}");
            var all = _costly.Started;
            Interlocked.Exchange(ref _costly.Started, 0);
            await _app.Services.GetRequiredService<DataChanges>().NotifyAsync(); // the API's answer is not served from the cache
            Assert.True(all >= 2, $"{url} ran {all} queries");

            // Leave while the request is surely running: once its first query has started (a fixed delay could fire before a
            // loaded machine even began it). An answer from the cache runs no query (the first answer can reach the cache just
            // after the eviction above): evict again and ask again.
            long abandoned;
            for (var attempt = 1; ; attempt++)
            {
                using var abandon = new CancellationTokenSource();
                var request = client.GetAsync(url, abandon.Token);
                var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 10;
                while (Volatile.Read(ref _costly.Started) == 0 && !request.IsCompleted && Stopwatch.GetTimestamp() < deadline) await Task.Delay(5);
                // The moment the client left (awaiting the request could take longer: the test server may finish a step first).
                abandoned = Stopwatch.GetTimestamp();
                abandon.Cancel();
                try
                {
                    using var answered = await request;
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                Assert.True(attempt < 5, $"{url} was answered before its first query {attempt} times: it no longer runs its costly queries");
                Interlocked.Exchange(ref _costly.Started, 0);
                await _app.Services.GetRequiredService<DataChanges>().NotifyAsync();
            }
            await Task.Delay(Math.Max(0, 100 - (int)Stopwatch.GetElapsedTime(abandoned).TotalMilliseconds));
            var startedAfter100Ms = _costly.Started;
            await Task.Delay(900);
            var limit = abandoned + Stopwatch.Frequency / 10;

            Assert.True(_costly.Started < all || _costly.Cancelled > 0, $"the abandoned request still ran all {all} queries to their end");
            Assert.Equal(startedAfter100Ms, _costly.Started);
            Assert.True(Stopwatch.GetElapsedTime(abandoned, _costly.LastStartTicks) < TimeSpan.FromMilliseconds(100),
                "a query started more than 100 ms after the client left");
            // A request that kept going would spend up to 400 ms of CPU per remaining query after the client left, and a statement
            // not interrupted would run on for ~300 ms past the 100 ms (the client leaves within 5 ms of the first query's start). On a
            // quiet machine nothing runs past it (RELIABILITY.md); under CI's load the thread that interrupts may itself wait for a
            // core (70 ms was seen), so the bound allows 150 ms of that and still fails for a statement that is not interrupted.
            var busy = _costly.BusyAfter(limit);
            Assert.True(busy < TimeSpan.FromMilliseconds(150), $"{url}: its queries ran {busy.TotalMilliseconds:0} ms past 100 ms after the client left");
        }
        finally
        {
            _costly.Armed = false;
        }
    }
}
