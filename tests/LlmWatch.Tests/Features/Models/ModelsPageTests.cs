using System.Net;
using System.Text.RegularExpressions;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Features.Models;

[Collection(AppCollection.Name)]
public sealed class ModelsPageTests(LlmWatchFactory app)
{
    private static List<string> Models(string html) =>
        Regex.Matches(html, "data-model=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

    private static int Results(string html) => int.Parse(Regex.Match(html, @"(?:共 )?(\d+) (?:results|条)").Groups[1].Value);

    [Theory]
    [InlineData("en", "Models", "Open weights", "at least")]
    [InlineData("zh-CN", "模型", "开放权重", "至少")]
    public async Task The_registry_lists_every_model_in_the_readers_language(string language, string title, string open, string atLeast)
    {
        var (status, html) = await app.GetPageAsync("/models?pageSize=500", language);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(title, html);
        Assert.Contains(open, html);
        Assert.Contains(atLeast, html);
        Assert.Contains("万亿参数", html);
        // The article's 24 models and Epoch AI's rows, each model once (M6, PanGu and PLUG are linked, not twinned).
        var models = Models(html);
        Assert.True(models.Count > 150, models.Count.ToString());
        Assert.Equal(models.Count, models.Distinct().Count());
        Assert.Equal(models.Count, Results(html));
        Assert.Contains("m6", models);
        Assert.DoesNotContain("m6-t", models);
    }

    [Theory]
    [InlineData("org=meta", new[] { "densenet-264", "llama", "llama-2", "llama-2-chat" })]
    [InlineData("open=true&org=deepseek", new[] { "deepseek-coder-v2-236b", "deepseek-r1", "deepseek-v2-5", "deepseek-v3" })]
    [InlineData("size=trillion", new[] { "kimi-k2", "kimi-k2-thinking", "ling-1t", "m6", "pangu", "qwen3-max", "wudao-2" })]
    [InlineData("size=medium&org=baichuan", new[] { "baichuan-13b" })]
    [InlineData("org=tsinghua-university&year=2022", new[] { "cogvideo", "ditto", "glm-130b", "internimage", "simcse" })]
    [InlineData("confidence=speculative&year=2024", new[] { "glm-4-plus", "megascale-production", "yi-large" })]
    [InlineData("org=01-ai", new[] { "yi-34b", "yi-large", "yi-lightning" })]
    public async Task Filters_narrow_the_registry(string query, string[] expected)
    {
        var (_, html) = await app.GetPageAsync("/models?" + query);

        Assert.Equal(expected, Models(html).Order());
        Assert.DoesNotContain("data-testid=\"query-notice\"", html);
    }

    [Fact]
    public async Task Sorting_by_size_puts_the_largest_first_and_unknown_sizes_last()
    {
        var (_, html) = await app.GetPageAsync("/models?sort=parameters&pageSize=500");

        var models = Models(html);
        Assert.Contains(models[0], new[] { "kimi-k2", "kimi-k2-thinking", "ling-1t", "m6", "pangu", "qwen3-max", "wudao-2" });
        Assert.True(models.IndexOf("caozhi") < models.IndexOf("baichuan-13b"));
        Assert.True(models.IndexOf("baichuan-13b") < models.IndexOf("gpt-4"));
    }

    [Theory]
    [InlineData("org=nobody", "org")]
    [InlineData("open=maybe", "open")]
    [InlineData("size=huge", "size")]
    [InlineData("sort=zzz", "sort")]
    [InlineData("page=-1", "page")]
    [InlineData("year=20x5", "year")]
    [InlineData("year=1800", "year")]
    [InlineData("confidence=sure", "confidence")]
    public async Task A_value_not_understood_is_ignored_with_a_notice(string query, string name)
    {
        var (status, html) = await app.GetPageAsync("/models?" + query);
        var (_, unfiltered) = await app.GetPageAsync("/models");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches($"(?s)data-testid=\"query-notice\".{{0,800}}?: {name}\\.", html);
        Assert.Equal(Results(unfiltered), Results(html));
    }

    [Theory]
    [InlineData("year=20x5")]
    [InlineData("confidence=sure")]
    [InlineData("org=nobody")]
    public async Task The_api_refuses_a_filter_value_it_does_not_understand(string query)
    {
        var response = await app.CreateClient().GetAsync("/api/models?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(query.Split('=')[0], await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_api_filters_by_year_and_confidence_as_the_page_does()
    {
        var json = await app.CreateClient().GetStringAsync("/api/models?confidence=speculative&year=2024");
        var (_, html) = await app.GetPageAsync("/models?confidence=speculative&year=2024");

        var slugs = Regex.Matches(json, "\"slug\":\"([^\"]+)\"").Select(m => m.Groups[1].Value).Order().ToList();
        Assert.Equal(Models(html).Order(), slugs);
        Assert.Contains("yi-large", slugs);
    }

    [Fact]
    public async Task As_of_2024_01_01_the_registry_has_yi_34b_and_not_deepseek_v3()
    {
        var (_, then) = await app.GetPageAsync("/models?asOf=2024-01-01&pageSize=500");
        var (_, now) = await app.GetPageAsync("/models?pageSize=500");

        Assert.Contains("yi-34b", Models(then));
        Assert.DoesNotContain("deepseek-v3", Models(then));
        Assert.Contains("deepseek-v3", Models(now));
        // Links on the page keep the day.
        Assert.Contains("href=\"/models/yi-34b?asOf=2024-01-01\"", then);
    }

    [Fact]
    public async Task The_chart_counts_releases_per_year_and_has_a_table()
    {
        var (_, html) = await app.GetPageAsync("/models?org=deepseek");

        var years = Regex.Matches(html, "data-year=\"(\\d+)\" data-total=\"(\\d+)\"").ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value));
        Assert.Contains("2024", years.Keys);
        Assert.Equal(Models(html).Count, years.Values.Sum());
        Assert.Contains("data-testid=\"releases-table\"", html);
        Assert.Matches("<title>2024 · DeepSeek: \\d+ models</title>", html);
    }

    [Theory]
    [InlineData("en", "Confident", "Open weights (restricted use)")]
    [InlineData("zh-CN", "确信", "开放权重（限制用途）")]
    public async Task A_dataset_model_shows_its_confidence_and_access_in_the_list(string language, string confidence, string access)
    {
        var (_, html) = await app.GetPageAsync("/models?org=deepseek&year=2024", language);

        Assert.Matches($"(?s)data-model=\"deepseek-v3\".*?data-confidence=\"confident\"[^>]*>{confidence}<", html);
        Assert.Matches($"(?s)data-model=\"deepseek-v3\".*?data-testid=\"accessibility\".*?{Regex.Escape(access)}", html);
    }

    [Fact]
    public async Task A_model_shows_its_lineage_both_ways()
    {
        var (status, html) = await app.GetPageAsync("/models/llama-2");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches("(?s)data-testid=\"lineage\".*href=\"/models/llama\".*Llama 2.*href=\"/models/llama-2-chat\"", html);
    }

    [Theory]
    [InlineData("en", "13B", "from the model's name", "Free")]
    [InlineData("zh-CN", "130亿", "据模型名称", "免费可商用")]
    public async Task A_models_size_and_terms_are_stated_honestly(string language, string size, string basis, string terms)
    {
        var (_, html) = await app.GetPageAsync("/models/baichuan-13b", language);

        Assert.Matches($@"{size}\s*</data>[\s\S]*?— {basis}", html);
        Assert.Contains("百亿级别", html);
        Assert.Contains(terms, html);
        Assert.Contains("href=\"/companies/baichuan\"", html);
    }

    [Fact]
    public async Task An_unknown_model_is_a_friendly_404()
    {
        var (status, html) = await app.GetPageAsync("/models/no-such-model");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("Page not found", html);
    }

    [Theory]
    [InlineData("/models?sort=released", 6)]
    [InlineData("/models?org=baichuan", 7)]
    [InlineData("/models/llama-2", 6)]
    public async Task Pages_load_with_a_fixed_number_of_queries(string url, int expected)
    {
        await app.GetPageAsync(url);
        await app.ForgetCachedAnswersAsync();
        app.Queries.Reset();

        await app.GetPageAsync(url);

        // List: footer (its credits included), count, page, citations, organisations, releases, and the organisation in the address looked up.
        // Model: footer, model, derived models, citations, organisations, the dataset report.
        Assert.True(app.Queries.Commands.Count == expected, $"{app.Queries.Commands.Count}\n" + string.Join("\n---\n", app.Queries.Commands));
    }
}
