using Deque.AxeCore.Playwright;
using LlmWatch.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace LlmWatch.BrowserTests.Journeys;

/// <summary>What every page must pass: no serious axe violation, no sideways scroll on a phone, screenshots for review.</summary>
public static class PageChecks
{
    public static async Task AssertAccessibleAsync(IPage page)
    {
        // The whole document: the page's content and the shell around it (app bar, drawer, footer).
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }

    /// <summary>Opens the page at desktop and phone width in both languages: axe on each, overflow on phones, a screenshot of each.</summary>
    public static async Task CheckEverywhereAsync(BrowserFixture browser, string path, string name, string readyTestId)
    {
        foreach (var (locale, lang) in new[] { ("zh-CN", "zh"), ("en", "en") })
        {
            foreach (var (width, height, device) in new[] { (1280, 900, "desktop"), (375, 812, "phone") })
            {
                var page = await browser.NewPageAsync(locale, width, height);
                await page.GotoAsync(browser.BaseUrl + path);
                await page.WaitForInteractiveAsync();
                await page.GetByTestId(readyTestId).First.WaitForAsync();
                if (device == "phone")
                {
                    var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
                    Assert.False(overflow, $"{path} scrolls sideways at 375 px ({locale})");
                }
                await AssertAccessibleAsync(page);
                await page.ScreenshotForReviewAsync($"{name}-{lang}-{device}");
                await page.Context.CloseAsync();
            }
        }
    }
}
