using System.Net;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Hosting;

/// <summary>
/// A reader's first visit carries no cookie: the page it gets must set none either, so that the answer can be kept and shared
/// (the page cache, a CDN). Pages that take form posts still set the antiforgery cookie their forms need.
/// </summary>
public sealed class ReaderAntiforgeryTests(LlmWatchFactory app) : IClassFixture<LlmWatchFactory>
{
    [Theory]
    [InlineData("/companies?camp=general&sort=valuation&page=2")]
    [InlineData("/camps")]
    [InlineData("/companies/zhipu-ai")]
    [InlineData("/sources/huxiu-2023-08-02")]
    public async Task A_reader_page_sets_no_cookie_and_a_second_visitor_without_cookies_gets_it_from_the_cache(string url)
    {
        var client = app.CreateClient("en");

        using var first = await client.GetAsync(url);
        using var second = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(first.Headers.Contains("Set-Cookie"), $"{url} set {string.Join("; ", first.Headers.TryGetValues("Set-Cookie", out var c) ? c : [])}");
        Assert.DoesNotContain("no-store", first.Headers.CacheControl?.ToString() ?? "");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.True(second.Headers.Age is not null, $"{url} was rendered again for a second visitor without cookies (no Age header)");
    }

    [Theory]
    [InlineData("/funding")]
    [InlineData("/models")]
    public async Task A_page_with_an_island_sets_no_cookie_either(string url)
    {
        // Its island's markers are for one browser, so the page is not kept; it still has no reason to set a cookie.
        using var response = await app.CreateClient("en").GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"), $"{url} set {string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var c) ? c : [])}");
    }

    [Fact]
    public async Task The_sign_in_page_still_sets_the_antiforgery_cookie_its_form_needs()
    {
        var client = app.CreateClient("en");

        using var response = await client.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("__RequestVerificationToken", await response.Content.ReadAsStringAsync());
    }
}
