using System.Net;
using System.Text.RegularExpressions;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Features.Models;

[Collection(AppCollection.Name)]
public sealed class ModelsPageTests(LlmWatchFactory app)
{
    private static List<string> Models(string html) =>
        Regex.Matches(html, "data-model=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

    [Theory]
    [InlineData("en", "Models", "Open weights", "at least")]
    [InlineData("zh-CN", "模型", "开放权重", "至少")]
    public async Task The_registry_lists_every_model_in_the_readers_language(string language, string title, string open, string atLeast)
    {
        var (status, html) = await app.GetPageAsync("/models", language);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(title, html);
        Assert.Contains(open, html);
        Assert.Contains(atLeast, html);
        Assert.Contains("万亿参数", html);
        Assert.Equal(24, Models(html).Count);
    }

    [Theory]
    [InlineData("org=meta", new[] { "llama", "llama-2", "llama-2-chat" })]
    [InlineData("open=true", new[] { "baichuan-13b", "llama", "llama-2", "llama-2-chat" })]
    [InlineData("size=trillion", new[] { "m6", "pangu", "wudao-2" })]
    [InlineData("size=medium", new[] { "baichuan-13b", "caozhi" })]
    public async Task Filters_narrow_the_registry(string query, string[] expected)
    {
        var (_, html) = await app.GetPageAsync("/models?" + query);

        Assert.Equal(expected, Models(html).Order());
        Assert.DoesNotContain("data-testid=\"query-notice\"", html);
    }

    [Fact]
    public async Task Sorting_by_size_puts_the_largest_first_and_unknown_sizes_last()
    {
        var (_, html) = await app.GetPageAsync("/models?sort=parameters");

        var models = Models(html);
        Assert.Contains(models[0], new[] { "m6", "pangu", "wudao-2" });
        Assert.True(models.IndexOf("caozhi") < models.IndexOf("baichuan-13b"));
        Assert.True(models.IndexOf("baichuan-13b") < models.IndexOf("gpt-4"));
    }

    [Theory]
    [InlineData("org=nobody", "org")]
    [InlineData("open=maybe", "open")]
    [InlineData("size=huge", "size")]
    [InlineData("sort=zzz", "sort")]
    [InlineData("page=-1", "page")]
    public async Task A_value_not_understood_is_ignored_with_a_notice(string query, string name)
    {
        var (status, html) = await app.GetPageAsync("/models?" + query);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches($"(?s)data-testid=\"query-notice\".{{0,800}}?: {name}\\.", html);
        Assert.Equal(24, Models(html).Count);
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

        Assert.Matches($@"{size}\s*</span>[\s\S]*?— {basis}", html);
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
    [InlineData("/models?sort=released", 4)]
    [InlineData("/models?org=baichuan", 5)]
    [InlineData("/models/llama-2", 4)]
    public async Task Pages_load_with_a_fixed_number_of_queries(string url, int expected)
    {
        await app.GetPageAsync(url);
        await app.ForgetCachedAnswersAsync();
        app.Queries.Reset();

        await app.GetPageAsync(url);

        // List: footer, count, page, citations, and the organisation in the address looked up. Model: footer, model, derived models, citations.
        Assert.True(app.Queries.Commands.Count == expected, $"{app.Queries.Commands.Count}\n" + string.Join("\n---\n", app.Queries.Commands));
    }
}
