using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmWatch.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmWatch.Tests.Features.Camps;

/// <summary>Issue 12 through the app: every camp answers, a camp says since or as of when, figures say how certain they are.</summary>
[Collection(AppCollection.Name)]
public sealed class CampCoverageTests(LlmWatchFactory app)
{
    private async Task<JsonElement> JsonAsync(string url)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Theory]
    [InlineData("general")]
    [InlineData("vertical")]
    [InlineData("built-on-others")]
    [InlineData("application")]
    [InlineData("none")]
    public async Task Every_camp_answers_with_at_least_one_organisation(string camp)
    {
        var page = await JsonAsync($"/api/companies?camp={camp}");

        Assert.True(page.GetProperty("total").GetInt32() >= 1);
        Assert.All(page.GetProperty("items").EnumerateArray(), c => Assert.Equal(camp, c.GetProperty("camp").GetString()));
    }

    [Fact]
    public async Task Most_organisations_are_placed_on_a_route()
    {
        // The organisations the article describes: camps are its judgements. Those Epoch AI's rows bring (universities, labs, big
        // companies the article never names) get no camp from a table of models, by design.
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LlmWatch.Data.LlmWatchDbContext>>().CreateDbContextAsync();
        var described = await db.Organizations.Where(o => o.FromDataset == null).Select(o => o.Camp).ToListAsync();
        var none = described.Count(c => c == LlmWatch.Data.Entities.Camp.None);

        Assert.True(described.Count > 40, $"{described.Count} organisations from the article");
        Assert.True(none * 2 < described.Count, $"{none} of {described.Count} in no camp");
    }

    [Fact]
    public async Task The_camp_history_carries_as_of_beside_from_ordered_by_from_then_as_of()
    {
        var alibaba = (await JsonAsync("/api/companies/alibaba")).GetProperty("campHistory")[0];
        var baidu = (await JsonAsync("/api/companies/baidu")).GetProperty("campHistory")[0];

        Assert.Equal(("2019-09", "2023-08-02"), (alibaba.GetProperty("from").GetString(), alibaba.GetProperty("asOf").GetString()));
        Assert.Equal(JsonValueKind.Null, baidu.GetProperty("from").ValueKind);
        Assert.Equal("2023-08-02", baidu.GetProperty("asOf").GetString());
    }

    [Theory]
    [InlineData("/companies/alibaba", "en", "— since Sep 2019")]
    [InlineData("/companies/alibaba", "zh-CN", "— 自2019年9月起")]
    [InlineData("/companies/baidu", "en", "— as of Aug 2023")]
    [InlineData("/companies/baidu", "zh-CN", "— 截至2023年8月")]
    public async Task The_profile_says_since_when_the_source_dates_the_start_and_as_of_otherwise(string url, string language, string when)
    {
        var (_, html) = await app.GetPageAsync(url, language);

        var header = Regex.Match(html, @"class=""lw-profile-meta""[\s\S]*?data-testid=""status""").Value;
        Assert.Contains(when, Regex.Replace(Regex.Replace(header, "<[^>]+>", ""), @"\s+", " "));
    }

    [Fact]
    public async Task Approximate_amounts_say_so_in_the_api_and_on_the_page()
    {
        var rounds = (await JsonAsync("/api/companies/kunlun-tech")).GetProperty("fundingRounds");
        var sale = rounds.EnumerateArray().Single(r => r.GetProperty("id").GetString() == "kunlun-tech-li-qiong-share-sale").GetProperty("amount");
        var (_, en) = await app.GetPageAsync("/companies/kunlun-tech", "en");
        var (_, zh) = await app.GetPageAsync("/companies/kunlun-tech", "zh-CN");

        Assert.True(sale.GetProperty("approximate").GetBoolean());
        Assert.Contains("≈ CN¥1.3B", en);
        Assert.Contains("≈ 13亿元", zh);
    }

    [Fact]
    public async Task A_size_read_from_the_models_name_says_so()
    {
        var models = (await JsonAsync("/api/models?pageSize=100")).GetProperty("items");
        var chatglm = models.EnumerateArray().Single(m => m.GetProperty("slug").GetString() == "chatglm-6b");
        var (_, html) = await app.GetPageAsync("/models/chatglm-6b", "en");

        Assert.Equal(6_000_000_000, chatglm.GetProperty("parameters").GetProperty("min").GetInt64());
        Assert.Equal("name", chatglm.GetProperty("bases")[0].GetProperty("basis").GetString());
        Assert.Matches(@"6B\s*</data>[\s\S]*?— from the model's name", html);
    }

    [Fact]
    public async Task An_inferred_founding_shows_its_basis_and_reason()
    {
        var (_, html) = await app.GetPageAsync("/companies/baichuan", "en");

        Assert.Matches(@"data-field=""foundedOn"" data-basis=""inferred"" title=""The article gives no founding date", html);
    }
}
