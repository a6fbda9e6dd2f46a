using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Search;
using LlmWatch.Data.Values;
using LlmWatch.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Web.Features.Funding;

/// <summary>The funding list's view, for /funding and /api/funding-rounds; <see cref="Search"/> matches the company as the directory's search does.</summary>
public sealed record FundingFilter(Camp? Camp, DealKind? Kind, DealStage? Stage, DealStatus? Status, FilterChoice? Company, FilterChoice? Investor,
    PartialDate? From, PartialDate? To, int Page, string? Search = null, int PageSize = FundingQueries.PageSize, bool IncludeUndated = false)
{
    /// <summary>The query parameters this view reads, besides page and pageSize: the API refuses others, caches by these, and documents them.</summary>
    public static readonly IReadOnlyList<string> Parameters = ["camp", "kind", "stage", "status", "company", "investor", "from", "to", FilterQuery.IncludeUndatedName, "q"];

    /// <summary>Whether a date filter leaves out the deals whose date is not known.</summary>
    public bool FiltersDates => From is not null || To is not null;

    /// <summary>The view the query string asks for, given the company and investor its slugs were looked up as (null: not found).</summary>
    public static FundingFilter Parse(FilterQuery q, FilterChoice? company, FilterChoice? investor)
    {
        var (from, to) = q.Dates();
        return new FundingFilter(q.Enum<Camp>("camp"), q.Enum<DealKind>("kind"), q.Enum<DealStage>("stage"), q.Enum<DealStatus>("status"),
            q.Found("company", company?.Slug) is null ? null : company, q.Found("investor", investor?.Slug) is null ? null : investor,
            from, to, q.Page(), q.Search(), q.PageSize(FundingQueries.PageSize), q.IncludeUndated());
    }
}

public sealed record NamedSlug(string Slug, string NameZh, string NameEn);

/// <summary>A company or investor the filters can name: its slug and names, and the organisation or person rows it stands for.</summary>
public sealed record FilterChoice(string Slug, string NameZh, string NameEn, int? OrganizationId = null, int? PersonId = null);

public sealed record DealParticipantRow(ParticipantRole Role, string Slug, string NameZh, string NameEn, bool IsPerson);

public sealed record DealRow(
    int Id, string Slug, string CompanySlug, string CompanyZh, string CompanyEn, Camp Camp, DealKind Kind, DealStage Stage, string? StageText,
    PartialDate? Date, DealStatus Status, Money? Amount, Money? Valuation, bool ValuationIsRaisingAt, string? NoteZh, string? NoteEn,
    List<EditorNote> Notes, List<DealParticipantRow> Participants, List<CitationView> Citations);

/// <summary>
/// The filtered deals that share a date, a camp, a currency (null: amount undisclosed), a kind and a status, summed: what the chart and the
/// count need. There are at most a few thousand such groups whatever the number of deals, since dates are months or days.
/// </summary>
public sealed record DealGroup(PartialDate? Date, Camp Camp, string? Currency, int Deals, long Min, long Max, int Open,
    DealKind Kind, DealStatus Status)
{
    /// <summary>Whether these deals' money counts as raised, by the one rule (<see cref="OrganizationFigures.CountsAsRaised"/>).</summary>
    public bool Raised => OrganizationFigures.CountsAsRaised(Kind, Status);

    /// <summary>The group's disclosed amounts as one sum in US dollars at the date's rate, or null when undisclosed.</summary>
    public ConvertedMoney? Usd(FxRates rates) => Currency is null ? null : OrganizationFigures.SumUsd(Currency, Min, Max, Open, Date, rates);
}

/// <summary>
/// One page of the filtered deals and the chart of all of them; with a company chosen, its deals for its timeline.
/// <see cref="UndatedLeftOut"/> is how many undated deals a date filter leaves out (or, with includeUndated, keeps), null without a date filter.
/// </summary>
public sealed record FundingResult(Paged<DealRow> Deals, List<FundingPeriod> Periods, int Undated, List<TimelineDeal>? Timeline = null, int? UndatedLeftOut = null);

