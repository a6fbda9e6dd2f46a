using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using LlmWatch.Data.Accounts;
using LlmWatch.Tests.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LlmWatch.Tests.Features.Curate;

/// <summary>
/// Every page and endpoint of the editor area, found by reflection and from the app's own route table (so a page added
/// tomorrow is swept too), refuses an anonymous reader (pages: to the sign-in form; endpoints: 401) and a signed-in person
/// without the role it declares (pages: to the denied page, which answers 403; endpoints: 403), and admits the right role.
/// </summary>
public sealed partial class CurateRouteSweepTests(AccountsFactory app) : IClassFixture<AccountsFactory>
{
    private sealed record Door(string Route, string Method, bool IsPage, IReadOnlyList<string> Allowed, string Name);

    [Fact]
    public async Task Every_curate_route_refuses_anonymous_and_wrong_role_and_admits_its_role()
    {
        var doors = await DoorsAsync();
        Assert.Contains(doors, d => d.Route == "/curate");
        // The account list is for admins only: an editor or reviewer must not see who else can sign in.
        Assert.Equal([Roles.Admin], doors.Single(d => d.Route == "/curate/users").Allowed);

        var failures = new List<string>();
        var clients = new Dictionary<string, HttpClient>();
        async Task<HttpClient> AsAsync(IReadOnlyList<string> roles)
        {
            var key = string.Join(",", roles.Order());
            if (clients.TryGetValue(key, out var known)) return known;
            var email = AccountsFactory.UniqueEmail("sweep");
            await app.CreateUserAsync(email, [.. roles]);
            return clients[key] = await app.SignedInAsync(email);
        }

        foreach (var door in doors)
        {
            var url = Fill(door.Route);
            if (door.Allowed.Count == 0)
            {
                failures.Add($"{door.Method} {door.Route} ({door.Name}) admits any signed-in account: declare a role policy (Policies.Editor, Reviewer, Admin or Curator).");
                continue;
            }

            using (var anonymous = app.CreateBrowser())
            using (var response = await SendAsync(anonymous, door.Method, url))
            {
                if (door.IsPage ? !RedirectsTo(response, "/account/login") : response.StatusCode != HttpStatusCode.Unauthorized)
                    failures.Add($"anonymous {door.Method} {url} ({door.Name}) answered {(int)response.StatusCode} {response.Headers.Location}");
            }

            var wrongRoles = Roles.All.Except(door.Allowed).ToList();
            var wrong = await AsAsync(wrongRoles);
            using (var response = await SendAsync(wrong, door.Method, url))
            {
                var refused = door.IsPage ? RedirectsTo(response, "/account/denied") : response.StatusCode == HttpStatusCode.Forbidden;
                if (!refused) failures.Add($"roles [{string.Join(",", wrongRoles)}] {door.Method} {url} ({door.Name}) answered {(int)response.StatusCode} {response.Headers.Location}");
            }

            var right = await AsAsync([door.Allowed[0]]);
            using (var response = await SendAsync(right, door.Method, url))
            {
                var refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    || RedirectsTo(response, "/account/login") || RedirectsTo(response, "/account/denied");
                var pageOpens = !door.IsPage || url.Contains("/x1", StringComparison.Ordinal) || response.StatusCode == HttpStatusCode.OK;
                if (refused || !pageOpens) failures.Add($"role {door.Allowed[0]} {door.Method} {url} ({door.Name}) answered {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
        foreach (var client in clients.Values) client.Dispose();

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task The_denied_page_answers_403()
    {
        using var client = app.CreateBrowser();
        using var response = await client.GetAsync("/account/denied");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    /// <summary>The editor area's doors: every routable component under /curate (by reflection), checked against the route table,
    /// plus every endpoint under /curate or declaring authorization, each with the roles its policies admit.</summary>
    private async Task<List<Door>> DoorsAsync()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var policies = app.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var pageTypes = typeof(LlmWatch.Web.Features.Curate.Policies).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (Type: t, r.Template)))
            .Where(p => IsCurate(p.Template))
            .ToList();
        var doors = new List<Door>();
        foreach (var (type, template) in pageTypes)
        {
            var endpoint = endpoints.SingleOrDefault(e => e.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type == type
                && Normalize(e.RoutePattern.RawText) == Normalize(template));
            Assert.True(endpoint is not null, $"{type.Name} ({template}) is routable but has no endpoint");
            doors.Add(new Door(template, "GET", true, await AllowedAsync(policies, endpoint!), type.Name));
        }
        foreach (var endpoint in endpoints.Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null))
        {
            var route = endpoint.RoutePattern.RawText ?? "";
            if (!IsCurate(route) && endpoint.Metadata.GetMetadata<IAuthorizeData>() is null) continue;
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                doors.Add(new Door(route.StartsWith('/') ? route : "/" + route, method, false, await AllowedAsync(policies, endpoint), endpoint.DisplayName ?? route));
        }
        return doors;
    }

    private static async Task<IReadOnlyList<string>> AllowedAsync(IAuthorizationPolicyProvider policies, Endpoint endpoint)
    {
        var policy = await AuthorizationPolicy.CombineAsync(policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(),
            endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
        var roleRules = policy?.Requirements.OfType<RolesAuthorizationRequirement>().ToList() ?? [];
        if (roleRules.Count == 0) return [];
        return roleRules.Aggregate((IEnumerable<string>)Roles.All, (allowed, rule) => allowed.Intersect(rule.AllowedRoles)).ToList();
    }

    private static bool IsCurate(string? route) => route is not null && Normalize(route).StartsWith("/curate", StringComparison.OrdinalIgnoreCase);

    private static string Normalize(string? route) => route is null ? "" : route.StartsWith('/') ? route : "/" + route;

    /// <summary>Route parameters filled with a plausible value: "1" where a number is expected, "x1" otherwise.</summary>
    private static string Fill(string route) => Parameter().Replace(route, m => m.Value.Contains(":int", StringComparison.OrdinalIgnoreCase)
        || m.Value.Contains(":long", StringComparison.OrdinalIgnoreCase) ? "1" : "x1");

    private static bool RedirectsTo(HttpResponseMessage response, string path) =>
        response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found && response.Headers.Location is { } location
        && (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0]).Equals(path, StringComparison.OrdinalIgnoreCase);

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url) =>
        client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = method is "GET" or "HEAD" ? null : new FormUrlEncodedContent(new Dictionary<string, string>()),
        });

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
