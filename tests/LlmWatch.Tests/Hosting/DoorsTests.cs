using System.Net;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Hosting;

[Collection(AppCollection.Name)]
public sealed class DoorsTests(LlmWatchFactory app)
{
    public static TheoryData<string> EveryKindOfResponse => new()
    {
        "/",                                   // a prerendered page
        "/no-such-page",                       // the friendly 404
        "/api/companies?pageSize=1",           // API JSON
        "/api/companies/no-such-company",      // API problem
        "/healthz",                            // health
        "/css/base.css",                       // a static file
        "/_content/MudBlazor/MudBlazor.min.css",
        "/culture/set?culture=xx",             // a 400
    };

    [Theory]
    [MemberData(nameof(EveryKindOfResponse))]
    public async Task Every_response_carries_the_security_headers_and_no_server_header(string url)
    {
        using var client = app.CreateClient("en");
        using var response = await client.GetAsync(url);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("camera=()", Assert.Single(response.Headers.GetValues("Permissions-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.False(response.Headers.Contains("Server"));
    }

    [Theory]
    [InlineData("TRACE")]
    [InlineData("TRACK")]
    public async Task Trace_is_refused(string method)
    {
        using var client = app.CreateClient("en");
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Theory]
    [InlineData("/appsettings.json")]
    [InlineData("/appsettings.Development.json")]
    [InlineData("/.git/config")]
    [InlineData("/LlmWatch.Web.dll")]
    [InlineData("/data/llmwatch.db")]
    [InlineData("/..%2F..%2Fdata%2Fseed%2Fpeople.json")]
    [InlineData("/css/..%2F..%2Fappsettings.json")]
    public async Task Nothing_outside_wwwroot_is_served(string url)
    {
        using var client = app.CreateClient("en");
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{url} answered {(int)response.StatusCode}");
        Assert.DoesNotContain("ConnectionStrings", body);
        Assert.DoesNotContain("\"slug\"", body);
    }

    [Fact]
    public async Task The_api_may_be_read_from_any_origin()
    {
        using var client = app.CreateClient("en");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/companies?pageSize=1");
        request.Headers.Add("Origin", "https://example.org");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task Nothing_but_get_is_allowed_across_origins()
    {
        using var client = app.CreateClient("en");
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/companies");
        preflight.Headers.Add("Origin", "https://example.org");
        preflight.Headers.Add("Access-Control-Request-Method", "DELETE");
        using var response = await client.SendAsync(preflight);

        var allowed = response.Headers.TryGetValues("Access-Control-Allow-Methods", out var methods) ? string.Join(",", methods) : "";
        Assert.DoesNotContain("DELETE", allowed);
    }

    [Fact]
    public async Task Pages_are_not_shared_across_origins()
    {
        using var client = app.CreateClient("en");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Origin", "https://example.org");
        using var response = await client.SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}

/// <summary>A client over the API limit gets 429 with Retry-After; the limit comes from configuration.</summary>
public sealed class RateLimitTests : IClassFixture<RateLimitTests.TightLimitFactory>
{
    public sealed class TightLimitFactory : LlmWatchFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RateLimiting:Api:PermitLimit", "3");
            builder.UseSetting("RateLimiting:Api:WindowSeconds", "3600");
        }
    }

    private readonly TightLimitFactory _app;

    public RateLimitTests(TightLimitFactory app) => _app = app;

    [Fact]
    public async Task The_fourth_request_in_the_window_is_refused_with_retry_after_and_pages_are_not_limited()
    {
        using var client = _app.CreateClient("en");
        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.GetAsync("/api/sources");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var refused = await client.GetAsync("/api/sources");
        using var page = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")));
        Assert.InRange(retryAfter, 1, 3600);
        Assert.Contains("3 API requests per 3600 seconds", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
