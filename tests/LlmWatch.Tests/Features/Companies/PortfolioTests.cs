using System.Text.RegularExpressions;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Features.Companies;

[Collection(AppCollection.Name)]
public sealed class PortfolioTests(LlmWatchFactory app)
{
    private static List<(string Company, string Role)> Rows(string html) =>
        Regex.Matches(html, "data-testid=\"portfolio-row\" data-company=\"([^\"]+)\" data-role=\"([^\"]+)\"").Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();

    [Theory]
    [InlineData("en", "Deals it took part in (2)", "acquirer")]
    [InlineData("zh-CN", "参与的交易(2)", "收购方")]
    public async Task An_investors_profile_lists_the_deals_it_took_part_in_with_its_role_and_date(string language, string title, string acquirer)
    {
        var (_, html) = await app.GetPageAsync("/companies/meituan", language);

        Assert.Contains(title, html);
        // Latest first, undated last.
        Assert.Equal([("guangnian-zhiwai", "acquirer"), ("zhipu-ai", "investor")], Rows(html));
        Assert.Contains(acquirer, html);
        Assert.Contains("href=\"/funding?investor=meituan\"", html);
        var table = Regex.Match(html, "(?s)data-testid=\"portfolio-table\".*?</table>").Value;
        Assert.Contains("2023", table);
        Assert.Contains("/sources/huxiu-2023-08-02?q=", table);
    }

    [Fact]
    public async Task An_angel_investors_page_lists_the_deals_the_person_took_part_in()
    {
        var (_, html) = await app.GetPageAsync("/people/su-hua");

        var rows = Rows(html);
        Assert.Contains(("oneflow", "investor"), rows);
        Assert.Contains("href=\"/funding?investor=su-hua\"", html);
        // The same deals the funding page lists for that investor.
        var (_, funding) = await app.GetPageAsync("/funding?investor=su-hua");
        var companies = Regex.Matches(funding, "data-deal=\"[^\"]+\"").Count;
        Assert.Equal(companies, rows.Count);
    }

    [Fact]
    public async Task A_company_that_invested_in_nothing_has_no_portfolio()
    {
        var (_, html) = await app.GetPageAsync("/companies/minimax");
        Assert.DoesNotContain("data-testid=\"portfolio\"", html);
    }
}
