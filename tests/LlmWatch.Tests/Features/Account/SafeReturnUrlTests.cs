using LlmWatch.Web.Features.Account;

namespace LlmWatch.Tests.Features.Account;

public sealed class SafeReturnUrlTests
{
    [Theory]
    [InlineData("/curate/proposals?kind=deal", "/curate/proposals?kind=deal")]
    [InlineData("/", "/")]
    [InlineData(null, "/curate")]
    [InlineData("", "/curate")]
    [InlineData("//evil.example", "/curate")]
    [InlineData("/\\evil.example", "/curate")]
    [InlineData("https://evil.example/curate", "/curate")]
    [InlineData("javascript:alert(1)", "/curate")]
    [InlineData("/curate\r\nSet-Cookie: x=1", "/curate")]
    public void Only_an_address_on_this_site_is_kept(string? asked, string kept) =>
        Assert.Equal(kept, AccountServices.SafeReturnUrl(asked));
}
