using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace LlmWatch.Web.Hosting;

/// <summary>
/// The SDK's endpoint manifest gives a package's fingerprinted files (MudBlazor's <c>MudBlazor.min.{hash}.css</c>, which
/// <c>@Assets</c> links) no precompressed variants: only the plain path negotiates .br/.gz, and the plain path is
/// <c>no-cache</c>. This writes a copy in which every fingerprinted route without variants borrows its plain route's,
/// so the pages can link every asset immutably and still receive it compressed.
/// </summary>
public static class StaticAssetsManifest
{
    /// <summary>The path of the completed copy, or null (use the SDK's manifest as it is) when there is nothing to complete.</summary>
    public static string? Complete(IWebHostEnvironment environment)
    {
        var original = Path.Combine(AppContext.BaseDirectory, $"{environment.ApplicationName}.staticwebassets.endpoints.json");
        if (!File.Exists(original)) return null;
        var bytes = File.ReadAllBytes(original);
        var manifest = JsonNode.Parse(bytes)!.AsObject();
        var endpoints = manifest["Endpoints"]!.AsArray();
        var all = endpoints.Select(e => e!.AsObject()).ToList();
        var negotiated = all.Where(e => e["Selectors"]!.AsArray().Count > 0).ToLookup(e => (string)e["Route"]!);

        var added = 0;
        foreach (var fingerprinted in all)
        {
            if (Property(fingerprinted, "label") is not { } label || negotiated.Contains((string)fingerprinted["Route"]!)) continue;
            var variants = negotiated[label].ToList();
            if (variants.Count == 0) continue;
            var cacheControl = Header(fingerprinted, "Cache-Control");
            foreach (var variant in variants)
            {
                var copy = variant.DeepClone().AsObject();
                copy["Route"] = (string)fingerprinted["Route"]!;
                foreach (var header in copy["ResponseHeaders"]!.AsArray())
                    if ((string)header!["Name"]! == "Cache-Control") header["Value"] = cacheControl;
                var properties = fingerprinted["EndpointProperties"]!.DeepClone().AsArray();
                foreach (var property in variant["EndpointProperties"]!.AsArray())
                    if ((string)property!["Name"]! == "original-resource") properties.Add(property.DeepClone());
                copy["EndpointProperties"] = properties;
                endpoints.Add(copy);
                added++;
            }
            if (Header(fingerprinted, "Vary") is null)
                fingerprinted["ResponseHeaders"]!.AsArray().Add(new JsonObject { ["Name"] = "Vary", ["Value"] = "Accept-Encoding" });
        }
        if (added == 0) return null;

        // Named by the original's content: concurrent hosts (tests, several checkouts) share one file or write identical ones.
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "llmwatch-static-assets")).FullName;
        var target = Path.Combine(folder, $"{Convert.ToHexString(SHA256.HashData(bytes))[..16]}.endpoints.json");
        if (!File.Exists(target))
        {
            var temporary = $"{target}.{Guid.NewGuid():N}";
            File.WriteAllText(temporary, manifest.ToJsonString());
            File.Move(temporary, target, overwrite: true);
        }
        return target;
    }

    private static string? Property(JsonObject endpoint, string name) =>
        endpoint["EndpointProperties"]!.AsArray().FirstOrDefault(p => (string)p!["Name"]! == name)?["Value"]?.GetValue<string>();

    private static string? Header(JsonObject endpoint, string name) =>
        endpoint["ResponseHeaders"]!.AsArray().FirstOrDefault(h => (string)h!["Name"]! == name)?["Value"]?.GetValue<string>();
}
