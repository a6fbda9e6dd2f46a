using System.Net;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Hosting;

/// <summary>
/// blazor.web.js takes a page into an enhanced navigation only when its answer says <c>blazor-enhanced-nav: allow</c>, compared
/// exactly; otherwise it logs "Enhanced navigation failed … Falling back to full page load" and reloads. A page answered from the
/// output cache must say it the same way as one rendered anew.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class EnhancedNavigationCacheTests(LlmWatchFactory app)
{
    [Theory]
    [InlineData("/camps")]
    [InlineData("/companies?camp=general")]
    public async Task An_enhanced_navigation_answered_from_the_page_cache_still_allows_enhanced_navigation(string path)
    {
        using var client = app.CreateClient("en");
        HttpResponseMessage? cached = null;
        // The first answer sets the antiforgery cookie (never kept); the next is rendered and kept; then the cache answers.
        for (var i = 0; i < 5 && cached is null; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Accept", "text/html; blazor-enhanced-nav=on");
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("allow", Assert.Single(response.Headers.GetValues("blazor-enhanced-nav")));
            if (response.Headers.Age is not null) cached = response;
            else response.Dispose();
        }

        Assert.NotNull(cached);
        cached.Dispose();
    }
}
