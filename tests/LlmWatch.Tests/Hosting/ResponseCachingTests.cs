using System.Net;
using System.Text.RegularExpressions;
using LlmWatch.Data;
using LlmWatch.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace LlmWatch.Tests.Hosting;

/// <summary>Compression, immutable assets and the API's output cache, on an app of their own so the cache starts empty.</summary>
public sealed partial class ResponseCachingTests(ResponseCachingTests.CachingFactory app) : IClassFixture<ResponseCachingTests.CachingFactory>
{
    public sealed class CachingFactory : LlmWatchFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // Tests run on the build's manifest, whose caching headers are swapped for no-cache unless asked; a publish keeps them.
            builder.UseSetting("EnableStaticAssetsDevelopmentCaching", "true");
        }
    }

    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/api/companies?pageSize=5", "application/json")]
    [InlineData("/companies.csv", "text/csv")]
    [InlineData("/api/companies?page=0", "application/problem+json")]
    public async Task Generated_responses_are_brotli_when_asked_and_plain_when_not(string url, string contentType)
    {
        using var client = app.CreateClient("en");
        using var asked = new HttpRequestMessage(HttpMethod.Get, url);
        asked.Headers.AcceptEncoding.ParseAdd("br, gzip");
        using var compressed = await client.SendAsync(asked);
        using var plain = await client.GetAsync(url);

        Assert.Equal(contentType, compressed.Content.Headers.ContentType?.MediaType);
        Assert.Equal("br", Assert.Single(compressed.Content.Headers.ContentEncoding));
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(contentType, plain.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Every_asset_a_page_links_is_fingerprinted_immutable_and_precompressed()
    {
        var (_, html) = await app.GetPageAsync("/companies");
        var links = AssetLink().Matches(html).Select(m => m.Groups["url"].Value).ToList();

        Assert.Contains(links, l => l.StartsWith("_content/MudBlazor/MudBlazor.min.", StringComparison.Ordinal) && l.EndsWith(".css", StringComparison.Ordinal));
        Assert.Contains(links, l => l.StartsWith("_content/MudBlazor/MudBlazor.min.", StringComparison.Ordinal) && l.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(links, l => l.StartsWith("_framework/blazor.web.", StringComparison.Ordinal));
        using var client = app.CreateClient("en");
        foreach (var link in links)
        {
            Assert.Matches(@"\.[a-z0-9]{10}\.(css|js|svg)$", link);
            using var plain = await client.GetAsync("/" + link);
            using var asked = new HttpRequestMessage(HttpMethod.Get, "/" + link);
            asked.Headers.AcceptEncoding.ParseAdd("gzip");
            using var compressed = await client.SendAsync(asked);

            Assert.True(HttpStatusCode.OK == compressed.StatusCode, link);
            Assert.Equal("max-age=31536000, immutable", compressed.Headers.CacheControl?.ToString());
            Assert.Equal("max-age=31536000, immutable", plain.Headers.CacheControl?.ToString());
            Assert.Equal("gzip", Assert.Single(compressed.Content.Headers.ContentEncoding));
            // A file compressed at build time has an ETag of its own; one compressed on the fly would keep the plain file's.
            Assert.NotEqual(plain.Headers.ETag, compressed.Headers.ETag);
            // (Sizes are not compared: on the build's manifest the dev-time handler may re-encode a package file without compressing it.)
        }
    }

    [Fact]
    public async Task A_second_identical_api_request_is_answered_from_the_cache_without_sql()
    {
        using var client = app.CreateClient("en");
        var url = $"/api/companies?camp=general&pageSize={Random.Shared.Next(100, 1000)}";
        app.Queries.Reset();
        var first = await client.GetStringAsync(url);
        Assert.NotEmpty(app.Queries.Commands);

        app.Queries.Reset();
        var second = await client.GetStringAsync(url);

        Assert.Empty(app.Queries.Commands);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task The_cache_tells_apart_every_query_string()
    {
        using var client = app.CreateClient("en");
        var size = Random.Shared.Next(2, 9);
        var one = await client.GetStringAsync($"/api/companies?pageSize={size}&page=1");

        app.Queries.Reset();
        var two = await client.GetStringAsync($"/api/companies?pageSize={size}&page=2");

        Assert.NotEmpty(app.Queries.Commands);
        Assert.NotEqual(one, two);
    }

    [Fact]
    public async Task Errors_are_never_cached_and_slugs_are_told_apart_by_case()
    {
        using var client = app.CreateClient("en");
        var slug = (await client.GetStringAsync("/api/companies?pageSize=1")).Split("\"slug\":\"")[1].Split('"')[0];
        using var found = await client.GetAsync($"/api/companies/{slug}");
        using var upper = await client.GetAsync($"/api/companies/{slug.ToUpperInvariant()}");
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, upper.StatusCode);

        app.Queries.Reset();
        using var again = await client.GetAsync("/api/companies/no-such-company");
        var firstQueries = app.Queries.Commands.Count;
        app.Queries.Reset();
        using var twice = await client.GetAsync("/api/companies/no-such-company");

        Assert.Equal(HttpStatusCode.NotFound, twice.StatusCode);
        Assert.True(firstQueries > 0);
        Assert.Equal(firstQueries, app.Queries.Commands.Count);
    }

    [Fact]
    public async Task A_cached_answer_still_carries_cors_and_the_security_headers()
    {
        using var client = app.CreateClient("en");
        var url = $"/api/sources?pageSize={Random.Shared.Next(1, 1000)}";
        await client.GetStringAsync(url);
        app.Queries.Reset();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Origin", "https://example.org");
        using var cached = await client.SendAsync(request);

        Assert.Empty(app.Queries.Commands);
        Assert.Equal("*", Assert.Single(cached.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("frame-ancestors 'none'", Assert.Single(cached.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(cached.Headers.GetValues("X-Content-Type-Options")));
        Assert.False(cached.Headers.Contains("Server"));
    }

    [Fact]
    public async Task A_data_change_empties_the_cache()
    {
        using var client = app.CreateClient("en");
        var url = $"/api/models?q=m{Guid.NewGuid():N}";
        await client.GetStringAsync(url);

        await app.Services.GetRequiredService<DataChanges>().NotifyAsync();
        app.Queries.Reset();
        await client.GetStringAsync(url);

        Assert.NotEmpty(app.Queries.Commands);
    }

    [Fact]
    public async Task Health_remembers_that_the_migrations_are_complete()
    {
        using var client = app.CreateClient("en");
        using var first = await client.GetAsync("/healthz");
        app.Queries.Reset();
        using var second = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotEmpty(app.Queries.Commands);
        Assert.DoesNotContain(app.Queries.Commands, c => c.Contains("__EFMigrationsHistory", StringComparison.Ordinal));
    }

    // data-mudblazor: MudBlazor's script, named on app.js's tag and loaded only before a circuit starts (LlmWatch.Web.lib.module.js).
    [GeneratedRegex("""(?:href|src|data-mudblazor)="(?<url>(?:_content|_framework|css|js|favicon)[^"]*)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex AssetLink();
}

/// <summary>A cached answer is still a request: the limiter, which runs before the cache, refuses the one over the limit.</summary>
public sealed class CachedRateLimitTests(CachedRateLimitTests.TightFactory app) : IClassFixture<CachedRateLimitTests.TightFactory>
{
    public sealed class TightFactory : LlmWatchFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RateLimiting:Api:PermitLimit", "3");
            builder.UseSetting("RateLimiting:Api:WindowSeconds", "3600");
        }
    }

    [Fact]
    public async Task Cached_answers_count_against_the_limit_and_the_refusal_is_not_cached()
    {
        using var client = app.CreateClient("en");
        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.GetAsync("/api/events?pageSize=3");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var refused = await client.GetAsync("/api/events?pageSize=3");
        using var refusedElsewhere = await client.GetAsync("/api/models?pageSize=3");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedElsewhere.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        Assert.Contains("frame-ancestors 'none'", Assert.Single(refused.Headers.GetValues("Content-Security-Policy")));
    }
}

/// <summary>The watchdog's reseed of a vanished database announces the change, so the API never serves the lost data from its cache.</summary>
public sealed class WatchdogEvictionTests : IAsyncLifetime
{
    private sealed class QuickWatchdogFactory : LlmWatchFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Data:WatchdogSeconds", "1");
        }
    }

    private readonly QuickWatchdogFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Recreating_the_database_empties_the_cache()
    {
        using var client = _app.CreateClient("en");
        await client.GetStringAsync("/api/people?pageSize=4");
        _app.Queries.Reset();
        await client.GetStringAsync("/api/people?pageSize=4");
        Assert.Empty(_app.Queries.Commands);

        var changes = _app.Services.GetRequiredService<DataChanges>();
        var before = changes.Version;
        // The watchdog announces twice: the file is gone, then the reseed is done.
        var reseeded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changes.Subscribe(_ =>
        {
            if (changes.Version >= before + 2) reseeded.TrySetResult();
            return Task.CompletedTask;
        });
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_app.DatabaseFile + suffix);
        await Eventually.WithinAsync("the watchdog reseeds the deleted database", reseeded.Task);

        _app.Queries.Reset();
        await client.GetStringAsync("/api/people?pageSize=4");
        Assert.NotEmpty(_app.Queries.Commands);
    }
}

/// <summary>The comparison folder for tests/perf/pages.sh: served at /_perf/ only when configured.</summary>
public sealed class PerfStaticFilesTests(PerfStaticFilesTests.PerfFactory app) : IClassFixture<PerfStaticFilesTests.PerfFactory>
{
    public sealed class PerfFactory : LlmWatchFactory
    {
        public string Folder { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"llmwatch-perf-{Guid.NewGuid():N}")).FullName;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            File.WriteAllText(Path.Combine(Folder, "page.html"), "<!DOCTYPE html><p>static copy</p>");
            builder.UseSetting("Perf:StaticDirectory", Folder);
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            Directory.Delete(Folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_configured_folder_is_served_under_perf()
    {
        using var client = app.CreateClient("en");
        using var response = await client.GetAsync("/_perf/page.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("<!DOCTYPE html><p>static copy</p>", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }
}

[Collection(AppCollection.Name)]
public sealed class PerfStaticFilesAbsentTests(LlmWatchFactory app)
{
    [Fact]
    public async Task Without_configuration_there_is_no_perf_folder()
    {
        using var client = app.CreateClient("en");
        using var response = await client.GetAsync("/_perf/page.html");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
