using System.Net;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Hosting;

/// <summary>
/// Several apps starting at once in one process, as the test run does on a loaded machine. Each host once reconfigured and
/// froze the one static bootstrap logger: two hosts starting together could both take the same one, and the second
/// freeze threw inside Build ("The entry point exited without ever building an IHost").
/// </summary>
public sealed class ParallelHostsTests
{
    [Fact]
    public async Task Apps_started_together_all_start_and_answer()
    {
        var apps = Enumerable.Range(0, 6).Select(_ => new LlmWatchFactory()).ToList();
        try
        {
            using var go = new ManualResetEventSlim();
            var starts = apps.Select(app => Task.Factory.StartNew(() =>
            {
                go.Wait();
                return app.CreateClient("en");
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();
            go.Set();
            var clients = await Eventually.WithinAsync("six apps start", Task.WhenAll(starts));

            foreach (var client in clients)
            {
                using var health = await client.GetAsync("/healthz");
                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
                client.Dispose();
            }
        }
        finally
        {
            foreach (var app in apps) await app.DisposeAsync();
        }
    }
}
