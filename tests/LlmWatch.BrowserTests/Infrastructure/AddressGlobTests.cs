namespace LlmWatch.BrowserTests.Infrastructure;

/// <summary>The journeys' address globs mean what Playwright's do: ** any text, * any text without a slash, the rest literal.</summary>
public sealed class AddressGlobTests
{
    [Theory]
    [InlineData("**/valuations?currency=USD", "http://127.0.0.1:5000/valuations?currency=USD", true)]
    [InlineData("**/valuations?currency=USD", "http://127.0.0.1:5000/valuations", false)]
    [InlineData("**/valuations?currency=USD", "http://127.0.0.1:5000/valuationsXcurrency=USD", false)]
    [InlineData("**/funding?company=zhipu-ai", "http://127.0.0.1:5000/funding?company=zhipu-ai&investor=meituan", false)]
    [InlineData("**asOf=2026-11-19**", "http://127.0.0.1:5000/companies?asOf=2026-11-19&camp=general", true)]
    [InlineData("**/companies/*", "http://127.0.0.1:5000/companies/zhipu-ai", true)]
    [InlineData("**/companies/*", "http://127.0.0.1:5000/companies/zhipu-ai/diff", false)]
    public void A_glob_matches_the_addresses_it_names_and_no_others(string glob, string address, bool matches) =>
        Assert.Equal(matches, PageExtensions.GlobToRegex(glob).IsMatch(address));
}
