using System.Net;
using System.Text.RegularExpressions;
using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;
using LlmWatch.Tests.Features.Funding;
using LlmWatch.Web.Features.Valuations;

namespace LlmWatch.Tests.Features.Valuations;

/// <summary>The valuations page over a few thousand companies: one page of the leaderboard, ranked as the old in-memory code ranked every company.</summary>
[Collection(ScaleCollection.Name)]
public sealed class ValuationsScaleTests(ScaleFixture scale)
{
    private static List<string> Leaders(string html) =>
        Regex.Matches(html, "data-testid=\"leaderboard-row\" data-company=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

    private static List<string> Charted(string html) =>
        Regex.Matches(html, "<g style=\"color:[^\"]+\" data-company=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

    /// <summary>Every company with a stated valuation, by the US-dollar lower bound of its latest one (undated counting as oldest), then by slug.</summary>
    private List<string> Ranked(Camp? camp) =>
        scale.Deals.Where(d => d.Valuation is not null && (camp is null || d.Camp == camp))
            .GroupBy(d => d.Company)
            .Select(g => (Company: g.Key, Latest: g.OrderBy(d => d.Date?.Start ?? DateOnly.MinValue).ThenBy(d => d.Id).Last()))
            .OrderByDescending(x => scale.Rates.Convert(x.Latest.Valuation!, "USD", OrganizationFigures.RateDate(x.Latest.Date)).Min)
            .ThenBy(x => x.Company, StringComparer.Ordinal)
            .Select(x => x.Company)
            .ToList();

    [Theory]
    [InlineData("", null, 1)]
    [InlineData("page=2", null, 2)]
    [InlineData("camp=application&page=5&currency=CNY", Camp.Application, 5)]
    [InlineData("page=100000", null, 100000)]
    public async Task The_leaderboard_pages_through_the_ranking_and_the_chart_draws_the_companies_shown(string query, Camp? camp, int page)
    {
        var ranked = Ranked(camp);
        var lastPage = (ranked.Count + ValuationQueries.PageSize - 1) / ValuationQueries.PageSize;
        // A page past the last is shown empty, with a notice (issue 13), not as the last page under another number.
        var shown = page > lastPage ? [] : ranked.Skip((page - 1) * ValuationQueries.PageSize).Take(ValuationQueries.PageSize).ToList();

        var (code, html) = await scale.App.GetPageAsync("/valuations?" + query);

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(shown, Leaders(html));
        Assert.Equal(shown.Order(StringComparer.Ordinal), Charted(html).Order(StringComparer.Ordinal));
        if (page <= lastPage) Assert.Contains($"of {ranked.Count} companies", html);
        else Assert.Contains("data-testid=\"past-the-end\"", html);
        Assert.DoesNotContain("data-testid=\"query-notice\"", html);
    }

    [Fact]
    public async Task The_page_is_bounded_in_size_state_and_queries()
    {
        await scale.App.GetPageAsync("/valuations?currency=USD");
        scale.App.Queries.Reset();

        var (code, html) = await scale.App.GetPageAsync("/valuations?currency=USD&page=3");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.True(html.Length < 300_000, $"{html.Length} characters of HTML");
        Assert.InRange(PersistedState.Bytes(html), 1, 60_000);
        // The footer's sources, how many companies have a valuation, one page of them with their stated valuations, the latest ones' citations.
        Assert.True(scale.App.Queries.Commands.Count == 4, string.Join("\n---\n", scale.App.Queries.Commands));
    }
}
