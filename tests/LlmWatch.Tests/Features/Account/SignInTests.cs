using System.Net;
using LlmWatch.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LlmWatch.Tests.Features.Account;

public sealed class SignInTests(AccountsFactory app) : IClassFixture<AccountsFactory>
{
    [Fact]
    public async Task The_right_password_signs_in_with_a_Secure_HttpOnly_SameSite_cookie_and_returns_to_the_page_asked_for()
    {
        var email = AccountsFactory.UniqueEmail("editor");
        await app.CreateUserAsync(email, Roles.Editor);
        using var client = app.CreateBrowser();

        using var response = await AccountsFactory.PostLoginAsync(client, email, AccountsFactory.Password, returnUrl: "/curate");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/curate", response.Headers.Location!.AbsolutePath);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("llmwatch.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        using var curate = await client.GetAsync("/curate");
        Assert.Equal(HttpStatusCode.OK, curate.StatusCode);
        Assert.Contains("Name of editor", await curate.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_one_message_and_no_cookie()
    {
        var email = AccountsFactory.UniqueEmail("wrong");
        await app.CreateUserAsync(email, Roles.Editor);
        using var client = app.CreateBrowser();

        using var wrongPassword = await AccountsFactory.PostLoginAsync(client, email, "Not-The-Password-1");
        using var noSuchAccount = await AccountsFactory.PostLoginAsync(client, AccountsFactory.UniqueEmail("nobody"), "Not-The-Password-1");

        foreach (var response in new[] { wrongPassword, noSuchAccount })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("llmwatch.auth=", StringComparison.Ordinal)));
            Assert.Contains("The e-mail or password is wrong", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/curate")).StatusCode);
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account_for_fifteen_minutes_even_against_the_right_password()
    {
        var email = AccountsFactory.UniqueEmail("locked");
        await app.CreateUserAsync(email, Roles.Editor);
        using var client = app.CreateBrowser();

        for (var i = 0; i < 5; i++) (await AccountsFactory.PostLoginAsync(client, email, "Guess-Number-" + i)).Dispose();
        using var right = await AccountsFactory.PostLoginAsync(client, email, AccountsFactory.Password);

        Assert.Equal(HttpStatusCode.Locked, right.StatusCode);
        Assert.Contains("locked for 15 minutes", await right.Content.ReadAsStringAsync());
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LlmWatchUser>>();
        var end = await users.GetLockoutEndDateAsync((await users.FindByEmailAsync(email))!);
        Assert.InRange(end!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.1));
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in()
    {
        var email = AccountsFactory.UniqueEmail("disabled");
        var user = await app.CreateUserAsync(email, Roles.Admin);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<LlmWatchUser>>();
            var stored = (await users.FindByIdAsync(user.Id))!;
            stored.Disabled = true;
            await users.UpdateAsync(stored);
        }
        using var client = app.CreateBrowser();

        using var response = await AccountsFactory.PostLoginAsync(client, email, AccountsFactory.Password);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/curate")).StatusCode);
    }

    [Fact]
    public async Task A_sign_in_without_the_antiforgery_token_is_refused()
    {
        var email = AccountsFactory.UniqueEmail("forged");
        await app.CreateUserAsync(email, Roles.Editor);
        using var client = app.CreateBrowser();

        using var response = await AccountsFactory.PostLoginAsync(client, email, AccountsFactory.Password, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("llmwatch.auth=", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("//evil.example/steal")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task A_return_address_off_the_site_is_replaced_by_the_editor_area(string returnUrl)
    {
        var email = AccountsFactory.UniqueEmail("return");
        await app.CreateUserAsync(email, Roles.Editor);
        using var client = app.CreateBrowser();

        using var response = await AccountsFactory.PostLoginAsync(client, email, AccountsFactory.Password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("localhost", response.Headers.Location!.Host);
        Assert.Equal("/curate", response.Headers.Location.AbsolutePath);
    }

    [Fact]
    public async Task Sign_out_is_a_POST_with_the_token_and_ends_the_session()
    {
        var email = AccountsFactory.UniqueEmail("leaving");
        await app.CreateUserAsync(email, Roles.Reviewer);
        using var client = await app.SignedInAsync(email);
        var token = await AccountsFactory.FormTokenAsync(client, "/curate");

        using var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/curate")).StatusCode);
        // A link (GET) cannot sign anyone out either.
        (await client.GetAsync("/account/logout")).Dispose();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/curate")).StatusCode);

        using var signOut = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["returnUrl"] = "/", ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        using var after = await client.GetAsync("/curate");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", after.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task The_sign_in_form_which_carries_a_token_is_never_compressed()
    {
        using var client = app.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    [Theory]
    [InlineData("", "Any-Password-1")]
    [InlineData("not-an-address", "Any-Password-1")]
    [InlineData("huge@example.org", null)]
    public async Task A_form_that_fails_its_checks_is_a_400_and_never_echoes_the_password(string email, string? password)
    {
        password ??= new string('p', 1_000_000);
        using var client = app.CreateBrowser();

        using var response = await AccountsFactory.PostLoginAsync(client, email, password);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(password[..Math.Min(200, password.Length)], html);
        Assert.Contains("data-testid=\"login\"", html);
    }

    [Fact]
    public async Task A_wrong_password_is_not_written_back_into_the_form()
    {
        using var client = app.CreateBrowser();
        using var response = await AccountsFactory.PostLoginAsync(client, AccountsFactory.UniqueEmail("echo"), "Echo-Me-Not-99");
        Assert.DoesNotContain("Echo-Me-Not-99", await response.Content.ReadAsStringAsync());
    }
}
