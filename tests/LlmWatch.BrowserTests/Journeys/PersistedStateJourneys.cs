using LlmWatch.BrowserTests.Infrastructure;

namespace LlmWatch.BrowserTests.Journeys;

/// <summary>
/// A page's data are loaded once, while prerendering, and handed to the circuit: starting the circuit sends no SQL. Only pages with
/// an island start a circuit; the static ones open none (StaticPagesJourneys) and are answered from the page cache on a second visit.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PersistedStateJourneys(BrowserFixture browser)
{
    [SkippableTheory]
    [InlineData("/funding")]
    [InlineData("/timeline")]
    [InlineData("/models")]
    [InlineData("/people")]
    public async Task Starting_the_circuit_does_not_query_again(string path)
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        using var http = new HttpClient();
        await http.GetStringAsync(browser.BaseUrl + path); // warm: the first request may also migrate-check or compile
        browser.Queries.Reset();
        await http.GetStringAsync(browser.BaseUrl + path);
        var prerender = browser.Queries.Commands.Count;

        var page = await browser.NewPageAsync();
        browser.Queries.Reset();
        await page.GotoAsync(browser.BaseUrl + path);
        await page.WaitForInteractiveAsync();
        var total = browser.Queries.Commands.Count;
        await page.Context.CloseAsync();

        Assert.True(prerender > 0, "the page sent no SQL at all, so this test proves nothing");
        Assert.True(total == prerender, $"{path}: prerendering sent {prerender} commands but the visit sent {total}:\n" + string.Join("\n---\n", browser.Queries.Commands.Skip(prerender)));
    }
}
