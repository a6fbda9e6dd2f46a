using System.Net;
using LlmWatch.Data;
using LlmWatch.Data.Accounts;
using LlmWatch.Tests.Features.Account;
using Microsoft.Extensions.DependencyInjection;

namespace LlmWatch.Tests.Hosting;

/// <summary>The whole app's validators: ETag and Cache-Control on anonymous pages and API answers, 304, and none of it for a signed-in person.</summary>
public sealed class SharedCacheHeadersTests(AccountsFactory app) : IClassFixture<AccountsFactory>
{
    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task An_api_answer_has_a_shared_etag_answers_304_without_sql_and_a_data_change_makes_a_new_one()
    {
        using var client = app.CreateBrowser();
        var url = $"/api/companies?pageSize={Random.Shared.Next(2, 50)}";
        using var first = await GetAsync(client, url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        var cache = first.Headers.CacheControl!;
        Assert.True(cache.Public);
        Assert.Equal(TimeSpan.FromSeconds(60), cache.SharedMaxAge);
        Assert.Equal(TimeSpan.Zero, cache.MaxAge);

        app.Queries.Reset();
        using var conditional = await GetAsync(client, url, etag.ToString());
        Assert.Equal(HttpStatusCode.NotModified, conditional.StatusCode);
        Assert.Empty(await conditional.Content.ReadAsByteArrayAsync());
        Assert.Empty(app.Queries.Commands);
        using var cached = await GetAsync(client, url);
        Assert.Equal(etag, cached.Headers.ETag);

        await app.Services.GetRequiredService<DataChanges>().NotifyAsync();

        using var after = await GetAsync(client, url, etag.ToString());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotNull(after.Headers.ETag);
        Assert.NotEqual(etag, after.Headers.ETag);
        using var again = await GetAsync(client, url, after.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    [Fact]
    public async Task Api_errors_carry_no_validator_and_forbid_storing()
    {
        using var client = app.CreateBrowser();
        using var bad = await GetAsync(client, "/api/companies?page=0");
        using var missing = await GetAsync(client, "/api/companies/no-such-company");

        foreach (var response in new[] { bad, missing })
        {
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, response.StatusCode.ToString());
            Assert.Null(response.Headers.ETag);
            Assert.True(response.Headers.CacheControl!.NoStore);
        }
    }

    [Fact]
    public async Task A_page_has_an_etag_by_culture_and_is_answered_304_only_once_kept_here()
    {
        using var client = app.CreateBrowser();
        // An interactive page's first answer sets the antiforgery cookie, and an answer that sets a cookie carries no validator.
        (await GetAsync(client, "/camps")).Dispose();
        using var first = await GetAsync(client, "/camps");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.Contains("Cookie", first.Headers.Vary);
        var html = await first.Content.ReadAsStringAsync();

        using var conditional = await GetAsync(client, "/camps", etag.ToString());
        if (html.Contains("\"type\":\"server\"", StringComparison.Ordinal))
        {
            // An interactive page (every page until the render-mode conversion): its markers are for one browser, so it is rendered again.
            Assert.Equal(HttpStatusCode.OK, conditional.StatusCode);
            Assert.Null(conditional.Headers.Age);
            Assert.True(conditional.Headers.CacheControl!.NoCache);
        }
        else
        {
            Assert.Equal(HttpStatusCode.NotModified, conditional.StatusCode);
            Assert.True(conditional.Headers.CacheControl!.Public);
        }

        using var zh = new HttpRequestMessage(HttpMethod.Get, "/camps");
        zh.Headers.AcceptLanguage.ParseAdd("zh-CN");
        using var chinese = await client.SendAsync(zh);
        Assert.NotEqual(etag, chinese.Headers.ETag);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/companies?pageSize=3")]
    public async Task A_signed_in_person_gets_no_validator_and_nothing_a_shared_cache_may_keep(string url)
    {
        var email = AccountsFactory.UniqueEmail("headers");
        await app.CreateUserAsync(email, Roles.Editor);
        using var signedIn = await app.SignedInAsync(email);

        using var response = await GetAsync(signedIn, url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.ETag);
        Assert.False(response.Headers.CacheControl!.Public);
        Assert.True(response.Headers.CacheControl.NoStore);
        Assert.Null(response.Headers.CacheControl.SharedMaxAge);
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/curate")]
    public async Task The_account_and_curation_areas_are_never_shared(string url)
    {
        using var client = app.CreateBrowser();
        using var response = await GetAsync(client, url);
        using var again = await GetAsync(client, url);

        Assert.Null(again.Headers.Age);
        Assert.Null(again.Headers.ETag);
        // The login page itself says no-store; /curate sends a stranger to it before any page (or cache) runs.
        Assert.True(again.Headers.CacheControl?.NoStore ?? again.StatusCode == HttpStatusCode.Redirect, again.StatusCode.ToString());
        Assert.False(again.Headers.CacheControl?.Public ?? false);
    }
}
