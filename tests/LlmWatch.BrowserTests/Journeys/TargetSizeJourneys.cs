using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using LlmWatch.BrowserTests.Infrastructure;

namespace LlmWatch.BrowserTests.Journeys;

/// <summary>
/// On a phone every link is a target a finger can hit: axe's WCAG 2.2 target-size rule (24 px, or that much room around a smaller
/// one) on the pages where small links sit close together. Lighthouse's accessibility audit found two: a model release's row
/// line right above its entry's company links on /timeline, and a camp's "more in the directory" link under its last member.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TargetSizeJourneys(BrowserFixture browser)
{
    [SkippableTheory]
    [InlineData("/timeline", "en")]
    [InlineData("/timeline", "zh-CN")]
    [InlineData("/camps", "en")]
    [InlineData("/camps", "zh-CN")]
    public async Task Small_links_keep_a_fingers_room_on_a_phone(string path, string locale)
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var page = await browser.NewPageAsync(locale, 390, 844);
        await page.GotoAsync(browser.BaseUrl + path);

        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "rule", Values = ["target-size"] },
        });

        Assert.NotEmpty(result.Passes.SelectMany(p => p.Nodes));
        var failures = result.Violations.SelectMany(v => v.Nodes).Select(n => n.Html).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} targets too small or too close on {path} ({locale}):\n{string.Join("\n", failures.Take(5))}");
        await page.Context.CloseAsync();
    }
}
