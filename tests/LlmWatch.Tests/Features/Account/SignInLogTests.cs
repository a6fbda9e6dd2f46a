using System.Net;
using LlmWatch.Data.Accounts;

namespace LlmWatch.Tests.Features.Account;

/// <summary>No password, e-mail address or cookie reaches the logs, even at debug level, through a failed and a successful sign-in.</summary>
public sealed class SignInLogTests(SignInLogTests.VerboseFactory app) : IClassFixture<SignInLogTests.VerboseFactory>
{
    public sealed class VerboseFactory : AccountsFactory
    {
        protected override bool VerboseLogs => true;
    }

    [Fact]
    public async Task Sign_ins_leave_no_password_e_mail_or_cookie_in_the_logs()
    {
        var email = AccountsFactory.UniqueEmail("quiet");
        const string wrongPassword = "Wrong-Secret-77";
        await app.CreateUserAsync(email, Roles.Editor);
        using var client = app.CreateBrowser();
        var before = app.Logs.Lines.Count;

        using var failed = await AccountsFactory.PostLoginAsync(client, email, wrongPassword);
        using var succeeded = await AccountsFactory.PostLoginAsync(client, email, AccountsFactory.Password);
        var cookie = succeeded.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("llmwatch.auth=", StringComparison.Ordinal)).Split(';')[0].Split('=', 2)[1];
        using var page = await client.GetAsync("/curate");

        Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var lines = app.Logs.Lines.Skip(before).ToList();
        Assert.Contains(lines, l => l.Contains("A sign-in failed", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("A curator signed in", StringComparison.Ordinal));
        foreach (var secret in new[] { email, wrongPassword, AccountsFactory.Password, cookie[..Math.Min(40, cookie.Length)] })
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
    }
}
