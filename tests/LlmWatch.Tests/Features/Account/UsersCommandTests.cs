using System.Net;
using LlmWatch.Data.Accounts;
using LlmWatch.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LlmWatch.Tests.Features.Account;

/// <summary>The users command, run in-process against the app's database with standard input redirected.</summary>
public sealed class UsersCommandTests(AccountsFactory app) : IClassFixture<AccountsFactory>
{
    private async Task<(int Code, string Output, string Error)> RunAsync(string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await new UsersCommand(app.Services, new StringReader(stdin), interactive: false, output, error).RunAsync(args);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Add_makes_an_account_with_its_roles_from_a_piped_password_and_it_can_sign_in()
    {
        var email = AccountsFactory.UniqueEmail("cli");

        var (code, output, error) = await RunAsync("Piped-Secret-42\n", "users", "add", email, "--name", "Chen Li 陈立", "--role", "editor,reviewer", "--role", "admin");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains($"Added {email} (Chen Li 陈立)", output);
        Assert.DoesNotContain("Piped-Secret-42", output);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LlmWatchUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        Assert.Equal(["admin", "editor", "reviewer"], (await users.GetRolesAsync(user)).Order());
        Assert.NotEqual("Piped-Secret-42", user.PasswordHash);
        Assert.True(await users.CheckPasswordAsync(user, "Piped-Secret-42"));
        Assert.Equal(DateTimeKind.Utc, user.CreatedAt.Kind);

        var (listed, table, _) = await RunAsync("", "users", "list");
        Assert.Equal(0, listed);
        Assert.Contains(table.Split('\n'), line => line.Contains(email, StringComparison.Ordinal) && line.Contains("admin,editor,reviewer", StringComparison.Ordinal) && line.Contains("active", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("short\n", "Passwords must be at least")]
    [InlineData("", "no password was given")]
    public async Task Add_refuses_a_weak_or_missing_password_with_code_2_and_makes_nothing(string stdin, string message)
    {
        var email = AccountsFactory.UniqueEmail("weak");

        var (code, _, error) = await RunAsync(stdin, "users", "add", email, "--name", "Weak", "--role", "editor");

        Assert.Equal(UsersCommand.Refused, code);
        Assert.Contains(message, error);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<LlmWatchUser>>().FindByEmailAsync(email));
    }

    [Theory]
    [InlineData("not-an-email", "Name", "editor", "is not an e-mail address")]
    [InlineData("ok@example.org", "Name", "superuser", "Unknown role 'superuser'")]
    [InlineData("ok@example.org", "", "editor", "display name must be 1 to 100")]
    public async Task Add_refuses_bad_values_with_code_2(string email, string name, string role, string message)
    {
        var (code, _, error) = await RunAsync("Good-Password-1\n", "users", "add", email, "--name", name, "--role", role);
        Assert.Equal(UsersCommand.Refused, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public async Task Add_refuses_an_e_mail_already_taken()
    {
        var email = AccountsFactory.UniqueEmail("twice");
        Assert.Equal(0, (await RunAsync("Good-Password-1\n", "users", "add", email, "--name", "One", "--role", "editor")).Code);

        var (code, _, error) = await RunAsync("Good-Password-1\n", "users", "add", email.ToUpperInvariant(), "--name", "Two", "--role", "editor");

        Assert.Equal(UsersCommand.Refused, code);
        Assert.Contains("already exists", error);
    }

    [Theory]
    [InlineData("users", "add")]
    [InlineData("users", "add", "a@example.org", "--role", "editor")]
    [InlineData("users", "add", "a@example.org", "--name", "A")]
    [InlineData("users", "frobnicate")]
    [InlineData("users", "add", "a@example.org", "--name", "A", "--role", "editor", "--password", "in-the-arguments")]
    public async Task Bad_usage_exits_64_with_the_usage(params string[] args)
    {
        var (code, _, error) = await RunAsync("Good-Password-1\n", args);
        Assert.Equal(UsersCommand.Usage, code);
        Assert.Contains("Usage: users add", error);
    }

    [Fact]
    public async Task Disable_stops_sign_in_and_reset_password_gives_a_new_one_and_lifts_a_lockout()
    {
        var email = AccountsFactory.UniqueEmail("life");
        await app.CreateUserAsync(email, Roles.Editor);
        using var browser = app.CreateBrowser();
        for (var i = 0; i < 5; i++) (await AccountsFactory.PostLoginAsync(browser, email, "Guess-" + i)).Dispose();

        var (reset, output, _) = await RunAsync("Brand-New-Pass-7\n", "users", "reset-password", email);
        Assert.Equal(0, reset);
        Assert.Contains("Set a new password", output);
        using (var signIn = await AccountsFactory.PostLoginAsync(browser, email, "Brand-New-Pass-7")) Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var (disabled, _, _) = await RunAsync("", "users", "disable", email);
        Assert.Equal(0, disabled);
        using var other = app.CreateBrowser();
        using (var refused = await AccountsFactory.PostLoginAsync(other, email, "Brand-New-Pass-7")) Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var (_, table, _) = await RunAsync("", "users", "list");
        Assert.Contains(table.Split('\n'), line => line.Contains(email, StringComparison.Ordinal) && line.Contains("disabled", StringComparison.Ordinal));
        Assert.Equal(UsersCommand.Refused, (await RunAsync("", "users", "disable", "nobody@example.org")).Code);
        Assert.Equal(UsersCommand.Refused, (await RunAsync("X-Password-1\n", "users", "reset-password", "nobody@example.org")).Code);
    }
}
