using System.Text.Json.Nodes;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Security;

/// <summary>
/// Data that carries markup (a name, a summary, a note, even the source text and its quote) renders as text on every
/// page, and a CSV download cannot smuggle a formula into a spreadsheet.
/// </summary>
public sealed class HostileDataTests : IClassFixture<HostileDataTests.HostileDataFactory>
{
    public const string Script = "<script>alert(1)</script>";
    public const string Attribute = "\" onmouseover=\"alert(1)";

    public sealed class HostileDataFactory : LlmWatchFactory
    {
        private readonly DataCopy _data = new();

        public HostileDataFactory()
        {
            // The source gains a hostile sentence that an organization cites, so quotes carry markup too.
            var text = Path.Combine(_data.Directory, "sources", "huxiu-2023-08-02.txt");
            File.AppendAllText(text, $"恶意的句子{Script}{Attribute}。\n");
            Edit("organizations.json", array =>
            {
                foreach (var organization in array.Take(5))
                {
                    organization!["nameZh"] = $"{organization["nameZh"]}{Script}";
                    organization["nameEn"] = $"=HYPERLINK(\"x\"){Attribute}";
                    organization["summaryEn"] = $"{Script}{Attribute}";
                    organization["summaryZh"] = $"{Script}{Attribute}";
                    organization["aliases"] = new JsonArray($"+{Script}", "@SUM(1)");
                    organization["notes"] = new JsonArray(new JsonObject { ["zh"] = Script, ["en"] = Attribute });
                    organization["citations"]!.AsArray().Add(new JsonObject { ["sourceId"] = "huxiu-2023-08-02", ["quote"] = $"恶意的句子{Script}{Attribute}。" });
                    organization["bases"] = HostileBasis("nameEn");
                }
            });
            Edit("people.json", array =>
            {
                foreach (var person in array.Take(5))
                {
                    person!["nameZh"] = $"{person["nameZh"]}{Script}";
                    person["summaryEn"] = Attribute;
                    person["aliases"] = new JsonArray($"{Script}", $"={Attribute}");
                    person["bases"] = HostileBasis("nameEn");
                }
            });
            Edit("events.json", array => array[0]!["titleEn"] = $"{Script}{Attribute}");
            Edit("models.json", array => array[0]!["summaryEn"] = $"{Script}{Attribute}");
            Edit("camps.json", array =>
            {
                foreach (var camp in array.Take(5))
                {
                    camp!["basis"] = "inferred";
                    camp["reasonZh"] = $"{Script}{Attribute}";
                    camp["reasonEn"] = $"{Script}{Attribute}";
                }
            });
        }

        // A basis whose reasons carry markup: shown as a badge's title and hidden text, and in the API.
        private static JsonArray HostileBasis(string field) => new(new JsonObject
        {
            ["field"] = field, ["basis"] = "outside-knowledge", ["reasonZh"] = $"{Script}{Attribute}", ["reasonEn"] = $"{Script}{Attribute}",
        });

        protected override string? DataDirectory => _data.Directory;

        private void Edit(string file, Action<JsonArray> change)
        {
            var path = _data.PathOf(file);
            var array = JsonNode.Parse(File.ReadAllText(path))!.AsArray();
            change(array);
            File.WriteAllText(path, array.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            _data.Dispose();
        }
    }

    private readonly HostileDataFactory _app;

    public HostileDataTests(HostileDataFactory app) => _app = app;

    public static IEnumerable<object[]> Pages()
    {
        var slugs = new Dictionary<string, string[]>
        {
            ["/companies/{slug}"] = ["ai-jingxuanshe", "alibaba", "baai", "baichuan", "baidu"],
            ["/people/{slug}"] = ["chen-yu", "chen-yunwen", "elon-musk", "fan-kai", "fu-sheng"],
            ["/models/{slug}"] = ["alicemind"],
            ["/sources/{id}"] = ["huxiu-2023-08-02"],
        };
        foreach (var (route, _) in HostileInputTests.PageRoutes())
        {
            if (!route.Contains('{')) yield return [route];
            else if (slugs.TryGetValue(route, out var values))
                foreach (var value in values) yield return [route[..route.IndexOf('{')] + value];
        }
        yield return ["/api/companies?pageSize=1000"];
        yield return ["/api/companies/alibaba"];
        yield return ["/api/people?pageSize=1000"];
        yield return ["/people?q=chen"];
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Markup_in_the_data_renders_inert(string url)
    {
        using var client = _app.CreateClient("zh-CN");
        using var response = await client.GetAsync(url);
        var raw = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode < 500, $"{url}: {(int)response.StatusCode}");
        Assert.DoesNotContain(Script, raw);
        Assert.DoesNotContain(Attribute, raw);
        Assert.DoesNotContain("<script>alert", raw);
    }

    [Fact]
    public async Task The_csv_download_neutralises_formulas()
    {
        using var client = _app.CreateClient("en");
        using var response = await client.GetAsync("/companies.csv");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return; // the directory's CSV arrives with the browse pages
        var csv = await response.Content.ReadAsStringAsync();

        foreach (var cell in csv.Split('\n').SelectMany(line => line.Split(',')))
        {
            var value = cell.Trim().Trim('"');
            Assert.False(value.Length > 0 && "=+-@".Contains(value[0]) , $"a cell starts with a formula character: {cell}");
        }
    }
}
