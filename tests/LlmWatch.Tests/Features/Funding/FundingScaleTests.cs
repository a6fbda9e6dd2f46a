using LlmWatch.Data;
using System.Net;
using System.Text.RegularExpressions;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;
using LlmWatch.Web.Features.Funding;
using Microsoft.Extensions.DependencyInjection;

namespace LlmWatch.Tests.Features.Funding;

/// <summary>
/// The funding page over a few thousand deals: bounded HTML and persisted state, a fixed number of queries, and the same rows and chart totals
/// as the old code that loaded every deal and filtered, sorted and summed in memory.
/// </summary>
[Collection(ScaleCollection.Name)]
public sealed class FundingScaleTests(ScaleFixture scale)
{
    private static List<string> Deals(string html) =>
        Regex.Matches(html, "data-deal=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

    /// <summary>The old semantics: filters on every deal, the date range by period overlap, newest first (undated last), then by id.</summary>
    private List<ScaleDeal> Expected(Camp? camp = null, DealKind? kind = null, DealStatus? status = null, string? company = null, string? investor = null,
        PartialDate? from = null, PartialDate? to = null) =>
        scale.Deals
            .Where(d => camp is null || d.Camp == camp)
            .Where(d => kind is null || d.Kind == kind)
            .Where(d => status is null || d.Status == status)
            .Where(d => company is null || d.Company == company)
            .Where(d => investor is null || d.Participants.Contains(investor))
            .Where(d => DateRange.Overlaps(d.Date, from, to))
            .OrderByDescending(d => d.Date.HasValue).ThenByDescending(d => d.Date).ThenBy(d => d.Id)
            .ToList();

    public static TheoryData<string, Camp?, DealKind?, DealStatus?, string?, string?, string?, string?, int> Filters => new()
    {
        { "", null, null, null, null, null, null, null, 1 },
        { "page=7", null, null, null, null, null, null, null, 7 },
        { "camp=vertical&page=3", Camp.Vertical, null, null, null, null, null, null, 3 },
        { "kind=equity-round&status=completed", null, DealKind.EquityRound, DealStatus.Completed, null, null, null, null, 1 },
        { "from=2020&to=2021-06", null, null, null, null, null, "2020", "2021-06", 1 },
        { "from=2020&to=2021-06&page=4", null, null, null, null, null, "2020", "2021-06", 4 },
        { "from=2024-03", null, null, null, null, null, "2024-03", null, 1 },
        { "to=2017&page=2", null, null, null, null, null, null, "2017", 2 },
        { "company=scale-ai-17", null, null, null, "scale-ai-17", null, null, null, 1 },
        { "investor=scale-capital-3", null, null, null, null, "scale-capital-3", null, null, 1 },
        { "investor=scale-angel-5&from=2018", null, null, null, null, "scale-angel-5", "2018", null, 1 },
        { "investor=scale-capital-9&camp=general&page=2", Camp.General, null, null, null, "scale-capital-9", null, null, 2 },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Each_filter_gives_the_rows_the_in_memory_code_gave(string query, Camp? camp, DealKind? kind, DealStatus? status, string? company,
        string? investor, string? from, string? to, int page)
    {
        var expected = Expected(camp, kind, status, company, investor, from is null ? null : PartialDate.Parse(from), to is null ? null : PartialDate.Parse(to));
        var (code, html) = await scale.App.GetPageAsync("/funding?" + query);

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.DoesNotContain("data-testid=\"query-notice\"", html);
        Assert.Contains($"{expected.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} results", html);
        var lastPage = Math.Max(1, (expected.Count + FundingQueries.PageSize - 1) / FundingQueries.PageSize);
        // A page past the last is shown empty, with a notice (issue 13), not as the last page under another number.
        Assert.Equal(page > lastPage ? [] : expected.Skip((page - 1) * FundingQueries.PageSize).Take(FundingQueries.PageSize).Select(d => d.Slug), Deals(html));
    }

    [Theory]
    [InlineData("/funding")]
    [InlineData("/funding?from=2019&to=2022-06&camp=general")]
    [InlineData("/funding?investor=scale-capital-3&camp=general")]
    public async Task The_page_is_bounded_in_size_state_and_queries(string url)
    {
        await scale.App.GetPageAsync(url);
        scale.App.Queries.Reset();

        var (code, html) = await scale.App.GetPageAsync(url);

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.True(html.Length < 300_000, $"{html.Length} characters of HTML");
        Assert.InRange(PersistedState.Bytes(html), 1, 100_000);
        // The footer's sources, a lookup for each of company= and investor= given, the chart's groups, one page of rows, their participants, their citations
        // (a filter matching nothing skips the last three), and with a company its timeline's deals. The unfiltered chart comes from the
        // summary kept per data version, so the second request of "/funding" sends no query for it.
        var chart = url == "/funding" ? 0 : 1;
        var lookups = Regex.Matches(url, "company=|investor=").Count;
        var timeline = url.Contains("company=", StringComparison.Ordinal) && !html.Contains("data-testid=\"empty-state\"", StringComparison.Ordinal) ? 1 : 0;
        Assert.True(scale.App.Queries.Commands.Count == 4 + chart + lookups + timeline, string.Join("\n---\n", scale.App.Queries.Commands));
    }

    [Fact]
    public async Task A_date_range_sends_its_dates_as_one_parameter()
    {
        scale.App.Queries.Reset();

        await scale.App.GetPageAsync("/funding?from=2016&to=2025");

        Assert.Contains(scale.App.Queries.Commands, c => c.Contains("json_each", StringComparison.Ordinal));
        Assert.DoesNotContain(scale.App.Queries.Commands, c => c.Contains("@dates2", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData(Camp.BuiltOnOthers, "2019-04", "2023")]
    [InlineData(null, "2021", null)]
    public async Task The_chart_sums_only_raised_money_and_draws_the_rest_apart(Camp? camp, string? from, string? to)
    {
        var rates = scale.Rates;
        var f = from is null ? (PartialDate?)null : PartialDate.Parse(from);
        var t = to is null ? (PartialDate?)null : PartialDate.Parse(to);
        var deals = Expected(camp: camp, from: f, to: t);
        var queries = scale.App.Services.GetRequiredService<FundingQueries>();

        var result = await queries.GetDealsAsync(new FundingFilter(camp, null, null, null, null, null, f, t, 1));

        Assert.Equal(deals.Count, result.Deals.Total);
        Assert.Equal(deals.Count(d => d.Date is null), result.Undated);
        var expected = deals
            .GroupBy(d => (d.Date?.Year, Quarter: d.Date is { Month: { } m } ? (m - 1) / 3 + 1 : (int?)null))
            .OrderBy(g => g.Key.Year is null).ThenBy(g => g.Key.Year).ThenBy(g => g.Key.Quarter ?? 5)
            .ToList();
        Assert.Equal(expected.Select(g => (g.Key.Year, g.Key.Quarter)), result.Periods.Select(p => (p.Year, p.Quarter)));
        foreach (var (period, deal) in result.Periods.Zip(expected))
        {
            var raised = deal.Where(d => OrganizationFigures.CountsAsRaised(d.Kind, d.Status)).ToList();
            var other = deal.Where(d => !OrganizationFigures.CountsAsRaised(d.Kind, d.Status)).ToList();
            Assert.Equal(raised.Count(d => d.Amount is null), period.Undisclosed);
            var byCamp = raised.Where(d => d.Amount is not null).GroupBy(d => d.Camp).OrderBy(c => c.Key).ToList();
            Assert.Equal(byCamp.Select(c => (c.Key, c.Count())), period.Camps.Select(c => (c.Camp, c.Deals)));
            foreach (var (amount, group) in period.Camps.Zip(byCamp))
            {
                var (min, max) = Sum(group);
                Assert.Equal(min, amount.MinUsd);
                Assert.Equal(max, amount.MaxUsd);
            }
            Assert.Equal(other.Count, period.NotRaised?.Deals ?? 0);
            if (other.Any(d => d.Amount is not null)) Assert.Equal(Sum(other.Where(d => d.Amount is not null)).Min, period.NotRaised!.MinUsd);
        }

        // Amounts sharing a date, a currency, a kind and a status are summed and converted once, as the overview's summary does.
        (long Min, long? Max) Sum(IEnumerable<ScaleDeal> group)
        {
            var converted = group.GroupBy(d => (d.Camp, d.Date, d.Amount!.Currency, d.Kind, d.Status))
                .Select(g => OrganizationFigures.SumUsd(g.Key.Currency, g.Sum(d => d.Amount!.Min), g.Sum(d => d.Amount!.Max ?? 0),
                    g.Count(d => d.Amount!.Max is null), g.Key.Date, rates))
                .ToList();
            return (converted.Sum(c => c.Min), converted.Any(c => c.Max is null) ? null : converted.Sum(c => c.Max!.Value));
        }
    }

    [Fact]
    public async Task The_company_and_investor_searches_find_the_synthetic_names_in_both_languages()
    {
        var queries = scale.App.Services.GetRequiredService<FundingQueries>();

        Assert.Contains(await queries.SearchCompaniesAsync("Scale AI 1234"), c => c.Slug == "scale-ai-1234");
        Assert.Contains(await queries.SearchCompaniesAsync("规模智能2999"), c => c.Slug == "scale-ai-2999");
        Assert.Equal(FundingQueries.Suggestions, (await queries.SearchCompaniesAsync("Scale")).Count);
        Assert.Contains(await queries.SearchInvestorsAsync("Capital 42"), c => c.Slug == "scale-capital-42");
        Assert.Contains(await queries.SearchInvestorsAsync("天使7号"), c => c.Slug == "scale-angel-7");
        Assert.Equal(FundingQueries.Suggestions, (await queries.SearchInvestorsAsync("Angel Number")).Count);
        Assert.Null(await queries.FindCompanyAsync("scale-capital-42")); // invests, but has no deal of its own
        Assert.NotNull(await queries.FindInvestorAsync("scale-capital-42"));
    }
}
