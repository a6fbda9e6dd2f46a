using System.Data.Common;
using System.Diagnostics;
using LlmWatch.Data;
using LlmWatch.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace LlmWatch.Tests.Hosting;

/// <summary>
/// Work stops when nobody waits: a page or API request whose client goes away (or whose time limit passes) cancels its queries.
/// Each SQL command here is made costly on purpose — 150 ms of busy CPU, which honours the command's token the way a real
/// costly query's reader does between rows — so that a request that kept working after its client left would show in the
/// commands it still ran and in the process's CPU time.
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

        /// <summary>The busy time of queries that falls after <paramref name="after"/> (a Stopwatch timestamp).</summary>
        public TimeSpan BusyAfter(long after)
        {
            lock (_busy)
                return TimeSpan.FromSeconds(_busy.Where(b => b.End > after).Sum(b => (double)(b.End - Math.Max(b.Start, after))) / Stopwatch.Frequency);
        }

        private async ValueTask CostAsync(CancellationToken cancellationToken)
        {
            if (!Armed) return;
            Interlocked.Increment(ref Started);
            var start = Stopwatch.GetTimestamp();
            Interlocked.Exchange(ref LastStartTicks, start);
            var until = start + Stopwatch.Frequency * 150 / 1000;
            try
            {
                while (Stopwatch.GetTimestamp() < until)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        Interlocked.Increment(ref Cancelled);
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                    Thread.SpinWait(1000);
                }
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
            await CostAsync(cancellationToken);
            return result;
        }

        public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            await CostAsync(cancellationToken);
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
            // Waited for, the request runs all its queries, 150 ms each.
            using (var whole = await client.GetAsync(url)) Assert.True(whole.IsSuccessStatusCode, $"{url}: {whole.StatusCode}");
            var all = _costly.Started;
            Interlocked.Exchange(ref _costly.Started, 0);
            await _app.Services.GetRequiredService<DataChanges>().NotifyAsync(); // the API's answer is not served from the cache
            Assert.True(all >= 2, $"{url} ran {all} queries");

            // Leave while the request is surely running: once its first query has started (a fixed delay could fire before a
            // loaded machine even began it). An answer from the cache runs no query (the first answer can reach the cache just
            // after the eviction above): evict again and ask again.
            for (var attempt = 1; ; attempt++)
            {
                using var abandon = new CancellationTokenSource();
                var request = client.GetAsync(url, abandon.Token);
                var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 10;
                while (Volatile.Read(ref _costly.Started) == 0 && !request.IsCompleted && Stopwatch.GetTimestamp() < deadline) await Task.Delay(5);
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
            var abandoned = Stopwatch.GetTimestamp();

            await Task.Delay(100);
            var startedAfter100Ms = _costly.Started;
            await Task.Delay(700);
            var limit = abandoned + Stopwatch.Frequency / 10;

            Assert.True(_costly.Started < all || _costly.Cancelled > 0, $"the abandoned request still ran all {all} queries to their end");
            Assert.Equal(startedAfter100Ms, _costly.Started);
            Assert.True(Stopwatch.GetElapsedTime(abandoned, _costly.LastStartTicks) < TimeSpan.FromMilliseconds(100),
                "a query started more than 100 ms after the client left");
            // A request that kept going would spend 150 ms of CPU per remaining query after the client left.
            Assert.Equal(TimeSpan.Zero, _costly.BusyAfter(limit));
        }
        finally
        {
            _costly.Armed = false;
        }
    }
}
