using System.Net;
using LlmWatch.Data;
using LlmWatch.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LlmWatch.Tests.Hosting;

/// <summary>HEAD answers like GET without the body on every route the app maps (found from its endpoints, so a new route is covered).</summary>
[Collection(AppCollection.Name)]
public sealed class HeadRequestsTests(LlmWatchFactory app, ITestOutputHelper output)
{
    /// <summary>Every GET route template of pages, API, health, CSV, culture and OpenAPI; static files and Blazor's own endpoints aside.</summary>
    /// <remarks>Static assets (templates with a file name) answer HEAD themselves and are thousands; one file stands for them.</remarks>
    private List<string> GetRoutes() => app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") != false)
        .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
        .Where(t => !t.StartsWith("/_blazor", StringComparison.Ordinal) && !t.StartsWith("/_framework", StringComparison.Ordinal)
            && !t.StartsWith("/_content", StringComparison.Ordinal) && !t.Contains('.', StringComparison.Ordinal)
            || t.StartsWith("/openapi", StringComparison.Ordinal) || t == "/companies.csv")
        .Distinct().Order(StringComparer.Ordinal).ToList();

    private async Task<Dictionary<string, string>> SamplesAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LlmWatchDbContext>>().CreateDbContextAsync();
        var company = await db.Organizations.OrderBy(o => o.Slug).Select(o => o.Slug).FirstAsync();
        var source = await db.Sources.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        return new()
        {
            ["/companies/{Slug}"] = $"/companies/{company}",
            ["/companies/{Slug}/diff"] = $"/companies/{company}/diff?from=2023-01-01&to=2023-09-01",
            ["/models/{Slug}"] = $"/models/{await db.Models.OrderBy(m => m.Slug).Select(m => m.Slug).FirstAsync()}",
            ["/people/{Slug}"] = $"/people/{await db.People.OrderBy(p => p.Slug).Select(p => p.Slug).FirstAsync()}",
            ["/sources/{Id}"] = $"/sources/{source}",
            ["/api/companies/{slug}"] = $"/api/companies/{company}",
            ["/api/sources/{id}"] = $"/api/sources/{source}",
            ["/api/{**rest}"] = "/api/no-such-route",
            ["/openapi/{documentName}.json"] = "/openapi/v1.json",
            ["/{**path:file}"] = "/css/base.css",
            ["/culture/set"] = "/culture/set?culture=zh-CN&redirectUri=%2Fcompanies",
            // The editor area sends a reader to sign in, to HEAD as to GET.
            ["/curate/proposals/{Id:int}"] = "/curate/proposals/1",
            ["/curate/sources/{Id}"] = $"/curate/sources/{source}",
        };
    }

    [Fact]
    public async Task Head_answers_like_get_without_the_body_on_every_route()
    {
        var routes = GetRoutes();
        var samples = await SamplesAsync();
        using var client = app.CreateClient("en");
        var failures = new List<string>();
        foreach (var route in routes)
        {
            if (!samples.TryGetValue(route, out var url))
            {
                if (route.Contains('{')) { failures.Add($"{route}: no sample value; add one to {nameof(SamplesAsync)}"); continue; }
                url = route;
            }
            using var get = await client.GetAsync(url);
            using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
            var headBody = await head.Content.ReadAsByteArrayAsync();
            output.WriteLine($"{url}: GET {(int)get.StatusCode}, HEAD {(int)head.StatusCode}, {headBody.Length} bytes");
            if (head.StatusCode != get.StatusCode) failures.Add($"{url}: HEAD {(int)head.StatusCode}, GET {(int)get.StatusCode}");
            if (head.Content.Headers.ContentType?.ToString() != get.Content.Headers.ContentType?.ToString())
                failures.Add($"{url}: HEAD type {head.Content.Headers.ContentType}, GET type {get.Content.Headers.ContentType}");
            if (headBody.Length != 0) failures.Add($"{url}: HEAD sent {headBody.Length} bytes of body");
            if (get.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed && route != "/api/{**rest}" && route != "/not-found")
                failures.Add($"{url}: GET itself answered {(int)get.StatusCode}");
        }

        Assert.True(routes.Count >= 20, $"only {routes.Count} routes found: {string.Join(", ", routes)}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/companies?pageSize=1")]
    public async Task Head_on_the_root_and_the_api_is_a_200_with_the_security_headers(string url)
    {
        using var client = app.CreateClient("en");
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.True(head.Headers.Contains("Content-Security-Policy"));
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }
}
