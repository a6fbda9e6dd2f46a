using System.Net;
using System.Text.Json;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Hosting;

/// <summary>
/// /openapi/v1.json against the rules of Redocly's recommended set that the document can break (run by hand with
/// <c>npx @redocly/cli lint</c>: 0 errors, 0 warnings), so that CI needs no node.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class OpenApiDocumentTests(LlmWatchFactory app)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = app.CreateClient("en");
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    private static List<(string Where, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(m => Methods.Contains(m.Name)).Select(m => ($"{m.Name.ToUpperInvariant()} {path.Name}", m.Value)))
            .ToList();

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [Fact]
    public async Task Every_operation_has_a_unique_operation_id_and_a_summary()
    {
        var operations = Operations(await DocumentAsync());

        Assert.NotEmpty(operations);
        Assert.All(operations, o => Assert.False(string.IsNullOrWhiteSpace(Text(o.Operation, "operationId")), $"{o.Where} has no operationId"));
        Assert.All(operations, o => Assert.False(string.IsNullOrWhiteSpace(Text(o.Operation, "summary")), $"{o.Where} has no summary"));
        var ids = operations.Select(o => Text(o.Operation, "operationId")).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Every_tag_an_operation_uses_is_declared_with_a_description_and_every_declared_tag_is_used()
    {
        var document = await DocumentAsync();
        var declared = document.GetProperty("tags").EnumerateArray().ToDictionary(t => Text(t, "name")!, t => Text(t, "description"));
        var used = new HashSet<string>();

        foreach (var (where, operation) in Operations(document))
        {
            var tags = operation.TryGetProperty("tags", out var list) ? list.EnumerateArray().Select(t => t.GetString()!).ToList() : [];
            Assert.True(tags.Count > 0, $"{where} has no tag");
            foreach (var tag in tags)
            {
                Assert.True(declared.ContainsKey(tag), $"{where} uses the undeclared tag '{tag}'");
                used.Add(tag);
            }
        }
        Assert.All(declared, t => Assert.False(string.IsNullOrWhiteSpace(t.Value), $"tag '{t.Key}' has no description"));
        Assert.Equal(declared.Keys.Order(), used.Order());
    }

    [Fact]
    public async Task Info_names_the_data_licence_and_a_contact()
    {
        var info = (await DocumentAsync()).GetProperty("info");

        var license = info.GetProperty("license");
        Assert.Contains("CC BY 4.0", Text(license, "name"));
        Assert.Equal("https://creativecommons.org/licenses/by/4.0/", Text(license, "url"));
        Assert.False(string.IsNullOrWhiteSpace(Text(info.GetProperty("contact"), "name")));
        Assert.Contains("Federal Reserve", Text(info, "description"));
    }

    [Fact]
    public async Task Servers_have_no_trailing_slash()
    {
        var servers = (await DocumentAsync()).GetProperty("servers").EnumerateArray().Select(s => Text(s, "url")).ToList();

        Assert.NotEmpty(servers);
        Assert.All(servers, url => Assert.False(url!.EndsWith('/') && url != "/", $"server '{url}' ends with a slash"));
    }

    [Fact]
    public async Task Every_operation_states_that_it_needs_no_credentials()
    {
        var document = await DocumentAsync();
        var root = document.TryGetProperty("security", out var rootSecurity) ? rootSecurity : (JsonElement?)null;

        Assert.All(Operations(document), o =>
        {
            var security = o.Operation.TryGetProperty("security", out var own) ? own : root;
            Assert.True(security is { ValueKind: JsonValueKind.Array }, $"{o.Where} states no security");
            Assert.Equal(0, security!.Value.GetArrayLength());
        });
    }

    [Fact]
    public async Task Every_operation_describes_a_success_and_a_client_error()
    {
        Assert.All(Operations(await DocumentAsync()), o =>
        {
            var codes = o.Operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            Assert.Contains(codes, c => c.StartsWith('2'));
            Assert.Contains(codes, c => c.StartsWith('4'));
        });
    }
}
