using System.Net;
using System.Text.RegularExpressions;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Features.Sources;

[Collection(AppCollection.Name)]
public sealed class SourcePageTests(LlmWatchFactory app)
{
    private const string Url = "/sources/huxiu-2023-08-02";

    [Theory]
    [InlineData("en", "sentences cited", "Highlighted sentences state facts")]
    [InlineData("zh-CN", "句被引用", "高亮的句子是")]
    public async Task The_article_is_readable_with_its_coverage_in_the_readers_language(string language, string coverage, string legend)
    {
        var (status, html) = await app.GetPageAsync(Url, language);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("大模型创业300天:成者100亿估值,80%败者出局", html);
        Assert.Contains(coverage, html);
        Assert.Contains(legend, html);
        Assert.Contains("注:本文中李明、张聪、赵辉等为化名。", html);
        Assert.Single(Regex.Matches(html, "<h1"));
    }

    [Fact]
    public async Task Cited_sentences_are_highlighted_with_their_facts_linked_and_uncited_ones_stay_plain()
    {
        var (_, html) = await app.GetPageAsync(Url);

        var coverage = Regex.Match(html, @"(\d+) of (\d+) sentences cited");
        Assert.True(coverage.Success);
        var cited = int.Parse(coverage.Groups[1].Value);
        var total = int.Parse(coverage.Groups[2].Value);
        Assert.InRange(cited, 1, total - 1);
        Assert.Equal(cited, Regex.Matches(html, "data-testid=\"cited-sentence\"").Count);
        Assert.Contains("href=\"/companies/baichuan\"", html);
        Assert.Contains("href=\"/people/wang-xiaochuan\"", html);
        Assert.Contains("href=\"/funding?company=oneflow\"", html);
        Assert.Matches("<span id=\"s-\\d+\" tabindex=\"-1\" class=\"lw-sentence\">", html);
        // The headline is a sentence nobody cites, so it stays plain.
        Assert.Matches("<span id=\"s-1\"[^>]*class=\"lw-sentence\">大模型创业300天", html);
    }

    [Fact]
    public async Task A_quote_in_the_link_marks_the_first_sentence_containing_it()
    {
        var quote = Uri.EscapeDataString("王小川共拿出5000万美元成立“百川智能”");

        var (_, html) = await app.GetPageAsync($"{Url}?q={quote}");

        Assert.Matches("<mark id=\"s-\\d+\" tabindex=\"-1\" class=\"lw-sentence lw-cited lw-sentence-target\"[^>]*>王小川共拿出5000万美元", html);
        Assert.Single(Regex.Matches(html, "lw-sentence-target"));
        Assert.DoesNotContain("data-testid=\"query-notice\"", html);
    }

    [Theory]
    [InlineData("en", "is not in this source")]
    [InlineData("zh-CN", "不在这篇来源中")]
    public async Task A_quote_not_in_the_source_gives_a_notice_not_an_error(string language, string notice)
    {
        var (status, html) = await app.GetPageAsync($"{Url}?q=nothing-like-this", language);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-testid=\"query-notice\"", html);
        Assert.Contains(notice, html);
        Assert.DoesNotContain("lw-sentence-target", html);
    }

    [Theory]
    [InlineData("en", "Page not found")]
    [InlineData("zh-CN", "页面不存在")]
    public async Task An_unknown_source_is_a_friendly_404(string language, string text)
    {
        var (status, html) = await app.GetPageAsync("/sources/no-such-source", language);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains(text, html);
    }

    [Fact]
    public async Task The_reader_loads_with_a_fixed_number_of_queries()
    {
        await app.GetPageAsync(Url);
        await app.ForgetCachedAnswersAsync();
        app.Queries.Reset();

        await app.GetPageAsync(Url);

        // The footer's sources, whether the source is a dataset (it is not), the source, each quote's first citations and count, then one
        // query per kind of fact (nine).
        Assert.True(app.Queries.Commands.Count == 13, string.Join("\n---\n", app.Queries.Commands));
    }
}
