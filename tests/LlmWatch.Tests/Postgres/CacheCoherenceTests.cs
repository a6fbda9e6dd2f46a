using System.Diagnostics;
using System.Net;
using LlmWatch.Data;
using LlmWatch.Data.Curation;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Seed;
using LlmWatch.Tests.Curation;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace LlmWatch.Tests.Postgres;

/// <summary>
/// Several instances on one PostgreSQL database keep their caches coherent: a change on one drops the cached pages and API
/// answers of every other (LISTEN/NOTIFY, <see cref="DataChangeListener"/>) within 2 s, and an instance whose listening
/// connection was lost drops its caches once when it listens again, since it may have missed announcements meanwhile.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CacheCoherenceTests(PostgresServer server, ITestOutputHelper output)
{
    private static readonly TimeSpan Goal = TimeSpan.FromSeconds(2);
    private const string Api = "/api/companies?q=%E6%98%9F%E6%B2%B3";   // q=星河
    private const string Page = "/companies?q=%E6%98%9F%E6%B2%B3";

    [SkippableFact]
    public async Task An_approval_on_one_instance_changes_the_cached_page_api_answer_and_etags_of_another_within_2_s()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        var database = await server.CreateDatabaseAsync();
        await using var a = new PostgresAppFactory(database);
        _ = a.Server;
        await using var b = new PostgresAppFactory(database);
        _ = b.Server;
        await ListeningAsync(a, 1);
        await ListeningAsync(b, 1);

        // An editor on A brings a source and proposes a new company; neither is on the public pages yet.
        var bChanges = b.Services.GetRequiredService<DataChanges>();
        var bVersion = bChanges.Version;
        var curation = a.Services.GetRequiredService<CurationService>();
        var added = await a.Services.GetRequiredService<SourceIntake>().AddAsync(
            new NewSource("星河智能完成A轮融资", null, "测试日报", null, "https://example.com/xinghe", "2026-11-20", "zh", CurationFixture.Text), CurationFixture.Editor);
        var draft = new ProposalDraft(SubjectType.Organization, ProposalAction.Add, "", FactDocuments.Serialize(CurationFixture.NewOrganization()),
            added.Id!, CurationFixture.CampQuote, "The new article reports it.");
        var (proposal, check) = await curation.ProposeAsync(draft, CurationFixture.Editor);
        Assert.True(check.IsValid, string.Join("; ", check.Errors));

        // B heard of the new source (its announcement would otherwise land among the requests below and empty the cache).
        await Infrastructure.Eventually.HoldsAsync("B hears of the new source", () => Task.FromResult((bChanges.Version > bVersion, $"{bChanges.Version}")));

        // B holds the page and the API answer in its cache: the second request sends no SQL.
        using var client = b.CreateClient("en");
        var (apiBefore, apiTag) = await GetAsync(client, Api);
        var (pageBefore, pageTag) = await GetAsync(client, Page);
        Assert.DoesNotContain("xinghe-ai", apiBefore);
        Assert.DoesNotContain("/companies/xinghe-ai", pageBefore);
        // (The cache stores an entry once the answer has gone out, so the next request may still miss it: ask until one is served from it.)
        foreach (var url in new[] { Api, Page })
            await Infrastructure.Eventually.HoldsAsync($"B answers {url} from its cache", async () =>
            {
                b.Queries.Reset();
                await GetAsync(client, url);
                return (b.Queries.Commands.Count == 0, $"{b.Queries.Commands.Count} SQL commands");
            }, TimeSpan.FromSeconds(30));

        var clock = Stopwatch.StartNew();
        Assert.Equal(ReviewStatus.Applied, (await curation.ApproveAsync(proposal!.Id, CurationFixture.Reviewer, "Checked.")).Status);
        var approved = clock.Elapsed;
        TimeSpan? apiSeen = null, pageSeen = null;
        while (clock.Elapsed < Goal + TimeSpan.FromSeconds(10) && (apiSeen is null || pageSeen is null))
        {
            if (apiSeen is null && (await GetAsync(client, Api)).Body.Contains("xinghe-ai", StringComparison.Ordinal)) apiSeen = clock.Elapsed;
            if (pageSeen is null && (await GetAsync(client, Page)).Body.Contains("/companies/xinghe-ai", StringComparison.Ordinal)) pageSeen = clock.Elapsed;
            await Task.Delay(10);
        }
        output.WriteLine($"approval on A took {approved.TotalMilliseconds:0} ms; B's API answer changed {apiSeen?.TotalMilliseconds:0} ms and its page {pageSeen?.TotalMilliseconds:0} ms after the approval started");

        Assert.True(apiSeen < Goal, $"B's API answer changed after {apiSeen?.TotalMilliseconds:0} ms (goal 2000)");
        Assert.True(pageSeen < Goal, $"B's page changed after {pageSeen?.TotalMilliseconds:0} ms (goal 2000)");
        // The validators moved too: B answers the old ETag with the new data, never a 304.
        var (apiAfter, apiTagAfter) = await GetAsync(client, Api);
        var (_, pageTagAfter) = await GetAsync(client, Page);
        Assert.NotEqual(apiTag, apiTagAfter);
        Assert.NotEqual(pageTag, pageTagAfter);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, Api);
        conditional.Headers.TryAddWithoutValidation("If-None-Match", apiTag);
        using var revalidated = await client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.OK, revalidated.StatusCode);
        Assert.Equal(apiAfter, await revalidated.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task A_lost_listener_connection_is_opened_again_and_drops_the_caches_once_for_what_it_may_have_missed()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        var database = await server.CreateDatabaseAsync();
        await using var app = new PostgresAppFactory(database);
        _ = app.Server;
        await ListeningAsync(app, 1);
        var first = Assert.Single(await ListenersAsync(database, 1));
        var changes = app.Services.GetRequiredService<DataChanges>();
        using var client = app.CreateClient("en");
        const string url = "/api/companies/baichuan";
        var (before, _) = await GetAsync(client, url);
        Assert.DoesNotContain("Baichuan Renamed", before);

        // A change this instance never hears of (as one announced while its listener was away): the cache keeps the old answer.
        await ExecuteAsync(database, "UPDATE \"Organizations\" SET \"NameEn\" = 'Baichuan Renamed' WHERE \"Slug\" = 'baichuan'");
        Assert.Equal(before, (await GetAsync(client, url)).Body);
        var version = changes.Version;

        await ExecuteAsync(database, $"SELECT pg_terminate_backend({first})");
        var clock = Stopwatch.StartNew();
        await ListeningAsync(app, 2);
        Assert.NotEqual(first, Assert.Single(await ListenersAsync(database, 1)));
        await Infrastructure.Eventually.HoldsAsync("the renamed company after the listener came back", async () =>
        {
            var (body, _) = await GetAsync(client, url);
            return (body.Contains("Baichuan Renamed", StringComparison.Ordinal), body[..Math.Min(200, body.Length)]);
        }, TimeSpan.FromSeconds(30));
        output.WriteLine($"listening again and the cache dropped {clock.Elapsed.TotalMilliseconds:0} ms after the listener's backend was terminated");
        Assert.Equal(version + 1, changes.Version);

        // And it hears the others again: another instance's announcement drops the cache within the goal.
        await ExecuteAsync(database, "UPDATE \"Organizations\" SET \"NameEn\" = 'Baichuan Again' WHERE \"Slug\" = 'baichuan'");
        await GetAsync(client, url);
        clock.Restart();
        await ExecuteAsync(database, $"NOTIFY {DataChanges.Channel}, 'another-instance'");
        await Infrastructure.Eventually.HoldsAsync("the announced change", async () =>
        {
            var (body, _) = await GetAsync(client, url);
            return (body.Contains("Baichuan Again", StringComparison.Ordinal), body[..Math.Min(200, body.Length)]);
        }, Goal);
        output.WriteLine($"an announcement after the reconnect was served {clock.Elapsed.TotalMilliseconds:0} ms later");
    }

    private static Task ListeningAsync(PostgresAppFactory app, int times)
    {
        var listener = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<DataChangeListener>().Single();
        return Infrastructure.Eventually.HoldsAsync($"listening ({times})", () => Task.FromResult((listener.Listened == times, $"{listener.Listened}")),
            TimeSpan.FromSeconds(30));
    }

    private static async Task<(string Body, string? ETag)> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        return (WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), response.Headers.ETag?.ToString());
    }

    /// <summary>The backends listening for data changes on the database, once <paramref name="expected"/> of them are (when given).</summary>
    private static async Task<List<int>> ListenersAsync(string database, int? expected)
    {
        var pids = new List<int>();
        await Infrastructure.Eventually.HoldsAsync($"{expected} listening connection(s)", async () =>
        {
            pids.Clear();
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = @name", connection);
            command.Parameters.AddWithValue("name", DataChangeListener.ApplicationName);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) pids.Add(reader.GetInt32(0));
            return (expected is null || pids.Count == expected, string.Join(",", pids));
        }, TimeSpan.FromSeconds(30));
        return pids;
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
