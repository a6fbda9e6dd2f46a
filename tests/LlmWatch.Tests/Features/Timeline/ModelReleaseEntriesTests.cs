using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmWatch.Tests.Infrastructure;
using LlmWatch.Web.Features.Timeline;

namespace LlmWatch.Tests.Features.Timeline;

/// <summary>Dated model releases on /timeline and /api/events: derived from the models in the same query as the events.</summary>
[Collection(AppCollection.Name)]
public sealed class ModelReleaseEntriesTests(LlmWatchFactory app)
{
    private static List<string> Entries(string html) =>
        Regex.Matches(html, "data-event=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

    private async Task<(HttpStatusCode Status, JsonElement Body)> ApiAsync(string url)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static List<JsonElement> Items(JsonElement body) => body.GetProperty("items").EnumerateArray().ToList();

    private static string Entry(string html, string key) =>
        Regex.Match(html, $"(?s)<li id=\"{Regex.Escape(key)}\".*?</li>").Value;

    [Theory]
    [InlineData("en", "DeepSeek-R1 released", "Reported 2025-01-20, via Epoch AI · row 28 of the dataset")]
    [InlineData("zh-CN", "DeepSeek-R1 发布", "发布于 2025-01-20, 来源 Epoch AI · 数据集第 28 行")]
    public async Task A_2025_release_is_listed_with_its_model_its_organisation_and_its_row(string language, string title, string report)
    {
        var (status, html) = await app.GetPageAsync("/timeline?from=2025&to=2025", language);

        Assert.Equal(HttpStatusCode.OK, status);
        var entry = Entry(html, "model:deepseek-r1");
        Assert.Contains(title, entry);
        Assert.Contains(report, Regex.Replace(Regex.Replace(entry, "<[^>]+>", ""), @"\s+", " "));
        Assert.Matches("href=\"/sources/epoch-ai-models-china\\?row=28#row-28\" data-testid=\"row-link\"", entry);
        Assert.Contains("href=\"/models/deepseek-r1\"", entry);
        Assert.Contains("href=\"/companies/deepseek\"", entry);
        Assert.Contains("data-testid=\"citation\"", entry);
        Assert.All(Entries(html), e => Assert.StartsWith("model:", e));
    }

    [Fact]
    public async Task As_known_on_2024_01_01_a_2025_release_is_hidden_and_a_2023_one_shown()
    {
        var (_, now) = await app.GetPageAsync("/timeline?from=2023-11&to=2025");
        var (_, then) = await app.GetPageAsync("/timeline?from=2023-11&to=2025&asOf=2024-01-01");

        Assert.Contains("model:deepseek-r1", Entries(now));
        Assert.Contains("model:deepseek-v3", Entries(now));
        Assert.Contains("model:yi-34b", Entries(then));
        Assert.DoesNotContain("model:deepseek-r1", Entries(then));
        Assert.DoesNotContain("model:deepseek-v3", Entries(then));
        // Kimi Explorer, released (and so known) on 2024-01-01 itself, is the last entry known that day.
        var (_, body) = await ApiAsync("/api/events?from=2024-01-02&asOf=2024-01-01");
        Assert.Equal(0, body.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_kind_filter_keeps_releases_and_release_events_together_and_other_kinds_without_releases()
    {
        var (_, releases) = await ApiAsync("/api/events?kind=model-release&pageSize=500");
        var (_, funding) = await ApiAsync("/api/events?kind=funding&pageSize=500");

        var slugs = Items(releases).Select(i => i.GetProperty("slug").GetString()!).ToList();
        Assert.All(Items(releases), i => Assert.Equal("model-release", i.GetProperty("kind").GetString()));
        Assert.Contains("model:deepseek-r1", slugs);
        Assert.Contains("plug-release", slugs);
        Assert.DoesNotContain(Items(funding), i => i.GetProperty("slug").GetString()!.StartsWith(ModelReleases.KeyPrefix, StringComparison.Ordinal));
        Assert.NotEmpty(Items(funding));
    }

    [Fact]
    public async Task A_release_an_article_event_already_tells_on_the_same_day_has_no_twin()
    {
        var (_, body) = await ApiAsync("/api/events?kind=model-release&pageSize=500");

        var slugs = Items(body).Select(i => i.GetProperty("slug").GetString()!).ToList();
        // plug (2021-04), baichuan-13b (2023-07-11), llama-2 (2023-07-19): each told by its article event, not again by its model.
        Assert.Contains("plug-release", slugs);
        Assert.Contains("baichuan-13b-release", slugs);
        Assert.Contains("llama-2-release", slugs);
        Assert.DoesNotContain("model:plug", slugs);
        Assert.DoesNotContain("model:baichuan-13b", slugs);
        Assert.DoesNotContain("model:llama-2", slugs);
    }

    [Fact]
    public async Task A_release_key_cannot_collide_with_an_event_slug()
    {
        var (_, body) = await ApiAsync("/api/events?pageSize=500");

        var slugs = Items(body).Select(i => i.GetProperty("slug").GetString()!).ToList();
        Assert.Equal(slugs.Count, slugs.Distinct(StringComparer.Ordinal).Count());
        var releases = slugs.Where(s => s.StartsWith(ModelReleases.KeyPrefix, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(releases);
        Assert.All(slugs.Except(releases), s => Assert.DoesNotContain(':', s));
        Assert.All(Items(body).Where(i => i.GetProperty("slug").GetString()!.StartsWith(ModelReleases.KeyPrefix, StringComparison.Ordinal)),
            i => Assert.Equal([i.GetProperty("slug").GetString()![ModelReleases.KeyPrefix.Length..]], i.GetProperty("models").EnumerateArray().Select(m => m.GetString()).ToList()));
    }

    [Fact]
    public async Task Paging_keeps_the_order_of_the_whole_list()
    {
        var (_, whole) = await ApiAsync("/api/events?pageSize=500");
        var total = whole.GetProperty("total").GetInt32();

        var paged = new List<string>();
        for (var page = 1; page <= (total + 49) / 50; page++)
        {
            var (_, body) = await ApiAsync($"/api/events?pageSize=50&page={page}");
            Assert.Equal(total, body.GetProperty("total").GetInt32());
            paged.AddRange(Items(body).Select(i => i.GetProperty("slug").GetString()!));
        }

        Assert.True(total > 200, $"{total} entries");
        Assert.Equal(Items(whole).Select(i => i.GetProperty("slug").GetString()!), paged);
    }

    [Theory]
    [InlineData("company=deepseek", "model:deepseek-v3", "model:qwen-72b")]
    [InlineData("camp=general", "model:glm-4-5", "model:deepseek-v3")]
    [InlineData("q=Kimi", "model:kimi-k2", "model:deepseek-v3")]
    public async Task The_other_filters_narrow_releases_too(string query, string kept, string dropped)
    {
        var (_, html) = await app.GetPageAsync("/timeline?page=1&" + query);
        var (_, api) = await ApiAsync("/api/events?pageSize=500&" + query);

        var slugs = Items(api).Select(i => i.GetProperty("slug").GetString()!).ToList();
        Assert.Contains(kept, slugs);
        Assert.DoesNotContain(dropped, slugs);
        Assert.DoesNotContain(dropped, Entries(html));
    }

    [Fact]
    public async Task A_person_filter_leaves_releases_out()
    {
        var (_, body) = await ApiAsync("/api/events?pageSize=500&person=wang-xiaochuan");

        Assert.NotEmpty(Items(body));
        Assert.DoesNotContain(Items(body), i => i.GetProperty("slug").GetString()!.StartsWith(ModelReleases.KeyPrefix, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("kind=release", "kind")]
    [InlineData("from=2025-13", "from")]
    [InlineData("to=soon", "to")]
    public async Task A_bad_value_is_ignored_on_the_page_with_a_notice_and_refused_by_the_api(string query, string name)
    {
        var (status, html) = await app.GetPageAsync("/timeline?" + query);
        var (apiStatus, _) = await ApiAsync("/api/events?" + query);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches($"(?s)data-testid=\"query-notice\".{{0,800}}?: {name}\\.", html);
        Assert.Equal(HttpStatusCode.BadRequest, apiStatus);
    }
}
