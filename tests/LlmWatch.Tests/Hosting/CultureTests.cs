using System.Net;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Hosting;

[Collection(AppCollection.Name)]
public sealed class CultureTests(LlmWatchFactory app)
{
    [Fact]
    public async Task Choosing_a_language_keeps_it_in_a_cookie_and_returns_to_the_page()
    {
        using var client = app.CreateClient("zh-CN");
        using var response = await client.GetAsync("/culture/set?culture=en&redirectUri=%2Fnot-found%3Fx%3D1");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/not-found?x=1", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture="));
        Assert.Contains("c%3Den%7Cuic%3Den", cookie);
        Assert.Contains("expires=", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_cookie_wins_over_the_browsers_language()
    {
        using var client = app.CreateClient("zh-CN");
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/"));

        Assert.Contains("The landscape at a glance", html);
        Assert.DoesNotContain("版图概览", html);
    }

    [Theory]
    [InlineData("fr", "en", "The landscape at a glance")]
    [InlineData("zh-TW", "zh-CN", "版图概览")]
    [InlineData("zh", "zh-CN", "版图概览")]
    public async Task Browser_languages_fall_back_sensibly(string acceptLanguage, string expectedLang, string text)
    {
        var (_, html) = await app.GetPageAsync("/", acceptLanguage);

        Assert.Contains($"<html lang=\"{expectedLang}\"", html);
        Assert.Contains(text, html);
    }

    [Theory]
    [InlineData("/culture/set?culture=xx&redirectUri=/")]
    [InlineData("/culture/set?redirectUri=/")]
    [InlineData("/culture/set?culture=%3Cscript%3E")]
    public async Task An_unknown_culture_is_a_400_that_names_the_choices(string url)
    {
        using var client = app.CreateClient("en");
        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("zh-CN, en", body);
        Assert.DoesNotContain("<script>", body);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task The_redirect_never_leaves_the_site(string target)
    {
        using var client = app.CreateClient("en");
        using var response = await client.GetAsync($"/culture/set?culture=zh-CN&redirectUri={Uri.EscapeDataString(target)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/culture/set?culture=zh-CN&redirectUri=")]
    [InlineData("/theme/set?theme=dark&redirectUri=")]
    public async Task A_return_address_in_chinese_comes_back_percent_encoded(string switchUrl)
    {
        // Kestrel refuses a non-ASCII Location header with a 500; a hand-written link holds the search decoded.
        using var client = app.CreateClient("en");
        using var response = await client.GetAsync(switchUrl + Uri.EscapeDataString("/companies?q=未具名"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/companies?q=%E6%9C%AA%E5%85%B7%E5%90%8D", response.Headers.Location?.OriginalString);
    }
}
