using System.Net;
using LlmWatch.Tests.Infrastructure;
using LlmWatch.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace LlmWatch.Tests.Hosting;

/// <summary>Page renders limited per client (IPv4 address, IPv6 /64) with a friendly 429; assets and /healthz never; the CSV under the API's limit.</summary>
public sealed class RequestLimitTests(RequestLimitTests.TightFactory app) : IClassFixture<RequestLimitTests.TightFactory>
{
    public sealed class TightFactory : LlmWatchFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            ClientAddress.AddTo(builder);
            builder.UseSetting("RateLimiting:Pages:BurstLimit", "3");
            builder.UseSetting("RateLimiting:Pages:PerSecond", "1");
            builder.UseSetting("RateLimiting:Api:PermitLimit", "2");
            builder.UseSetting("RateLimiting:Api:WindowSeconds", "3600");
        }
    }

    /// <summary>Sends <paramref name="count"/> at once: faster than the bucket refills, however slow the machine.</summary>
    private async Task<HttpStatusCode[]> FloodAsync(string url, string client, int count)
    {
        using var http = app.CreateClient("en");
        var responses = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => http.SendAsync(ClientAddress.Get(url, client))));
        var statuses = responses.Select(r => r.StatusCode).ToArray();
        foreach (var r in responses) r.Dispose();
        return statuses;
    }

    private async Task<HttpStatusCode[]> BurstAsync(string url, string client, int count)
    {
        using var http = app.CreateClient("en");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var response = await http.SendAsync(ClientAddress.Get(url, client));
            statuses.Add(response.StatusCode);
        }
        return [.. statuses];
    }

    [Fact]
    public async Task A_client_over_its_page_burst_gets_a_429_page_in_both_languages_with_retry_after()
    {
        // One of the flood's own answers is read: a request sent after it could find the bucket refilled when a loaded machine
        // took seconds to render the admitted ones.
        using var http = app.CreateClient("en");
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => http.SendAsync(ClientAddress.Get("/camps", "198.51.100.1"))));
        using var refused = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        foreach (var r in responses.Where(r => r != refused)) r.Dispose();
        Assert.True(int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After"))) >= 1);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Please wait a moment", html);
        Assert.Contains("请稍候片刻", html);
        Assert.Contains("frame-ancestors 'none'", Assert.Single(refused.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task Another_client_is_not_refused_but_the_same_ipv6_64_is()
    {
        await FloodAsync("/camps", "2001:db8:1:2::1", 12);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await BurstAsync("/camps", "2001:db8:1:2:ffff::9", 1))[0]);
        Assert.Equal(HttpStatusCode.OK, (await BurstAsync("/camps", "2001:db8:1:3::1", 1))[0]);
        Assert.Equal(HttpStatusCode.OK, (await BurstAsync("/camps", "198.51.100.77", 1))[0]);
    }

    [Fact]
    public async Task Static_assets_and_health_are_never_limited()
    {
        await FloodAsync("/camps", "198.51.100.2", 12);

        Assert.All(await BurstAsync("/healthz", "198.51.100.2", 10), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(await BurstAsync("/favicon.svg", "198.51.100.2", 10), s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task The_csv_is_under_the_apis_limit_and_refused_as_a_problem_document()
    {
        var statuses = await BurstAsync("/companies.csv", "198.51.100.3", 3);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);

        using var http = app.CreateClient("en");
        using var refused = await http.SendAsync(ClientAddress.Get("/companies.csv", "198.51.100.3"));
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.Contains("Retry-After"));
    }

    [Theory]
    [InlineData("203.0.113.9", "203.0.113.9")]
    [InlineData("::ffff:203.0.113.9", "203.0.113.9")]
    [InlineData("2001:db8:aa:bb:1:2:3:4", "2001:db8:aa:bb::/64")]
    [InlineData("2001:db8:aa:bb::", "2001:db8:aa:bb::/64")]
    public void A_client_is_an_ipv4_address_or_an_ipv6_64(string address, string key) =>
        Assert.Equal(key, RequestLimits.ClientKey(IPAddress.Parse(address)));

    [Theory]
    [InlineData("/companies.csv", "", true)]
    [InlineData("/funding", "", true)]
    [InlineData("/companies", "q=zq", true)]
    [InlineData("/companies", "page=25", true)]
    [InlineData("/companies", "page=3", false)]
    [InlineData("/companies", "", false)]
    [InlineData("/api/companies", "q=zq", false)]
    public async Task Costly_requests_are_the_funding_page_searches_deep_pages_and_the_csv(string path, string query, bool costly)
    {
        // Classified on the endpoint the router chose, as the limiter sees it.
        using var http = app.CreateClient("en");
        var settings = new PageRateLimitSettings();
        var context = new DefaultHttpContext { RequestServices = app.Services };
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query.Length == 0 ? "" : "?" + query);
        var endpoints = app.Services.GetService(typeof(Microsoft.AspNetCore.Routing.EndpointDataSource)) as Microsoft.AspNetCore.Routing.EndpointDataSource;
        var endpoint = endpoints!.Endpoints.OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .FirstOrDefault(e => "/" + e.RoutePattern.RawText?.TrimStart('/') == path);
        context.SetEndpoint(endpoint);
        await Task.CompletedTask;

        Assert.Equal(costly, RequestLimits.IsCostly(context, settings));
    }
}
