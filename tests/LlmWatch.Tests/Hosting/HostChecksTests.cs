using System.Net;
using System.Text.Json;
using LlmWatch.Tests.Infrastructure;
using LlmWatch.Web.Localization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace LlmWatch.Tests.Hosting;

/// <summary>Hosts, redirects, methods and statuses: a client-chosen Host never reaches a link or a stack trace.</summary>
public sealed class HostChecksTests(HostChecksTests.PublicOriginFactory app) : IClassFixture<HostChecksTests.PublicOriginFactory>
{
    public sealed class PublicOriginFactory : LlmWatchFactory
    {
        public string LogFolder { get; } = Path.Combine(Path.GetTempPath(), $"llmwatch-hosts-{Guid.NewGuid():N}");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Site:PublicOrigin", "https://llmwatch.example");
            builder.UseSetting("AllowedHosts", "localhost;llmwatch.example");
            builder.UseSetting("Serilog:WriteTo:1:Args:path", Path.Combine(LogFolder, "llmwatch-.log"));
        }

        public string Log() => string.Concat(Directory.Exists(LogFolder)
            ? Directory.GetFiles(LogFolder).Select(f => { using var s = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite); return new StreamReader(s).ReadToEnd(); })
            : []);
    }

    private async Task<HttpResponseMessage> SendAsync(string url, string? host, HttpMethod? method = null)
    {
        var client = app.CreateClient("en");
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, url);
        if (host is not null) request.Headers.TryAddWithoutValidation("Host", host);
        return await client.SendAsync(request);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("llmwatch.example:99999")]
    [InlineData("a..b")]
    public async Task A_host_not_named_in_allowed_hosts_or_malformed_is_a_400_without_a_stack_trace(string host)
    {
        var before = app.Log().Length;
        using var response = await SendAsync("/companies", host);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync());
        var log = app.Log()[before..];
        Assert.DoesNotContain("Exception", log);
    }

    [Fact]
    public async Task A_300_character_host_is_a_400()
    {
        using var response = await SendAsync("/", new string('a', 300));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(LlmWatch.Web.Hosting.HostChecks.IsWellFormed(new Microsoft.AspNetCore.Http.HostString(new string('a', 300))));
        Assert.False(LlmWatch.Web.Hosting.HostChecks.IsWellFormed(new Microsoft.AspNetCore.Http.HostString("")));
        Assert.True(LlmWatch.Web.Hosting.HostChecks.IsWellFormed(new Microsoft.AspNetCore.Http.HostString("[::1]:5000")));
    }

    [Fact]
    public async Task Csv_links_and_the_openapi_server_come_from_the_public_origin_not_the_host_header()
    {
        using var csv = await SendAsync("/companies.csv", "localhost");
        var rows = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains(",https://llmwatch.example/companies/", r));

        using var openApi = await SendAsync("/openapi/v1.json", "localhost");
        using var json = JsonDocument.Parse(await openApi.Content.ReadAsStringAsync());
        Assert.Equal("https://llmwatch.example", Assert.Single(json.RootElement.GetProperty("servers").EnumerateArray()).GetProperty("url").GetString());
    }

    [Theory]
    [InlineData("/%09/evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/%0d%0aSet-Cookie:x=1")]
    public async Task A_redirect_goes_only_to_a_path_on_this_site(string target)
    {
        using var response = await SendAsync($"/culture/set?culture=en&redirectUri={target}", null);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.False(CultureEndpoints.IsLocal(Uri.UnescapeDataString(target)));
    }

    [Theory]
    [InlineData("PUT", "/api/companies")]
    [InlineData("DELETE", "/api/companies/zhipu-ai")]
    [InlineData("POST", "/api/models")]
    [InlineData("PATCH", "/api/nowhere")]
    public async Task Other_methods_on_the_api_are_a_405_naming_get_and_head(string method, string url)
    {
        using var response = await SendAsync(url, null, new HttpMethod(method));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Every page route of the app, its parameters filled in, and whether it takes form posts.</summary>
    private List<(string Url, bool Posts)> PageRoutes() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null && e.RoutePattern.RawText is not ("/not-found" or "/error"))
            .Select(e => (Url: "/" + string.Join('/', e.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternParameterPart parameter => parameter.ParameterPolicies.Any(p => p.Content == "int") ? "1" : "x",
                _ => "",
            })))), Posts: e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Contains("POST")))
            .Distinct().ToList();

    [Fact]
    public async Task Other_methods_on_every_page_are_a_405_naming_the_ones_it_answers()
    {
        var routes = PageRoutes();
        Assert.Contains(routes, r => r.Url == "/companies" && !r.Posts);
        Assert.Contains(routes, r => r.Url == "/funding" && !r.Posts);
        Assert.Contains(routes, r => r.Url == "/companies/x" && !r.Posts);
        Assert.Contains(routes, r => r.Url == "/account/login" && r.Posts);
        Assert.Contains(routes, r => r.Url == "/curate/sources/new" && r.Posts);
        var wrong = new List<string>();
        foreach (var (url, posts) in routes)
            foreach (var method in posts ? new[] { "PUT", "DELETE", "PATCH" } : ["PUT", "DELETE", "PATCH", "POST"])
            {
                using var response = await SendAsync(url, null, new HttpMethod(method));
                var allow = response.Content.Headers.Allow.Order().ToArray();
                string[] expected = posts ? ["GET", "HEAD", "POST"] : ["GET", "HEAD"];
                if (response.StatusCode != HttpStatusCode.MethodNotAllowed || !allow.SequenceEqual(expected))
                    wrong.Add($"{method} {url}: {(int)response.StatusCode}, Allow: {string.Join(", ", allow)}");
            }
        Assert.Empty(wrong);

        // Pages that take form posts still take them: signing in without the antiforgery token is a 400, not a 405.
        using var login = await SendAsync("/account/login", null, HttpMethod.Post);
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        using var page = await SendAsync("/companies", null, HttpMethod.Head);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Theory]
    [InlineData("/error", HttpStatusCode.InternalServerError)]
    [InlineData("/not-found", HttpStatusCode.NotFound)]
    public async Task Error_pages_asked_for_directly_keep_their_status(string url, HttpStatusCode status)
    {
        using var response = await SendAsync(url, null);
        Assert.Equal(status, response.StatusCode);
    }
}

