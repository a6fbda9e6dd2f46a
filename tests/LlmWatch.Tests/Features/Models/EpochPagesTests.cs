using System.Net;
using System.Text.RegularExpressions;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Features.Models;

/// <summary>What a reader sees of Epoch AI's dataset (issue 19): a model's figures with their row, the dataset's table, the credit line, the GLM contradiction.</summary>
[Collection(AppCollection.Name)]
public sealed class EpochPagesTests(LlmWatchFactory app)
{
    private const string Credit = "Epoch AI, 'Data on AI Models'. Published online at epoch.ai. Retrieved from 'https://epoch.ai/data/ai-models' [online resource].";

    private static string Text(string html) => WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(html, "<[^>]+>", " "), @"\s+", " "));

    /// <summary>The text as a reader sees it inline: tags dropped, not turned into spaces.</summary>
    private static string Inline(string html) => WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(html, "<[^>]+>", ""), @"\s+", " "));

    [Theory]
    [InlineData("en", "Reported 2024-12-24 (DeepSeek-V3 Technical Report), via Epoch AI", "Training compute")]
    [InlineData("zh-CN", "发布于 2024-12-24 (DeepSeek-V3 Technical Report), 来源 Epoch AI", "训练算力")]
    public async Task A_2024_model_cites_its_row_with_the_rows_own_date(string language, string citation, string compute)
    {
        var (status, html) = await app.GetPageAsync("/models/deepseek-v3", language);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(citation, Inline(Regex.Match(html, "(?s)data-testid=\"epoch-citation\">.*?</p>").Value));
        Assert.Contains(compute, html);
        Assert.Matches("href=\"/sources/epoch-ai-models-china\\?row=\\d+#row-\\d+\" data-testid=\"row-link\"", html);
        Assert.Contains("data-confidence=\"confident\"", html);
        Assert.Contains("href=\"/models/deepseek-r1\"", html);
    }

    [Fact]
    public async Task A_joint_model_shows_all_its_organisations()
    {
        var (_, html) = await app.GetPageAsync("/models/glm-4-5");

        var organisations = Regex.Matches(html, "href=\"/companies/([^\"]+)\" data-testid=\"model-org\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["zhipu-ai", "tsinghua-university"], organisations);
        Assert.Contains("joint work", html);
    }

    [Theory]
    [InlineData("/models/glm-130b")]
    [InlineData("/models/chatglm3-6b")]
    [InlineData("/models/glm")]
    public async Task The_glm_attribution_contradiction_is_shown_on_both_sides(string url)
    {
        var (status, html) = await app.GetPageAsync(url);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("The sources disagree on who made it", Text(html));
    }

    [Fact]
    public async Task The_citation_link_lands_on_the_cited_row_with_its_cells_marked()
    {
        var (_, model) = await app.GetPageAsync("/models/deepseek-v3");
        var href = WebUtility.HtmlDecode(Regex.Match(model, "href=\"([^\"]+)\" data-testid=\"row-link\"").Groups[1].Value);
        var anchor = href[(href.IndexOf('#') + 1)..];

        var (status, html) = await app.GetPageAsync(href[..href.IndexOf('#')]);

        Assert.Equal(HttpStatusCode.OK, status);
        var row = Regex.Match(html, $"(?s)<tr id=\"{anchor}\".*?</tr>").Value;
        Assert.Contains("DeepSeek-V3", row);
        Assert.Contains("data-column=\"Parameters\"", row);
        Assert.Contains("href=\"/models/deepseek-v3\"", row);
    }

    [Theory]
    [InlineData("en", "Dataset", "Search the rows")]
    [InlineData("zh-CN", "数据集", "搜索数据行")]
    public async Task The_dataset_source_is_a_table_with_its_metadata_and_credit(string language, string kicker, string search)
    {
        var (status, html) = await app.GetPageAsync("/sources/epoch-ai-models-china", language);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(kicker, html);
        Assert.Contains(search, html);
        Assert.Contains(Credit, WebUtility.HtmlDecode(Regex.Match(html, "(?s)data-testid=\"dataset-credit\">(.*?)<").Groups[1].Value));
        Assert.Equal(50, Regex.Matches(html, "data-testid=\"dataset-row\"").Count);
        Assert.Contains("CC BY 4.0", html);
        Assert.Contains("data-testid=\"cited-cell\"", html);
    }

    [Fact]
    public async Task The_dataset_is_searched_and_paged_through_the_query_string()
    {
        var (_, found) = await app.GetPageAsync("/sources/epoch-ai-models-china?q=deepseek-v3");
        var (_, second) = await app.GetPageAsync("/sources/epoch-ai-models-china?page=2");
        var (_, none) = await app.GetPageAsync("/sources/epoch-ai-models-china?q=no-such-model-anywhere");

        var rows = Regex.Matches(found, "data-testid=\"dataset-row\" data-row=\"(\\d+)\"").Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.NotEmpty(rows);
        // Any cell may match (a later model's "Base model" names DeepSeek-V3); the model's own row is among them.
        Assert.InRange(rows.Count, 1, 49);
        Assert.Matches("(?s)<tr id=\"row-\\d+\"[^>]*>.{0,400}?>DeepSeek-V3</mark>", found);
        Assert.Equal(51, int.Parse(Regex.Match(second, "data-testid=\"dataset-row\" data-row=\"(\\d+)\"").Groups[1].Value));
        Assert.Contains("data-testid=\"empty-state\"", none);
    }

    [Fact]
    public async Task A_bad_page_is_a_notice_not_an_error()
    {
        var (status, html) = await app.GetPageAsync("/sources/epoch-ai-models-china?page=abc");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-testid=\"query-notice\"", html);
    }

    [Theory]
    [InlineData("en", "Model data from:")]
    [InlineData("zh-CN", "模型数据来源：")]
    public async Task The_footer_credits_epoch_ai_verbatim(string language, string label)
    {
        var (_, html) = await app.GetPageAsync("/", language);

        var footer = WebUtility.HtmlDecode(Regex.Match(html, "(?s)<footer.*?</footer>").Value);
        Assert.Contains(label, footer);
        Assert.Contains(Credit, footer);
    }

    [Fact]
    public async Task The_article_source_page_stays_an_article()
    {
        var (status, html) = await app.GetPageAsync("/sources/huxiu-2023-08-02");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-testid=\"source-text\"", html);
        Assert.DoesNotContain("data-testid=\"dataset-table\"", html);
    }
}
