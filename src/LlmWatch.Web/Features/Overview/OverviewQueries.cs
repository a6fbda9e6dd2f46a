using System.Text.Json.Serialization;
using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;
using LlmWatch.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Web.Features.Overview;

public sealed record LandscapeCounts(int Organizations, int People, int Models, int Deals, int Events, int Viewpoints, int Citations);

public sealed record CampCount(Camp Camp, int Count);

public sealed record TopValuation(string Slug, string NameZh, string NameEn, Camp Camp, Money Valuation, PartialDate? Date, bool IsRaisingAt, IReadOnlyList<CitationView> Citations);

/// <summary>Money raised in a period: Quarter is null when the source gives only the year, Year too when it gives no date.</summary>
public sealed record FundingPeriod(int? Year, int? Quarter, Money? Disclosed, int DisclosedDeals, int UndisclosedDeals, IReadOnlyList<CitationView> Citations);

public sealed record LatestEvent(PartialDate? Date, EventKind Kind, string TitleZh, string TitleEn, IReadOnlyList<CitationView> Citations);

/// <summary>A recent model release: the model, its first organisation, and the quotes that date it.</summary>
public sealed record LatestRelease(string Slug, string Name, PartialDate Date, string? OrganizationSlug, string? OrganizationZh, string? OrganizationEn,
    IReadOnlyList<CitationView> Citations);

public sealed record OverviewData(
    LandscapeCounts Counts, IReadOnlyList<CampCount> Camps, IReadOnlyList<TopValuation> TopValuations,
    IReadOnlyList<FundingPeriod> Funding, IReadOnlyList<LatestEvent> LatestEvents, DateTimeOffset? DataAsOf)
{
    /// <summary>The same money raised, stacked by camp, for the chart the funding page also draws.</summary>
    public List<Funding.FundingPeriod> FundingChart { get; init; } = [];

    /// <summary>Models released per year and organisation, for the chart the models page also draws.</summary>
    public List<ReleasesInYear> Releases { get; init; } = [];

    /// <summary>The latest dated model releases, newest first.</summary>
    public IReadOnlyList<LatestRelease> LatestReleases { get; init; } = [];
}

public sealed class OverviewQueries(IDbContextFactory<LlmWatchDbContext> dbFactory, FxRates rates)
{
    public const int TopValuationCount = 5;
    public const int LatestEventCount = 6;
    public const int LatestReleaseCount = 8;

    /// <summary>Up to this many disclosed rounds, the funding table cites each round; beyond it, each period links to its rounds.</summary>
    public const int CitedRoundsLimit = 200;

