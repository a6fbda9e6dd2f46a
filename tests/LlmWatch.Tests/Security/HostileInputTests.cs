using System.Net;
using System.Reflection;
using System.Text;
using LlmWatch.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Xunit.Abstractions;

namespace LlmWatch.Tests.Security;

/// <summary>
/// Every route and every query parameter of the pages (found by reflection, so a new page is swept without being listed)
/// and of the API, driven with generated hostile values: never a 5xx, nothing reflected unencoded, the reader told what
/// was wrong, lists clamped.
/// </summary>
public sealed class HostileInputTests(HostileInputTests.UnlimitedFactory app, ITestOutputHelper output) : IClassFixture<HostileInputTests.UnlimitedFactory>
{
    public sealed class UnlimitedFactory : LlmWatchFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RateLimiting:Api:PermitLimit", "1000000");
        }
    }

    private static readonly Dictionary<string, string[]> ApiRoutes = new()
    {
        ["/api/companies"] = ["page", "pageSize", "camp", "kind", "q", "from", "to"],
        ["/api/funding-rounds"] = ["page", "pageSize", "camp", "kind", "q", "from", "to"],
        ["/api/models"] = ["page", "pageSize", "q", "from", "to"],
        ["/api/people"] = ["page", "pageSize", "q"],
        ["/api/events"] = ["page", "pageSize", "kind", "q", "from", "to"],
        ["/api/sources"] = ["page", "pageSize"],
    };

    private static readonly string[] ApiSlugRoutes = ["/api/companies/{0}", "/api/sources/{0}"];

    /// <summary>Parameters whose values come from a closed set: a hostile value there must be refused visibly.</summary>
    private static readonly HashSet<string> ClosedParameters = ["camp", "kind", "status", "sort", "page", "pageSize", "stage", "currency", "open", "from", "to"];

    /// <summary>The pages' routes and their query parameters, read from the components themselves.</summary>
    public static IReadOnlyList<(string Route, string[] Parameters)> PageRoutes() => typeof(Program).Assembly.GetTypes()
        .Where(t => typeof(IComponent).IsAssignableFrom(t))
        .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (r.Template, Type: t)))
        .Where(r => r.Template is not "/error")
        .Select(r => (r.Template, r.Type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Select(p => p.GetCustomAttribute<SupplyParameterFromQueryAttribute>() is { } q ? q.Name ?? p.Name : null)
            .OfType<string>().ToArray()))
        .OrderBy(r => r.Template)
        .ToList();

    [Fact]
    public async Task A_thousand_hostile_values_never_break_a_page_or_the_api()
    {
        var requests = new List<(string Url, string Parameter, string Value, bool Api)>();
        var values = HostileInput.Values;
        var rotation = 0;
        foreach (var (route, parameters) in PageRoutes())
        {
            if (route.Contains('{'))
            {
                foreach (var value in values) requests.Add((Fill(route, value), "route", value, false));
                continue;
            }
            foreach (var parameter in parameters.Append("unknown"))
            {
                // Each parameter gets a rotating third of the values, the script marker always; every value reaches every page.
                foreach (var value in values.Where((_, i) => (i + rotation) % 3 == 0).Append(HostileInput.ScriptMarker).Distinct())
                    requests.Add(($"{route}?{parameter}={Encode(value)}", parameter, value, false));
                rotation++;
            }
        }
        foreach (var (route, parameters) in ApiRoutes)
            foreach (var parameter in parameters)
                foreach (var value in values.Where((_, i) => (i + rotation++) % 2 == 0).Append(HostileInput.ScriptMarker).Distinct())
                    requests.Add(($"{route}?{parameter}={Encode(value)}", parameter, value, true));
        foreach (var route in ApiSlugRoutes)
            foreach (var value in values)
                requests.Add((Fill(route, value), "route", value, true));

        var failures = new List<string>();
        using var client = app.CreateClient("en");
        foreach (var (url, parameter, value, api) in requests)
        {
            HttpResponseMessage response;
            try
            {
                response = await client.GetAsync(url);
            }
            catch (InvalidOperationException e) when (e.Message.Contains("null characters"))
            {
                // A NUL in the path: the server refuses it before the app sees it (Kestrel answers 400).
                continue;
            }
            using var _ = response;
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            if (status >= 500) failures.Add($"{status} {url}");
            if (body.Contains(HostileInput.ScriptMarker, StringComparison.Ordinal) || body.Contains(HostileInput.AttributeMarker, StringComparison.Ordinal))
                failures.Add($"reflected unencoded: {url}");
            if (body.Contains("   at ", StringComparison.Ordinal) && body.Contains("Exception", StringComparison.Ordinal))
                failures.Add($"stack trace: {url}");
            if (value == HostileInput.ScriptMarker && ClosedParameters.Contains(parameter))
            {
                if (api && status != 400) failures.Add($"API accepted {parameter}={value} with {status}: {url}");
                if (!api && status == 200 && !body.Contains("data-testid=\"query-notice\"", StringComparison.Ordinal))
                    failures.Add($"no notice for {parameter}: {url}");
            }
            if (api && status == 200 && body.StartsWith("{\"items\"", StringComparison.Ordinal))
            {
                using var json = System.Text.Json.JsonDocument.Parse(body);
                if (json.RootElement.GetProperty("items").GetArrayLength() > 1000) failures.Add($"more than 1000 items: {url}");
            }
        }

        output.WriteLine($"{requests.Count} requests over {PageRoutes().Count} page routes and {ApiRoutes.Count + ApiSlugRoutes.Length} API routes, {values.Count} distinct values");
        Assert.True(requests.Count >= 1000, $"only {requests.Count} requests");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)));
    }

    [Theory]
    [InlineData("/api/companies?pageSize=1000000000")]
    [InlineData("/api/companies?pageSize=1e9")]
    public async Task Page_sizes_beyond_the_limit_are_refused_not_served(string url)
    {
        using var client = app.CreateClient("en");
        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static string Fill(string route, string value)
    {
        var start = route.IndexOf('{');
        var end = route.IndexOf('}', start);
        return route[..start] + Encode(value) + route[(end + 1)..];
    }

    /// <summary>Percent-encodes the UTF-8 bytes (a lone surrogate becomes U+FFFD), except where a value is itself a broken escape.</summary>
    private static string Encode(string value)
    {
        if (value.StartsWith('%') && value.Length <= 6) return value; // sent raw: broken percent-encoding on purpose
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~') builder.Append(c);
            else builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }
}