/// <summary>Start-time checks of the new keys: each bad value named, exit 78, before listening.</summary>
public sealed class AbuseSettingsTests
{
    [Fact]
    public async Task A_wildcard_allowed_hosts_outside_development_and_bad_limits_stop_the_app()
    {
        var result = await HostProcess.RunAsync(new Dictionary<string, string>
        {
            ["AllowedHosts"] = "*",
            ["Site__PublicOrigin"] = "ftp://llmwatch.example/path",
            ["Circuits__Hub__MaxPerClient"] = "0",
            ["RateLimiting__Pages__BurstLimit"] = "0",
            ["Circuits__Hub__AllowedOrigins__0"] = "evil",
        }, TimeSpan.FromSeconds(60));

        Assert.Equal(78, result.ExitCode);
        var said = result.Output + result.Errors;
        Assert.Contains("AllowedHosts", said);
        Assert.Contains("Site:PublicOrigin", said);
        Assert.Contains("Circuits:Hub:MaxPerClient", said);
        Assert.Contains("RateLimiting:Pages:BurstLimit", said);
        Assert.Contains("Circuits:Hub:AllowedOrigins:0", said);
        Assert.DoesNotContain("Now listening", said);
    }

    [Fact]
    public async Task Outside_development_the_build_folder_is_refused_and_only_a_publish_starts()
    {
        var result = await HostProcess.RunAsync(new Dictionary<string, string>
        {
            ["StaticAssets__ServeBuildOutput"] = "false",
            ["ConnectionStrings__LlmWatch"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"llmwatch-build-{Guid.NewGuid():N}.db")}",
        }, TimeSpan.FromSeconds(60));

        Assert.Equal(78, result.ExitCode);
        Assert.Contains("dotnet publish", result.Output + result.Errors);
        Assert.DoesNotContain("Now listening", result.Output + result.Errors);
    }
}