    public async Task<LandscapeCounts> GetCountsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await CountsAsync(db, cancellationToken);
    }

    /// <summary>The whole overview in a fixed number of queries (20 with the footer's), whatever the data size.</summary>
    public async Task<OverviewData> GetOverviewAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counts = await CountsAsync(db, cancellationToken);

        var camps = await db.Organizations.GroupBy(o => o.Camp).Select(g => new CampCount(g.Key, g.Count())).ToListAsync(cancellationToken);

        var top = await db.Organizations.AsNoTracking()
            .Where(o => o.LatestValuationUsd != null)
            .OrderByDescending(o => o.LatestValuationUsd).ThenBy(o => o.Slug)
            .Take(TopValuationCount)
            .Select(o => new { o.Id, o.Slug, o.NameZh, o.NameEn, o.Camp })
            .ToListAsync(cancellationToken);
        var topIds = top.Select(o => o.Id).ToList();
        var valuations = await db.Deals.AsNoTracking()
            .Where(d => topIds.Contains(d.OrganizationId) && d.Valuation != null)
            .Select(d => new { d.Id, d.OrganizationId, d.Date, Valuation = d.Valuation!, d.ValuationIsRaisingAt })
            .ToListAsync(cancellationToken);
        // The importer's rule for the latest valuation: latest dated deal, an undated one counting as earliest.
        var latest = valuations.GroupBy(v => v.OrganizationId)
            .ToDictionary(g => g.Key, g => g.OrderBy(v => v.Date?.Start ?? DateOnly.MinValue).Last());

        // Money raised by quarter comes from the summary table; the rounds themselves (for their amounts' words and their
        // citations) are loaded only while they are few enough to list beside the figures.
        var byCamp = await FundingSummary.ByQuarterAndCampAsync(db, rates, cancellationToken);
        var quarters = byCamp.GroupBy(q => (q.Year, q.Quarter))
            .Select(g => new QuarterTotal(g.Key.Year, g.Key.Quarter, g.Sum(q => q.Deals), g.Sum(q => q.DisclosedDeals), g.Sum(q => q.OpenDeals), g.Sum(q => q.MinUsd), g.Sum(q => q.MaxUsd)))
            .ToList();
        var listRounds = quarters.Sum(q => q.DisclosedDeals) <= CitedRoundsLimit;
        var raised = listRounds
            ? await db.Deals.AsNoTracking().WhereRaised()
                .Where(d => d.Amount != null)
                .Select(d => new { d.Id, d.Date, d.Amount })
                .ToListAsync(cancellationToken)
            : [];

        var events = await db.Events.AsNoTracking()
            .OrderByDescending(e => e.Date).ThenBy(e => e.Slug)
            .Take(LatestEventCount)
            .Select(e => new { e.Id, e.Date, e.Kind, e.TitleZh, e.TitleEn })
            .ToListAsync(cancellationToken);

        // Partial dates sort as their ISO text: a release known only to its month or year comes before that period's days.
        var releases = await db.Models.AsNoTracking().Where(m => m.ReleasedOn != null)
            .OrderByDescending(m => m.ReleasedOn).ThenBy(m => m.Slug)
            .Take(LatestReleaseCount)
            .Select(m => new { m.Id, m.Slug, m.Name, ReleasedOn = m.ReleasedOn!.Value, FromRow = m.FromDataset != null,
                OrganizationSlug = m.Organization != null ? m.Organization.Slug : null,
                OrganizationZh = m.Organization != null ? m.Organization.NameZh : null,
                OrganizationEn = m.Organization != null ? m.Organization.NameEn : null })
            .ToListAsync(cancellationToken);
        var releasesPerYear = await DatasetQueries.ReleasesPerYearAsync(db, null, cancellationToken);

        var dealIds = latest.Values.Select(v => v.Id).Concat(raised.Select(d => d.Id)).Distinct().ToList();
        var dealCitations = await Citations.ForAsync(db, SubjectType.Deal, dealIds, cancellationToken);
        var eventCitations = await Citations.ForAsync(db, SubjectType.Event, events.Select(e => e.Id).ToList(), cancellationToken);
        var releaseCitations = await Citations.ForAsync(db, SubjectType.Model, releases.Select(m => m.Id).ToList(), cancellationToken);
        var published = await db.Sources.Select(s => s.PublishedAt).ToListAsync(cancellationToken);

        var roundsByPeriod = raised.ToLookup(d => (d.Date?.Year, d.Date is { Month: { } m } ? (m - 1) / 3 + 1 : (int?)null));
        var funding = quarters.Select(q =>
            {
                var rounds = roundsByPeriod[(q.Year, q.Quarter)].ToList();
                Money? total = q.DisclosedDeals == 0 ? null
                    : new Money("USD", q.MinUsd, q.MaxUsdOrOpen, string.Join(" + ", rounds.Select(d => d.Amount!.Text)));
                return new FundingPeriod(q.Year, q.Quarter, total, q.DisclosedDeals, q.UndisclosedDeals,
                    rounds.SelectMany(d => dealCitations.Of(d.Id)).ToList());
            })
            .ToList();

        return new OverviewData(
            counts,
            camps.OrderBy(c => c.Camp).ToList(),
            top.Where(o => latest.ContainsKey(o.Id)).Select(o =>
            {
                var v = latest[o.Id];
                return new TopValuation(o.Slug, o.NameZh, o.NameEn, o.Camp, v.Valuation, v.Date, v.ValuationIsRaisingAt, dealCitations.Of(v.Id));
            }).ToList(),
            funding,
            events.Select(e => new LatestEvent(e.Date, e.Kind, e.TitleZh, e.TitleEn, eventCitations.Of(e.Id))).ToList(),
            published.Count == 0 ? null : published.Max())
        {
            FundingChart = byCamp.GroupBy(q => (q.Year, q.Quarter))
                .Select(g => new Funding.FundingPeriod(g.Key.Year, g.Key.Quarter,
                    g.Where(q => q.DisclosedDeals > 0).Select(q => new Funding.CampAmount(q.Camp, q.MinUsd, q.MaxUsdOrOpen, q.DisclosedDeals)).ToList(),
                    g.Sum(q => q.Deals - q.DisclosedDeals)))
                .ToList(),
            Releases = releasesPerYear,
            LatestReleases = releases.Select(m => new LatestRelease(m.Slug, m.Name, m.ReleasedOn, m.OrganizationSlug, m.OrganizationZh, m.OrganizationEn,
                Timeline.ModelReleases.DateCitations(releaseCitations.Of(m.Id), m.FromRow))).ToList(),
        };
    }

    // Seven COUNT(*)s on indexed tables: a fixed number of queries whatever the data size.
    private static async Task<LandscapeCounts> CountsAsync(LlmWatchDbContext db, CancellationToken cancellationToken) => new(
        await db.Organizations.CountAsync(cancellationToken),
        await db.People.CountAsync(cancellationToken),
        await db.Models.CountAsync(cancellationToken),
        await db.Deals.CountAsync(cancellationToken),
        await db.Events.CountAsync(cancellationToken),
        await db.Viewpoints.CountAsync(cancellationToken),
        await db.Citations.CountAsync(cancellationToken));
}
