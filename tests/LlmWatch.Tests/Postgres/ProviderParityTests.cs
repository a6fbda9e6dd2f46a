using System.Text.Json;
using LlmWatch.Data;
using LlmWatch.Data.Search;
using LlmWatch.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmWatch.Tests.Postgres;

/// <summary>
/// The same seed on SQLite and on PostgreSQL answers every API route with the same JSON, byte for byte: every list (all its
/// pages), every value of every closed-set filter and sort the OpenAPI document offers, searches of every kind (1–2 Chinese
/// characters, longer Chinese, English, aliases, pinyin, no match), and every organisation and source by its key.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ProviderParityTests(PostgresServer server)
{
    [SkippableFact]
    public async Task Every_API_route_answers_the_same_JSON_on_both_providers()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        await using var sqlite = new SqliteAppFactory();
        await using var postgres = new PostgresAppFactory(await server.CreateDatabaseAsync(), Unlimited);
        using var sqliteClient = sqlite.CreateClient("en");
        using var postgresClient = postgres.CreateClient("en");

        var urls = await UrlsAsync(sqlite, sqliteClient);
        var differences = new List<string>();
        foreach (var url in urls)
        {
            var (sqliteStatus, sqliteBody) = await GetAsync(sqliteClient, url);
            var (postgresStatus, postgresBody) = await GetAsync(postgresClient, url);
            if (sqliteStatus != postgresStatus || sqliteBody != postgresBody)
                differences.Add($"{url}: SQLite {sqliteStatus} {Excerpt(sqliteBody, postgresBody)} | PostgreSQL {postgresStatus} {Excerpt(postgresBody, sqliteBody)}");
        }

        Assert.True(urls.Count > 300, $"Only {urls.Count} URLs were compared.");
        Assert.True(differences.Count == 0, $"{differences.Count} of {urls.Count} answers differ:\n" + string.Join('\n', differences.Take(8)));
    }

    /// <summary>The test is the API's one client, making hundreds of requests a minute.</summary>
    internal static readonly Dictionary<string, string?> Unlimited = new() { ["RateLimiting:Api:PermitLimit"] = "1000000" };

    private sealed class SqliteAppFactory : LlmWatchFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (key, value) in Unlimited) builder.UseSetting(key, value);
        }
    }

    internal static async Task<(int, string)> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        // A problem's traceId names the request, not the data.
        return ((int)response.StatusCode, System.Text.RegularExpressions.Regex.Replace(body, "\"traceId\":\"[^\"]*\"", "\"traceId\":\"…\""));
    }

    /// <summary>Where two answers first differ, with a little context.</summary>
    private static string Excerpt(string text, string other)
    {
        var i = 0;
        while (i < text.Length && i < other.Length && text[i] == other[i]) i++;
        var start = Math.Max(0, i - 60);
        return $"@{i}: …{text.Substring(start, Math.Min(160, text.Length - start))}…";
    }

    internal static async Task<List<string>> UrlsAsync(LlmWatchFactory app, HttpClient client)
    {
        var urls = new List<string>();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            if (path.Name.Contains('{') || !path.Value.TryGetProperty("get", out var get)) continue;
            var paged = false;
            if (get.TryGetProperty("parameters", out var parameters))
                foreach (var parameter in parameters.EnumerateArray())
                {
                    var name = parameter.GetProperty("name").GetString()!;
                    paged |= name == "pageSize";
                    if (parameter.TryGetProperty("schema", out var schema) && Values(schema) is { Count: > 0 } values)
                        urls.AddRange(values.Select(v => $"{path.Name}?{name}={Uri.EscapeDataString(v)}"));
                }
            urls.AddRange(await AllPagesAsync(client, path.Name, paged));
        }

        await using var scope = app.Services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<LlmWatchDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        urls.AddRange((await db.Organizations.Select(o => o.Slug).ToListAsync()).Select(s => $"/api/companies/{Uri.EscapeDataString(s)}"));
        urls.AddRange((await db.Sources.Select(s => s.Id).ToListAsync()).Select(s => $"/api/sources/{Uri.EscapeDataString(s)}"));
        urls.Add("/api/companies/no-such-company");

        // Searches down every path of the index (short grams, trigrams, scans), and the other lists' q.
        var texts = (await SearchTexts.OfOrganizationsAsync(db)).Where(t => !t.Contains(' ')).ToList();
        var sample = texts.Where(t => OrganizationSearch.PathFor(t) == SearchPath.Grams).Take(120)
            .Concat(texts.Where(t => OrganizationSearch.PathFor(t) == SearchPath.Trigram).Take(120))
            .Concat(texts.Where(t => OrganizationSearch.PathFor(t) == SearchPath.Scan).Take(40))
            .Concat(["AI", "ai", "Zhipu", "zhipu ai", "baichuan", "BAI CHUAN", "智能", "科技", "人", "100%", "a_b", "不存在的公司名字"])
            .Distinct().ToList();
        urls.AddRange(sample.Select(t => $"/api/companies?q={Uri.EscapeDataString(t)}&pageSize=100"));
        foreach (var list in new[] { "/api/people", "/api/events", "/api/models", "/api/funding-rounds" })
            urls.AddRange(sample.Take(40).Concat(["ai", "AI", "智"]).Select(t => $"{list}?q={Uri.EscapeDataString(t)}&pageSize=100"));
        return urls.Distinct().ToList();
    }

    private static List<string> Values(JsonElement schema)
    {
        if (schema.TryGetProperty("enum", out var values)) return values.EnumerateArray().Select(v => v.ToString()).ToList();
        if (schema.TryGetProperty("items", out var items)) return Values(items);
        return [];
    }

    private static async Task<List<string>> AllPagesAsync(HttpClient client, string path, bool paged)
    {
        if (!paged) return [path];
        var urls = new List<string>();
        for (var page = 1; page <= 50; page++)
        {
            var url = $"{path}?pageSize=100&page={page}";
            urls.Add(url);
            using var response = await client.GetAsync(url);
            if (!response.IsSuccessStatusCode) break;
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (!body.RootElement.TryGetProperty("items", out var items) || items.GetArrayLength() < 100) break;
        }
        return urls;
    }
}
