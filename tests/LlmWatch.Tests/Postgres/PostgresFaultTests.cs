using System.Net;
using System.Text.Json;
using LlmWatch.Data;
using LlmWatch.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace LlmWatch.Tests.Postgres;

/// <summary>
/// The provider faults behave as SQLite's do: an unknown provider or a server that does not answer gives the unavailable
/// notice on pages and a 503 with the reason on /healthz, never a 500; the site recovers by itself when the server answers.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresFaultTests(PostgresServer server)
{
    private sealed class UnknownProviderFactory : LlmWatchFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(DataOptions.ProviderKey, "Oracle");
        }
    }

    [Fact]
    public async Task An_unknown_provider_serves_the_unavailable_notice_and_health_names_the_setting()
    {
        await using var app = new UnknownProviderFactory();

        var (status, reason) = await HealthAsync(app);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("Database:Provider is 'Oracle'", reason);
        Assert.Contains("Sqlite or PostgreSQL", reason);

        var (pageStatus, html) = await app.GetPageAsync("/");
        Assert.Equal(HttpStatusCode.OK, pageStatus);
        Assert.Contains("Data unavailable.", html);
        using var client = app.CreateClient("en");
        using var api = await client.GetAsync("/api/companies");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
    }

    [SkippableFact]
    public async Task A_server_down_at_start_gives_503_and_the_notice_then_the_site_recovers_when_it_answers_and_again_after_an_outage()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        var target = new NpgsqlConnectionStringBuilder(await server.CreateDatabaseAsync());
        await using var relay = new TcpRelay(target.Host!, target.Port);
        var connectionString = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Host = "127.0.0.1", Port = relay.Port, Timeout = 2 }.ToString();
        await using var app = new PostgresAppFactory(connectionString, new Dictionary<string, string?> { ["Data:WatchdogSeconds"] = "1" });

        // Down at start: the host starts anyway.
        var (status, reason) = await HealthAsync(app);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("The database cannot be read", reason);
        Assert.DoesNotContain("Username", reason);
        Assert.DoesNotContain("Password", reason);
        var (pageStatus, html) = await app.GetPageAsync("/");
        Assert.Equal(HttpStatusCode.OK, pageStatus);
        Assert.Contains("Data unavailable.", html);

        // The server answers: the watchdog migrates and seeds, and the site serves data without a restart.
        relay.Open();
        await Eventually.HoldsAsync("the site recovers once the server answers", async () =>
        {
            var (s, r) = await HealthAsync(app);
            return (s == HttpStatusCode.OK, $"{s} {r}");
        }, TimeSpan.FromSeconds(60));
        (_, html) = await app.GetPageAsync("/companies");
        Assert.DoesNotContain("Data unavailable.", html);

        // An outage while running: the notice and 503, never a 500; then all well again.
        relay.Close();
        using (var client = app.CreateClient("en"))
        {
            for (var i = 0; i < 5; i++)
            {
                using var page = await client.GetAsync("/people");
                Assert.NotEqual(HttpStatusCode.InternalServerError, page.StatusCode);
                using var api = await client.GetAsync($"/api/people?page={i + 1}");
                Assert.NotEqual(HttpStatusCode.InternalServerError, api.StatusCode);
            }
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await HealthAsync(app)).Status);
        relay.Open();
        await Eventually.HoldsAsync("the site is well again after the outage", async () =>
        {
            var (s, r) = await HealthAsync(app);
            return (s == HttpStatusCode.OK, $"{s} {r}");
        }, TimeSpan.FromSeconds(60));
    }

    private static async Task<(HttpStatusCode Status, string Reason)> HealthAsync(LlmWatchFactory app)
    {
        using var client = app.CreateClient("en");
        using var response = await client.GetAsync("/healthz");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body.RootElement.TryGetProperty("reason", out var r) ? r.ToString() : "");
    }
}
