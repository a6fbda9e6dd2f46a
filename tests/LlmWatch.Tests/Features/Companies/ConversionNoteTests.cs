using System.Text.RegularExpressions;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Features.Companies;

/// <summary>A profile converts yuan at one rule, said once with each rate it used and why; no figure repeats its rate.</summary>
[Collection(AppCollection.Name)]
public sealed class ConversionNoteTests(LlmWatchFactory app)
{
    [Theory]
    [InlineData("en", "2023 figures at 7.0797 CNY per USD, the average of that year’s months", "figures with no date at 7.2486 CNY per USD, the rate of 2023-08, when the source was published")]
    [InlineData("zh-CN", "2023年的数字按该年各月平均 1 美元 = 7.0797 元", "未注明日期的数字按来源发布当月(2023-08)1 美元 = 7.2486 元")]
    public async Task Zhipus_profile_says_once_which_rate_converted_which_figures(string language, string year, string undated)
    {
        var (_, html) = await app.GetPageAsync("/companies/zhipu-ai", language);
        var visible = Regex.Replace(html, "title=\"[^\"]*\"", "");

        var note = Regex.Match(visible, "data-testid=\"rate-note\">([^<]*)<").Groups[1].Value;
        Assert.Contains(year, note);
        Assert.Contains(undated, note);
        Assert.Single(Regex.Matches(visible, "7\\.0797"));
        Assert.Single(Regex.Matches(visible, "7\\.2486"));
        Assert.DoesNotContain("data-testid=\"fx-rate\"", html);
    }
}
