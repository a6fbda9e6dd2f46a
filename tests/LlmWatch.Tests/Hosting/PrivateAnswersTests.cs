using System.Net;
using LlmWatch.Data.Accounts;
using LlmWatch.Tests.Features.Account;
using LlmWatch.Web.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using System.Security.Claims;

namespace LlmWatch.Tests.Hosting;

/// <summary>The output cache never keeps a signed-in person's answer, nor any answer under /account or /curate, for anyone else.</summary>
public sealed class PrivateAnswersTests(AccountsFactory app) : IClassFixture<AccountsFactory>
{
    [Fact]
    public async Task A_signed_in_answer_is_never_stored_and_never_served_from_the_cache()
    {
        var email = AccountsFactory.UniqueEmail("cached");
        await app.CreateUserAsync(email, Roles.Editor);
        using var signedIn = await app.SignedInAsync(email);
        using var anonymous = app.CreateBrowser();
        const string url = "/api/companies?pageSize=3&q=private-answers";

        using (var first = await signedIn.GetAsync(url)) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var second = await signedIn.GetAsync(url)) Assert.Null(second.Headers.Age);
        using var stranger = await anonymous.GetAsync(url);
        Assert.Null(stranger.Headers.Age);

        // The anonymous answer is cached as before; the signed-in person still gets a fresh one.
        using (var again = await anonymous.GetAsync(url)) Assert.NotNull(again.Headers.Age);
        using var mine = await signedIn.GetAsync(url);
        Assert.Null(mine.Headers.Age);
    }

    // Public pages are kept once they hold no interactive markers (PageCachingTests); probes and the account area never are.
    [Theory]
    [InlineData("/healthz")]
    [InlineData("/account/login")]
    public async Task Probes_and_the_account_area_are_not_output_cached_at_all(string url)
    {
        using var client = app.CreateBrowser();
        (await client.GetAsync(url)).Dispose();
        using var second = await client.GetAsync(url);
        Assert.Null(second.Headers.Age);
    }

    [Theory]
    [InlineData("/api/companies", false, false)]
    [InlineData("/api/companies", true, true)]
    [InlineData("/curate", false, true)]
    [InlineData("/account/login", false, true)]
    [InlineData("/Curate/users", false, true)]
    public async Task The_policy_forbids_lookup_and_storage_for_private_requests(string path, bool signedIn, bool isPrivate)
    {
        var http = new DefaultHttpContext();
        http.Request.Path = path;
        if (signedIn) http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "someone")], "cookie"));
        var context = new OutputCacheContext { HttpContext = http, EnableOutputCaching = true, AllowCacheLookup = true, AllowCacheStorage = true };
        IOutputCachePolicy policy = new ResponseCaching.PrivateAnswers();

        await policy.CacheRequestAsync(context, CancellationToken.None);
        await policy.ServeResponseAsync(context, CancellationToken.None);

        Assert.Equal(!isPrivate, context.AllowCacheLookup);
        Assert.Equal(!isPrivate, context.AllowCacheStorage);
    }
}
