using System.Net;
using System.Text.RegularExpressions;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Features.Camps;

[Collection(AppCollection.Name)]
public sealed class CampsPageTests(LlmWatchFactory app)
{
    private static string Column(string html, string camp) =>
        Regex.Match(html, $@"data-testid=""camp-{camp}""[\s\S]*?(?=data-testid=""camp-(general|vertical|built-on-others|application|none)""|$)").Value;

    [Theory]
    [InlineData("en", "The camp map", "benchmarked against ChatGPT")]
    [InlineData("zh-CN", "阵营版图", "对标ChatGPT")]
    public async Task Each_camp_has_a_thesis_in_the_readers_language(string language, string title, string thesis)
    {
        var (status, html) = await app.GetPageAsync("/camps", language);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($">{title}</h1>", html);
        Assert.Contains(thesis, Column(html, "general"));
        Assert.Equal(4, Regex.Matches(html, @"data-testid=""thesis""").Count);
    }

    [Fact]
    public async Task Members_sit_in_their_camp_and_link_to_their_profiles()
    {
        var (_, html) = await app.GetPageAsync("/camps", "zh-CN");

        Assert.Contains("href=\"/companies/datagrand\"", Column(html, "vertical"));
        Assert.Contains("href=\"/companies/zhipu-ai\"", Column(html, "general"));
        Assert.DoesNotContain("href=\"/companies/zhipu-ai\"", Column(html, "vertical"));
        Assert.Contains("href=\"/companies/hillhouse\"", Column(html, "none"));
    }

    [Fact]
    public async Task Members_that_released_a_model_after_the_article_are_marked_from_the_release_dates()
    {
        var (_, html) = await app.GetPageAsync("/camps");
        var general = Column(html, "general");

        // Zhipu AI's GLM-4.5 and later rows in Epoch AI's data (2025) come after 2 Aug 2023.
        var line = Regex.Match(general, @"data-testid=""shipped-since""[^>]*>(\d+) of them released a model after 2 Aug 2023").Groups[1].Value;
        Assert.True(int.TryParse(line, out var count) && count >= 1, general);
        var zhipu = Regex.Match(general, @"href=""/companies/zhipu-ai""[\s\S]*?</a>").Value;
        Assert.Contains("data-testid=\"shipped\"", zhipu);
        // As many marks as the line counts, among the members the column lists.
        Assert.InRange(Regex.Matches(general, @"data-testid=""shipped""").Count, 1, count);

        // As the record stood on the article's day, nothing had been released after it.
        var (_, before) = await app.GetPageAsync("/camps?asOf=2023-08-02");
        Assert.DoesNotContain("data-testid=\"shipped", before);
    }

    [Fact]
    public async Task Viewpoints_for_and_against_show_their_speakers_and_quotes()
    {
        var (_, html) = await app.GetPageAsync("/camps", "zh-CN");

        var general = Column(html, "general");
        Assert.Contains("朱啸虎", general);
        Assert.Contains("陈昱", general);
        Assert.Contains("通用大模型是必经之路", general);
        Assert.Contains("傅盛", Column(html, "vertical"));
        Assert.Contains("张阳", Column(html, "built-on-others"));
        Assert.Contains("反对", general);
        Assert.Contains("支持", general);
    }

    [Fact]
    public async Task The_camp_map_loads_with_a_fixed_number_of_queries()
    {
        await app.GetPageAsync("/camps");
        await app.ForgetCachedAnswersAsync();
        app.Queries.Reset();

        await app.GetPageAsync("/camps");

        // The footer's sources, members per camp, the first members of each camp (five camps), viewpoints, their citations,
        // the article's day and the models released after it.
        Assert.True(app.Queries.Commands.Count == 11, string.Join("\n---\n", app.Queries.Commands));
    }
}
