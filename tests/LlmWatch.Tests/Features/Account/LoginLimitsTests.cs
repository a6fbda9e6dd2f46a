using System.Net;

namespace LlmWatch.Tests.Features.Account;

/// <summary>The per-address limit on sign-in attempts, on an app of its own with a low limit.</summary>
public sealed class LoginLimitsTests(LoginLimitsTests.LowLimitFactory app) : IClassFixture<LoginLimitsTests.LowLimitFactory>
{
    public sealed class LowLimitFactory : AccountsFactory
    {
        protected override int LoginPermits => 3;
    }

    [Fact]
    public async Task One_address_gets_a_few_attempts_then_429_while_reading_the_form_stays_open()
    {
        using var client = app.CreateBrowser();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await AccountsFactory.PostLoginAsync(client, AccountsFactory.UniqueEmail("flood"), "Whatever-1");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter is not null);
                Assert.Contains("Too many sign-in attempts", await response.Content.ReadAsStringAsync());
            }
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
    }
}
