using System.Text.RegularExpressions;
using System.Xml.Linq;
using LlmWatch.Tests.Infrastructure;
using LlmWatch.Tests.Security;

namespace LlmWatch.Tests.Hosting;

[Collection(AppCollection.Name)]
public sealed partial class LocalizationTests(LlmWatchFactory app)
{
    // A missing resource shows its key ("Nav.Companies"): a text node that looks like one is a missing string.
    [GeneratedRegex(@">\s*([A-Z][A-Za-z]+(\.[A-Z][A-Za-z]+)+)\s*<")]
    private static partial Regex ResourceKey();

    public static IEnumerable<object[]> Pages()
    {
        var samples = new Dictionary<string, string>
        {
            ["/companies/{slug}"] = "/companies/zhipu-ai",
            ["/people/{slug}"] = "/people/wang-xiaochuan",
            ["/models/{slug}"] = "/models/baichuan-13b",
            ["/sources/{id}"] = "/sources/huxiu-2023-08-02",
        };
        // The editor area answers a reader with a redirect to sign in (CurateRouteSweepTests checks it); these are the reader's pages.
        foreach (var (route, _) in HostileInputTests.PageRoutes().Where(r => !r.Route.StartsWith("/curate", StringComparison.Ordinal)))
        {
            var url = route.Contains('{') ? samples.GetValueOrDefault(route) : route;
            if (url is null) continue;
            yield return [url, "en"];
            yield return [url, "zh-CN"];
        }
    }

    // Names from the data that look like keys ("Shannon.AI", an organisation Epoch AI's rows name): shown as written, not missing strings.
    private static readonly Lazy<HashSet<string>> DataNames = new(() =>
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in new[] { "organizations.json", "epoch-organizations.json", "models.json" })
            foreach (Match m in Regex.Matches(File.ReadAllText(Path.Combine(RepositoryData.Directory, "seed", file)), "\"(?:name|nameEn)\": \"([^\"]+)\""))
                names.Add(m.Groups[1].Value);
        return names;
    });

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_shows_text_not_resource_keys(string url, string language)
    {
        var (_, html) = await app.GetPageAsync(url, language);

        var keys = ResourceKey().Matches(html).Select(m => m.Groups[1].Value).Distinct().Where(k => !DataNames.Value.Contains(k)).ToList();
        Assert.True(keys.Count == 0, $"{url} ({language}) shows keys: {string.Join(", ", keys)}");
    }

    // Search results and link previews show this sentence; Lighthouse counts a page without one as a fault.
    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_describes_itself_in_the_readers_language(string url, string language)
    {
        var (_, html) = await app.GetPageAsync(url, language);

        var description = MetaDescription().Match(html);
        Assert.True(description.Success, $"{url} ({language}) has no meta description");
        Assert.Contains(language == "zh-CN" ? "大模型创业版图" : "large-model", description.Groups[1].Value);
    }

    [GeneratedRegex(@"<meta name=""description"" content=""([^""]{20,})""")]
    private static partial Regex MetaDescription();

    [Fact]
    public void Every_string_exists_in_both_languages()
    {
        var resources = Path.Combine(Path.GetDirectoryName(RepositoryData.Directory)!, "src", "LlmWatch.Web", "Resources");
        var problems = new List<string>();
        foreach (var english in Directory.EnumerateFiles(resources, "*.resx", SearchOption.AllDirectories).Where(f => !f.EndsWith(".zh-CN.resx")))
        {
            var chinese = english[..^".resx".Length] + ".zh-CN.resx";
            if (!File.Exists(chinese))
            {
                problems.Add($"{Path.GetFileName(english)} has no zh-CN file");
                continue;
            }
            var en = Keys(english);
            var zh = Keys(chinese);
            problems.AddRange(en.Except(zh).Select(k => $"{Path.GetFileName(chinese)} lacks {k}"));
            problems.AddRange(zh.Except(en).Select(k => $"{Path.GetFileName(english)} lacks {k}"));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static HashSet<string> Keys(string file) =>
        XDocument.Load(file).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();
}
