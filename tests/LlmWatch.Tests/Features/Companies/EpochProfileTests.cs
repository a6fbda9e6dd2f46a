using System.Net;
using System.Text.RegularExpressions;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Features.Companies;

/// <summary>
/// An organisation's profile over Epoch AI's rows (issue 19): each model says where and when it was reported, joint models name
/// their partners, the GLM attribution contradiction is visible on both organisations' profiles, and a row's cells are one citation.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class EpochProfileTests(LlmWatchFactory app)
{
    /// <summary>The text as a reader sees it inline: tags dropped, not turned into spaces.</summary>
    private static string Inline(string html) => WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(html, "<[^>]+>", ""), @"\s+", " "));

    private static string Models(string html) => Regex.Match(html, "(?s)data-testid=\"models\".*?</section>").Value;

    [Theory]
    [InlineData("en", "Reported 2024-12-24 (DeepSeek-V3 Technical Report), via Epoch AI · row 29 of the dataset")]
    [InlineData("zh-CN", "发布于 2024-12-24 (DeepSeek-V3 Technical Report), 来源 Epoch AI · 数据集第 29 行")]
    public async Task Each_model_on_a_profile_says_when_its_row_reported_it_and_links_the_row(string language, string line)
    {
        var (status, html) = await app.GetPageAsync("/companies/deepseek", language);

        Assert.Equal(HttpStatusCode.OK, status);
        var models = Models(html);
        var reported = Regex.Matches(models, "(?s)<p class=\"lw-epoch-citation.*?</p>").Select(m => Inline(m.Value)).ToList();
        Assert.Contains(line, reported);
        Assert.Equal(Regex.Matches(models, "href=\"/models/").Count, reported.Count);
        Assert.Contains("href=\"/sources/epoch-ai-models-china?row=29#row-29\" data-testid=\"row-link\"", models);
    }

    [Fact]
    public async Task A_joint_model_names_its_partners_on_each_organisations_profile()
    {
        var (_, zhipu) = await app.GetPageAsync("/companies/zhipu-ai");
        var (_, tsinghua) = await app.GetPageAsync("/companies/tsinghua-university");

        var glm45 = Regex.Match(Models(zhipu), "(?s)<li>\\s*<a href=\"/models/glm-4-5\">.*?</li>").Value;
        Assert.Contains("jointly with", glm45);
        Assert.Contains("href=\"/companies/tsinghua-university\"", glm45);
        var back = Regex.Match(Models(tsinghua), "(?s)<li>\\s*<a href=\"/models/glm-4-5\">.*?</li>").Value;
        Assert.Contains("href=\"/companies/zhipu-ai\"", back);
        Assert.DoesNotContain("href=\"/companies/tsinghua-university\"", back);
        // A model the organisation made alone names no partner.
        var alone = Regex.Match(Models(zhipu), "(?s)<li>\\s*<a href=\"/models/chatglm3-6b\">.*?</li>").Value;
        Assert.NotEmpty(alone);
        Assert.DoesNotContain("data-testid=\"model-partners\"", alone);
    }

    [Theory]
    [InlineData("/companies/zhipu-ai", "chatglm3-6b", "en", "The sources disagree on who made it")]
    [InlineData("/companies/baai", "glm", "en", "The sources disagree on who made it")]
    [InlineData("/companies/baai", "glm", "zh-CN", "归属有分歧")]
    public async Task The_glm_contradiction_is_shown_where_a_reader_meets_the_model_on_a_profile(string url, string model, string language, string note)
    {
        var (_, html) = await app.GetPageAsync(url, language);

        var item = Regex.Match(Models(html), $"(?s)<li>\\s*<a href=\"/models/{model}\">.*?</li>").Value;
        Assert.Contains("data-testid=\"editor-notes\"", item);
        Assert.Contains(note, Inline(item));
    }

    [Fact]
    public async Task A_rows_cited_cells_are_one_citation_that_opens_the_row()
    {
        var (_, html) = await app.GetPageAsync("/companies/deepseek");

        var v3 = Regex.Match(Models(html), "(?s)<li>\\s*<a href=\"/models/deepseek-v3\">.*?</li>").Value;
        var links = Regex.Matches(v3, "href=\"([^\"]+)\" class=\"lw-citation-link\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(["/sources/epoch-ai-models-china?row=29#row-29"], links);
        var card = Inline(v3[v3.IndexOf("data-testid=\"citation-card\"", StringComparison.Ordinal)..]);
        Assert.Contains("Row 29 of the dataset", card);
        Assert.Contains("Model: DeepSeek-V3", card);
        Assert.Contains("Publication date: 2024-12-24", card);

        // The profile's list of quotes: one entry per row, its cells by column, linking to the row.
        var quotes = Regex.Match(html, "(?s)data-testid=\"citations\".*?</section>").Value;
        var rows = Regex.Matches(quotes, "data-testid=\"citation-row\"").Count;
        Assert.Equal(Regex.Matches(Models(html), "href=\"/models/").Count, rows);
        Assert.Contains("Open row 29 of the dataset", quotes);
        Assert.DoesNotContain("data-testid=\"citation-quote\">“2024-12-24”", quotes);
    }

    [Fact]
    public async Task As_of_a_day_the_profile_lists_only_the_models_reported_by_then()
    {
        var (_, then) = await app.GetPageAsync("/companies/deepseek?asOf=2024-07-01");
        var (_, today) = await app.GetPageAsync("/companies/deepseek");

        Assert.Contains("href=\"/models/deepseek-v3", Models(today));
        Assert.DoesNotContain("href=\"/models/deepseek-v3", Models(then));
        Assert.Contains("href=\"/models/deepseek-coder-v2-236b?asOf=2024-07-01\"", Models(then));

        // The row link keeps the day, and opens the page that holds the row under it: the 50 rows before it in the file are
        // later releases, hidden on that day, so row 51 is on the first page then and on the second today.
        var rowLink = WebUtility.HtmlDecode(Regex.Match(Models(then), "href=\"([^\"]*row=51[^\"]*)\" data-testid=\"row-link\"").Groups[1].Value);
        Assert.Contains("asOf=2024-07-01", rowLink);
        var (status, table) = await app.GetPageAsync(rowLink[..rowLink.IndexOf('#')]);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"row-51\"", table);
        Assert.Matches("aria-current=\"page\"[^>]*>1</a>", table);
        var (_, todayTable) = await app.GetPageAsync("/sources/epoch-ai-models-china?row=51");
        Assert.Contains("id=\"row-51\"", todayTable);
        Assert.DoesNotContain("id=\"row-50\"", todayTable);
    }

    [Theory]
    [InlineData("?row=0")]
    [InlineData("?row=abc")]
    [InlineData("?row=-3")]
    public async Task A_bad_row_is_a_notice_and_the_first_page(string query)
    {
        var (status, html) = await app.GetPageAsync("/sources/epoch-ai-models-china" + query);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches("(?s)data-testid=\"query-notice\".*row", html);
        Assert.Contains("id=\"row-1\"", html);
    }
}