public sealed class FundingQueries(IDbContextFactory<LlmWatchDbContext> dbFactory, FxRates rates, DataChanges changes)
{
    /// <summary>The chart and counts of each summary-only view (camp, kind, status; no dates) at the current data version.</summary>
    private readonly DataVersionCache<(DataView View, Camp?, DealKind?, DealStatus?, bool), SummaryChart> _charts = new(changes);

    private sealed record SummaryChart(List<DealGroup> Groups, List<FundingPeriod> Periods);

    public const int PageSize = 25;

    /// <summary>The most deals one company's timeline draws; no organisation comes near it.</summary>
    public const int TimelineLimit = 500;

    /// <summary>How many companies or investors a search offers.</summary>
    public const int Suggestions = 20;

    /// <summary>The filter the query string asks for, its company and investor looked up: a query for each one given.</summary>
    public async Task<FundingFilter> ParseAsync(FilterQuery q, CancellationToken ct = default) =>
        FundingFilter.Parse(q, q["company"] is { } company ? await FindCompanyAsync(company, ct) : null,
            q["investor"] is { } investor ? await FindInvestorAsync(investor, ct) : null);

    /// <summary>The company a <c>company=</c> value names, if it exists and has deals: one query.</summary>
    public async Task<FilterChoice?> FindCompanyAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Organizations.Where(o => o.Slug == slug && o.Deals.Any())
            .Select(o => new FilterChoice(o.Slug, o.NameZh, o.NameEn, o.Id, null))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>The investor an <c>investor=</c> value names: an organisation or a person (or both, sharing the slug) taking part in a deal. One query.</summary>
    public async Task<FilterChoice?> FindInvestorAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.Organizations.Where(o => o.Slug == slug && db.DealParticipants.Any(p => p.OrganizationId == o.Id))
            .Select(o => new { IsPerson = false, o.Id, o.Slug, o.NameZh, o.NameEn })
            .Concat(db.People.Where(p => p.Slug == slug && db.DealParticipants.Any(d => d.PersonId == p.Id))
                .Select(p => new { IsPerson = true, p.Id, p.Slug, p.NameZh, p.NameEn }))
            .ToListAsync(ct);
        if (found.Count == 0) return null;
        var first = found.OrderBy(f => f.IsPerson).First();
        return new FilterChoice(first.Slug, first.NameZh, first.NameEn, found.FirstOrDefault(f => !f.IsPerson)?.Id, found.FirstOrDefault(f => f.IsPerson)?.Id);
    }

    /// <summary>Companies with deals whose names match <paramref name="text"/>, largest disclosed funding first; the best-funded ones for no text.</summary>
    public async Task<List<FilterChoice>> SearchCompaniesAsync(string? text, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var organizations = string.IsNullOrWhiteSpace(text) ? db.Organizations : db.Organizations.Search(db, text.Trim());
        return await organizations.Where(o => o.Deals.Any())
            .OrderByDescending(o => o.DisclosedFundingUsd).ThenBy(o => o.Slug)
            .Take(Suggestions)
            .Select(o => new FilterChoice(o.Slug, o.NameZh, o.NameEn, o.Id, null))
            .ToListAsync(ct);
    }

    /// <summary>Organisations and people taking part in deals whose names match <paramref name="text"/>: two queries of at most <see cref="Suggestions"/> rows.</summary>
    public async Task<List<FilterChoice>> SearchInvestorsAsync(string? text, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var trimmed = text?.Trim() ?? "";
        var organizations = trimmed.Length == 0 ? db.Organizations : db.Organizations.Search(db, trimmed);
        var found = await organizations.Where(o => db.DealParticipants.Any(p => p.OrganizationId == o.Id))
            .OrderByDescending(o => o.DisclosedFundingUsd).ThenBy(o => o.Slug)
            .Take(Suggestions)
            .Select(o => new FilterChoice(o.Slug, o.NameZh, o.NameEn, o.Id, null))
            .ToListAsync(ct);
        var pattern = OrganizationSearch.ContainsPattern(trimmed);
        var people = await db.People
            .Where(p => (EF.Functions.Like(p.NameZh, pattern, "\\") || EF.Functions.Like(p.NameEn, pattern, "\\")) && db.DealParticipants.Any(d => d.PersonId == p.Id))
            .OrderBy(p => p.Slug)
            .Take(Suggestions)
            .Select(p => new FilterChoice(p.Slug, p.NameZh, p.NameEn, null, p.Id))
            .ToListAsync(ct);
        // People first: there are few, and a named angel is what a short search usually means.
        return people.Concat(found).DistinctBy(c => c.Slug).Take(Suggestions).ToList();
    }

    /// <summary>The filtered deals grouped as the summary groups them, by SQL: one query.</summary>
    private static async Task<List<DealGroup>> GroupsAsync(IQueryable<Deal> deals, CancellationToken ct) =>
        (await deals
            .GroupBy(d => new { d.Date, d.Organization.Camp, d.Amount!.Currency, d.Kind, d.Status })
            .Select(g => new
            {
                g.Key.Date, g.Key.Camp, g.Key.Currency, g.Key.Kind, g.Key.Status, Deals = g.Count(),
                Min = g.Sum(d => d.Amount!.Min), Max = g.Sum(d => d.Amount!.Max ?? 0), Open = g.Count(d => d.Amount!.Currency != null && d.Amount.Max == null),
            })
            .ToListAsync(ct))
        .Select(g => new DealGroup(g.Date, g.Camp, g.Currency, g.Deals, g.Min, g.Max, g.Open, g.Kind, g.Status))
        .ToList();

    private static async Task<List<DealGroup>> SummaryGroupsAsync(LlmWatchDbContext db, FundingFilter f, CancellationToken ct)
    {
        var groups = db.FundingGroups.AsNoTracking();
        if (f.Camp is { } camp) groups = groups.Where(g => g.Camp == camp);
        if (f.Kind is { } kind) groups = groups.Where(g => g.Kind == kind);
        if (f.Status is { } status) groups = groups.Where(g => g.Status == status);
        return await groups.Select(g => new DealGroup(g.Date, g.Camp, g.Currency, g.Deals, g.Min, g.Max, g.Open, g.Kind, g.Status)).ToListAsync(ct);
    }

    /// <summary>
    /// The filtered deals: the chart's groups (one query, aggregated by SQL), then one page of rows (ordered and cut by SQL), their participants
    /// and their citations. Four queries whatever the data size.
    /// </summary>
    public async Task<FundingResult> GetDealsAsync(FundingFilter f, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Deals.AsQueryable();
        if (f.Camp is { } camp) query = query.Where(d => d.Organization.Camp == camp);
        if (f.Kind is { } kind) query = query.Where(d => d.Kind == kind);
        if (f.Stage is { } stage) query = query.Where(d => d.Stage == stage);
        if (f.Status is { } status) query = query.Where(d => d.Status == status);
        if (f.Company is { } company) query = query.Where(d => d.OrganizationId == company.OrganizationId);
        if (f.Search is { } search)
        {
            var found = db.Organizations.Search(db, search).Select(o => o.Id);
            query = query.Where(d => found.Contains(d.OrganizationId));
        }
        if (f.Investor is { } investor)
        {
            var dealIds = db.DealParticipants
                .Where(p => (investor.OrganizationId != null && p.OrganizationId == investor.OrganizationId) || (investor.PersonId != null && p.PersonId == investor.PersonId))
                .Select(p => p.DealId);
            query = query.Where(d => dealIds.Contains(d.Id));
        }

        // Without a stage, company, investor or search, today's groups are the FundingGroups summary's rows (the same groups, summed at
        // import). The summary holds today's deals only: a past view (asOf, recordedAt) groups the deals it keeps, as other filters do.
        // Without dates either, the chart is kept per view until the data change.
        var fromSummary = db.View.IsToday && f is { Stage: null, Company: null, Investor: null, Search: null };
        SummaryChart? chart = null;
        if (f is { Stage: null, Company: null, Investor: null, Search: null, From: null, To: null })
        {
            chart = await _charts.GetOrReadAsync((db.View, f.Camp, f.Kind, f.Status, f.IncludeUndated), async () =>
            {
                var summaryGroups = fromSummary ? await SummaryGroupsAsync(db, f, ct) : await GroupsAsync(query, ct);
                var kept = summaryGroups.Where(g => DateRange.Overlaps(g.Date, f.From, f.To) || (f.IncludeUndated && g.Date is null)).ToList();
                return new SummaryChart(kept, FundingPeriods.Group(kept, rates));
            });
        }
        var allGroups = chart?.Groups ?? (fromSummary ? await SummaryGroupsAsync(db, f, ct) : await GroupsAsync(query, ct));
        // Partial dates compare by their periods, which SQL cannot do on the stored text: the range applies to the groups' dates here.
        var groups = allGroups.Where(g => DateRange.Overlaps(g.Date, f.From, f.To) || (f.IncludeUndated && g.Date is null)).ToList();
        int? undatedLeftOut = f.FiltersDates ? allGroups.Where(g => g.Date is null).Sum(g => g.Deals) : null;

        var total = groups.Sum(g => g.Deals);
        var page = Paging.Clamp(f.Page, total, f.PageSize);

        if (f.From is not null || f.To is not null)
        {
            var dates = groups.Where(g => g.Date is not null).Select(g => g.Date).Distinct().ToList();
            // One JSON parameter (json_each), not one parameter a date: a range can span a few thousand dates.
            query = f.IncludeUndated ? query.Where(d => d.Date == null || EF.Parameter(dates).Contains(d.Date)) : query.Where(d => EF.Parameter(dates).Contains(d.Date));
        }
        // The ISO text sorts as the partial dates do (by start, then the more precise first when descending); SQLite puts NULL (undated) last.
        var rows = total == 0 ? [] : await query
            .OrderByDescending(d => d.Date).ThenBy(d => d.Id)
            .Skip(Paging.Skip(page, f.PageSize)).Take(f.PageSize)
            .Select(d => new DealRow(d.Id, d.Slug, d.Organization.Slug, d.Organization.NameZh, d.Organization.NameEn, d.Organization.Camp, d.Kind, d.Stage,
                d.StageText, d.Date, d.Status, d.Amount, d.Valuation, d.ValuationIsRaisingAt, d.NoteZh, d.NoteEn, d.Notes, new List<DealParticipantRow>(), new List<CitationView>()))
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var participants = ids.Count == 0 ? [] : await db.DealParticipants.Where(p => ids.Contains(p.DealId)).OrderBy(p => p.DealId).ThenBy(p => p.Ordinal)
            .Select(p => new
            {
                p.DealId, p.Role, IsPerson = p.Organization == null,
                Slug = p.Organization != null ? p.Organization.Slug : p.Person!.Slug,
                NameZh = p.Organization != null ? p.Organization.NameZh : p.Person!.NameZh,
                NameEn = p.Organization != null ? p.Organization.NameEn : p.Person!.NameEn,
            })
            .ToListAsync(ct);
        var citations = await Citations.ForAsync(db, SubjectType.Deal, ids, ct);
        // One company's deals are few: its timeline places every one of them, not just this page's.
        var timeline = f.Company is null || total == 0 ? null : await query
            .OrderBy(d => d.Date).ThenBy(d => d.Id)
            .Take(TimelineLimit)
            .Select(d => new TimelineDeal(d.Slug, d.Kind, d.Stage, d.StageText, d.Status, d.Date, d.Amount, d.Valuation))
            .ToListAsync(ct);

        var withDetails = rows
            .Select(r => r with { Participants = participants.Where(p => p.DealId == r.Id).Select(p => new DealParticipantRow(p.Role, p.Slug, p.NameZh, p.NameEn, p.IsPerson)).ToList(), Citations = citations.Of(r.Id) })
            .ToList();
        return new FundingResult(new Paged<DealRow>(withDetails, total, page, f.PageSize), chart?.Periods ?? FundingPeriods.Group(groups, rates),
            groups.Where(g => g.Date is null).Sum(g => g.Deals), timeline, undatedLeftOut);
    }
}
