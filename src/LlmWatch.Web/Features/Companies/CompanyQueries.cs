using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;
using LlmWatch.Web.Components.Shared;
using LlmWatch.Data.Search;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Web.Features.Companies;

public sealed class CompanyQueries(IDbContextFactory<LlmWatchDbContext> dbFactory, FxRates rates)
{
    public const int MaxCsvRows = 10_000;

    /// <summary>The directory counts matches up to this many; beyond it shows "10,000+" and pages through the first 10,000.</summary>
    public const int CountLimit = 10_000;

    /// <summary>One page of the directory: a bounded count, the page's organisations, then their deals (three queries whatever the size).</summary>
    public async Task<Paged<CompanyRow>> ListAsync(CompanyFilter filter, bool chinese, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Filtered(db, filter);
        // A bounded count: past CountLimit the page says "10,000+" instead of counting a million rows for every page turn.
        var counted = await query.Take(CountLimit + 1).CountAsync(cancellationToken);
        var total = Math.Min(counted, CountLimit);
        var page = Paging.Clamp(filter.Page, total, filter.PageSize);
        var rows = await RowsAsync(db, Sorted(query, filter.Sort, chinese).Skip(Paging.Skip(page, filter.PageSize)).Take(filter.PageSize), cancellationToken);
        return new Paged<CompanyRow>(rows, total, page, filter.PageSize, counted > CountLimit);
    }

    /// <summary>
    /// With a founding-year filter, how many organisations the other filters keep whose founding date is not known (a bounded count, as the
    /// directory's): the year filter leaves them out unless asked to include them. Null without a year filter: nothing is left out for lack of a date.
    /// </summary>
    public async Task<int?> UndatedAsync(CompanyFilter filter, CancellationToken cancellationToken = default)
    {
        if (!filter.FiltersFounding) return null;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var others = Filtered(db, filter with { FoundedFrom = null, FoundedTo = null });
        return await others.Where(o => o.FoundedOn == null).Take(CountLimit).CountAsync(cancellationToken);
    }

    /// <summary>Every organisation the filter keeps, in its order, for the CSV download (two queries).</summary>
    public async Task<IReadOnlyList<CompanyRow>> ListAllAsync(CompanyFilter filter, bool chinese, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await RowsAsync(db, Sorted(Filtered(db, filter), filter.Sort, chinese).Take(MaxCsvRows), cancellationToken);
    }

    /// <summary>The organisations in their order with the figures of their deals: two queries.</summary>
    private async Task<List<CompanyRow>> RowsAsync(LlmWatchDbContext db, IQueryable<Organization> organizations, CancellationToken cancellationToken)
    {
        var rows = await organizations
            .Select(o => new
            {
                o.Id, o.Slug, o.NameZh, o.NameEn, o.Kind, o.City, o.Country, o.FoundedOn, o.Status, o.Camp, o.LatestValuationUsd,
                AcquiredBy = o.AcquiredBy == null ? null : o.AcquiredBy.Slug,
            })
            .ToListAsync(cancellationToken);
        var deals = await FundingDealsAsync(db, rows.Select(o => o.Id).ToList(), cancellationToken);
        return rows.Select(o =>
        {
            var mine = deals[o.Id].ToList();
            var valuation = OrganizationFigures.LatestValuation(mine);
            var funding = OrganizationFigures.Funding(mine, rates);
            return new CompanyRow(o.Slug, o.NameZh, o.NameEn, o.Kind, o.City, o.FoundedOn, o.Status, o.Camp,
                valuation?.Valuation, valuation?.Date, valuation?.ValuationIsRaisingAt ?? false, o.LatestValuationUsd, funding.Total, funding.Undisclosed,
                o.Country, o.AcquiredBy);
        }).ToList();
    }

    /// <summary>A profile in eight queries: the organisation, then one per kind of related row (deals and their participants apart), then every citation at once.</summary>
    public async Task<CompanyProfile?> GetProfileAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var o = await db.Organizations.AsNoTracking()
            .Where(o => o.Slug == slug)
            .Select(o => new
            {
                o.Id, o.Slug, o.NameZh, o.NameEn, o.Aliases, o.Kind, o.City, o.Country, o.FoundedOn, o.Status, o.SummaryZh, o.SummaryEn, o.Notes, o.Camp, o.Bases,
                AcquiredBy = o.AcquiredBy == null ? null : new OrganizationLink(o.AcquiredBy.Slug, o.AcquiredBy.NameZh, o.AcquiredBy.NameEn),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (o is null) return null;

        // Each list in key order, so that ties in the orders below fall the same way on every database engine.
        var camps = await db.CampAssignments.AsNoTracking()
            .Where(c => c.OrganizationId == o.Id).OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.Camp, c.From, c.AsOf, c.Basis, c.ReasonZh, c.ReasonEn })
            .ToListAsync(cancellationToken);
        var dealRows = await db.Deals.AsNoTracking()
            .Where(d => d.OrganizationId == o.Id).OrderBy(d => d.Id)
            .Select(d => new { d.Id, d.Slug, d.Kind, d.Stage, d.StageText, d.Date, d.Status, d.Amount, d.Valuation, d.ValuationIsRaisingAt, d.NoteZh, d.NoteEn, d.Notes })
            .ToListAsync(cancellationToken);
        // The participants by their deal index, in a query of their own: as a nested collection SQLite would scan them all.
        var dealIdList = dealRows.Select(d => d.Id).ToList();
        var participants = (await db.DealParticipants.AsNoTracking()
                .Where(p => dealIdList.Contains(p.DealId))
                .OrderBy(p => p.DealId).ThenBy(p => p.Ordinal)
                .Select(p => new
                {
                    p.DealId,
                    Item = new ParticipantItem(
                        p.Role,
                        p.Organization == null ? null : p.Organization.Slug,
                        p.Person == null ? null : p.Person.Slug,
                        p.Organization != null ? p.Organization.NameZh : p.Person != null ? p.Person.NameZh : "",
                        p.Organization != null ? p.Organization.NameEn : p.Person != null ? p.Person.NameEn : ""),
                })
                .ToListAsync(cancellationToken))
            .ToLookup(p => p.DealId, p => p.Item);
        var deals = dealRows.Select(d => new
        {
            d.Id, d.Slug, d.Kind, d.Stage, d.StageText, d.Date, d.Status, d.Amount, d.Valuation, d.ValuationIsRaisingAt, d.NoteZh, d.NoteEn, d.Notes,
            Participants = participants[d.Id].ToList(),
        }).ToList();
        var roles = await db.Roles.AsNoTracking()
            .Where(r => r.OrganizationId == o.Id).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.Person.Slug, r.Person.NameZh, r.Person.NameEn, r.Person.IsPseudonym, r.TitleZh, r.TitleEn, r.From, r.To })
            .ToListAsync(cancellationToken);
        // Its own models and those it made jointly (an Epoch AI row naming several organisations), in the same one query: read from
        // the organisation's links (their (OrganizationId, ModelId) index), not by testing every model for a link.
        var models = await db.ModelOrganizations.AsNoTracking()
            .Where(l => l.OrganizationId == o.Id).Select(l => l.Model).OrderBy(m => m.Id)
            .Select(m => new
            {
                m.Id, m.Slug, m.Name, m.ReleasedOn, m.Parameters, m.OpenSource, m.Bases, m.Notes,
            })
            .ToListAsync(cancellationToken);
        // The deals this organisation took part in (as investor, lead, acquirer, lender…), from the participants' organisation index.
        var portfolio = await (
                from part in db.DealParticipants.AsNoTracking()
                where part.OrganizationId == o.Id
                join d in db.Deals on part.DealId equals d.Id
                select new
                {
                    d.Id, part.Role, d.Date, d.Kind, d.Stage, d.StageText, d.Status, d.Amount,
                    Slug = d.Organization.Slug, d.Organization.NameZh, d.Organization.NameEn, d.Organization.Camp,
                })
            .ToListAsync(cancellationToken);
        // From the join table's organisation index, not a scan of every event asking whether it names this organisation.
        var eventIdsOfOrganization = db.EventIdsOfOrganization(o.Id);
        var events = await db.Events.AsNoTracking()
            .Where(e => eventIdsOfOrganization.Contains(e.Id)).OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.Date, e.Kind, e.TitleZh, e.TitleEn })
            .ToListAsync(cancellationToken);

        var campIds = camps.Select(c => c.Id).ToList();
        var dealIds = deals.Select(d => d.Id).Concat(portfolio.Select(d => d.Id)).Distinct().ToList();
        var roleIds = roles.Select(r => r.Id).ToList();
        var modelIds = models.Select(m => m.Id).ToList();
        // Where each dataset model was reported: its row's date and reference, "via" the dataset (as the model page says it).
        var reports = await DatasetQueries.ReportsAsync(db, modelIds, cancellationToken);
        // Every organisation of each model (the links' model index): the others are its partners in a joint model.
        var makers = await DatasetQueries.OrganizationsOfAsync(db, modelIds, cancellationToken);
        var eventIds = events.Select(e => e.Id).ToList();
        var citations = await db.Citations.AsNoTracking()
            .Where(c => (c.SubjectType == SubjectType.Organization && c.SubjectId == o.Id)
                        || (c.SubjectType == SubjectType.CampAssignment && campIds.Contains(c.SubjectId))
                        || (c.SubjectType == SubjectType.Deal && dealIds.Contains(c.SubjectId))
                        || (c.SubjectType == SubjectType.Role && roleIds.Contains(c.SubjectId))
                        || (c.SubjectType == SubjectType.Model && modelIds.Contains(c.SubjectId))
                        || (c.SubjectType == SubjectType.Event && eventIds.Contains(c.SubjectId)))
            .OrderBy(c => c.SubjectType).ThenBy(c => c.SubjectId).ThenBy(c => c.Ordinal)
            .Select(c => new { c.SubjectType, c.SubjectId, View = new CitationView(c.SourceId, c.Quote, c.Note) { Row = c.Row, Columns = c.Columns } })
            .ToListAsync(cancellationToken);
        var cited = citations.ToLookup(c => (c.SubjectType, c.SubjectId), c => c.View);
        List<CitationView> Of(SubjectType type, int id) => cited[(type, id)].ToList();

        var figures = deals.Select(d => new DealFigures(d.Kind, d.Status, d.Date, d.Amount, d.Valuation, d.Id, d.ValuationIsRaisingAt)).ToList();
        var latest = OrganizationFigures.LatestValuation(figures);
        var raised = OrganizationFigures.Funding(figures, rates);

        return new CompanyProfile(
            o.Slug, o.NameZh, o.NameEn, o.Aliases, o.Kind, o.City, o.FoundedOn, o.Status, o.AcquiredBy, o.SummaryZh, o.SummaryEn, o.Notes, o.Camp,
            // Latest first, by the rule of OrganizationFigures.LatestCamp: when it began, then the date it is reported as of.
            camps.OrderByDescending(c => c.From?.Start ?? DateOnly.MinValue).ThenByDescending(c => c.AsOf?.Start ?? DateOnly.MinValue)
                .Select(c => new CampHistoryItem(c.Camp, c.From, c.Basis, c.ReasonZh, c.ReasonEn, Of(SubjectType.CampAssignment, c.Id)) { AsOf = c.AsOf }).ToList(),
            new KeyFigure(latest?.Valuation, latest?.Date, latest?.ValuationIsRaisingAt ?? false, 0, latest is { } l ? Of(SubjectType.Deal, l.Id) : []),
            new KeyFigure(raised.Total, null, false, raised.Undisclosed, raised.DealIds.SelectMany(id => Of(SubjectType.Deal, id)).ToList()),
            deals.OrderByDescending(d => d.Date?.Start ?? DateOnly.MinValue)
                .Select(d => new DealItem(d.Kind, d.Stage, d.StageText, d.Date, d.Status, d.Amount, d.Valuation, d.ValuationIsRaisingAt, d.NoteZh, d.NoteEn,
                    d.Notes, d.Participants, Of(SubjectType.Deal, d.Id)) { Slug = d.Slug }).ToList(),
            roles.OrderBy(r => r.From?.Start ?? DateOnly.MinValue).ThenBy(r => r.Slug)
                .Select(r => new RoleItem(r.Slug, r.NameZh, r.NameEn, r.IsPseudonym, r.TitleZh, r.TitleEn, r.From, r.To, Of(SubjectType.Role, r.Id))).ToList(),
            models.OrderByDescending(m => m.ReleasedOn?.Start ?? DateOnly.MinValue)
                .Select(m => new ModelItem(m.Slug, m.Name, m.ReleasedOn, m.Parameters, m.OpenSource, Of(SubjectType.Model, m.Id))
                {
                    Bases = m.Bases, Notes = m.Notes, Report = reports.GetValueOrDefault(m.Id),
                    Partners = makers[m.Id].Where(l => l.Slug != o.Slug).Select(l => new OrganizationLink(l.Slug, l.NameZh, l.NameEn)).ToList(),
                }).ToList(),
            events.OrderByDescending(e => e.Date?.Start ?? DateOnly.MinValue)
                .Select(e => new EventItem(e.Date, e.Kind, e.TitleZh, e.TitleEn, Of(SubjectType.Event, e.Id))).ToList(),
            Of(SubjectType.Organization, o.Id),
            citations.Select(c => c.View).DistinctBy(c => (c.SourceId, c.Quote, c.Row)).ToList(),
            o.Country)
        {
            Bases = o.Bases,
            // Latest first, undated last; a deal it had two roles in (lead and investor) shows once, with the lead role.
            Portfolio = portfolio.GroupBy(d => d.Id).Select(g => g.OrderBy(d => d.Role == ParticipantRole.Lead ? 0 : 1).First())
                .OrderBy(d => d.Date is null).ThenByDescending(d => d.Date?.Start ?? DateOnly.MinValue).ThenBy(d => d.Id)
                .Select(d => new PortfolioDeal(d.Role, d.Date, d.Kind, d.Stage, d.StageText, d.Status, d.Amount, d.Slug, d.NameZh, d.NameEn, d.Camp, Of(SubjectType.Deal, d.Id)))
                .ToList(),
        };
    }

    /// <summary>The deals the directory's figures read (those with a valuation or counting as raised), by organisation.</summary>
    private static async Task<ILookup<int, DealFigures>> FundingDealsAsync(LlmWatchDbContext db, List<int> organizationIds, CancellationToken cancellationToken)
    {
        if (organizationIds.Count == 0) return Array.Empty<DealFigures>().ToLookup(_ => 0);
        var raisedKinds = OrganizationFigures.RaisedKinds.ToList();
        // The money columns one by one: projecting the optional complex properties whole made EF read every column of the deal
        // (notes and bases as JSON included) and materialise the entity, about half of the directory's render at 100k.
        var deals = await db.Deals.AsNoTracking()
            .Where(d => organizationIds.Contains(d.OrganizationId))
            .Where(d => d.Valuation != null || raisedKinds.Contains(d.Kind))
            .Select(d => new
            {
                d.OrganizationId, d.Kind, d.Status, d.Date, d.Id, d.ValuationIsRaisingAt,
                AmountCurrency = d.Amount!.Currency, AmountMin = (long?)d.Amount.Min, AmountMax = d.Amount.Max, AmountText = d.Amount.Text,
                AmountApproximate = (bool?)d.Amount.Approximate,
                ValuationCurrency = d.Valuation!.Currency, ValuationMin = (long?)d.Valuation.Min, ValuationMax = d.Valuation.Max,
                ValuationText = d.Valuation.Text, ValuationApproximate = (bool?)d.Valuation.Approximate,
            })
            .ToListAsync(cancellationToken);
        return deals.ToLookup(d => d.OrganizationId, d => new DealFigures(d.Kind, d.Status, d.Date,
            MoneyOf(d.AmountCurrency, d.AmountMin, d.AmountMax, d.AmountText, d.AmountApproximate),
            MoneyOf(d.ValuationCurrency, d.ValuationMin, d.ValuationMax, d.ValuationText, d.ValuationApproximate), d.Id, d.ValuationIsRaisingAt));
    }

    /// <summary>An optional amount from its columns: absent when its currency (required in every amount) is.</summary>
    private static Money? MoneyOf(string? currency, long? min, long? max, string? text, bool? approximate) =>
        currency is null ? null : new Money(currency, min ?? 0, max, text ?? "", approximate ?? false);

    private static IQueryable<Organization> Filtered(LlmWatchDbContext db, CompanyFilter filter)
    {
        var query = db.Organizations.AsNoTracking();
        if (filter.Search is { } search) query = query.Search(db, search);
        if (filter.Camps.Count == 1)
        {
            // One camp as an equality, not a list: PostgreSQL 15 reads the (Camp, figure, Slug) index in the page's order only
            // under "Camp" = …, not under "Camp" = ANY (…), and would otherwise sort the whole camp for every page.
            var camp = filter.Camps.Single();
            query = query.Where(o => o.Camp == camp);
        }
        else if (filter.Camps.Count > 1)
        {
            var camps = filter.Camps.ToList();
            query = query.Where(o => camps.Contains(o.Camp));
        }
        if (filter.Kind is { } kind) query = query.Where(o => o.Kind == kind);
        if (filter.Status is { } status) query = query.Where(o => o.Status == status);
        if (filter.FoundedFrom is { } from)
        {
            var start = new PartialDate(from);
            query = filter.IncludeUndated ? query.Where(o => o.FoundedOn == null || o.FoundedOn >= start) : query.Where(o => o.FoundedOn != null && o.FoundedOn >= start);
        }
        if (filter.FoundedTo is { } to)
        {
            var end = new PartialDate(to + 1);
            query = filter.IncludeUndated ? query.Where(o => o.FoundedOn == null || o.FoundedOn < end) : query.Where(o => o.FoundedOn != null && o.FoundedOn < end);
        }
        return query;
    }

    private static IQueryable<Organization> Sorted(IQueryable<Organization> query, CompanySort sort, bool chinese) => sort switch
    {
        // SQLite sorts NULL lowest, so descending puts companies without the figure last, and the (Camp, figure DESC, Slug)
        // indexes serve the order without sorting.
        CompanySort.Founded => query.OrderByDescending(o => o.FoundedOn).ThenBy(o => o.Slug),
        CompanySort.Valuation => query.OrderByDescending(o => o.LatestValuationUsd).ThenBy(o => o.Slug),
        CompanySort.Funding => query.OrderByDescending(o => o.DisclosedFundingUsd).ThenBy(o => o.Slug),
        // Chinese readers get pinyin order (拼音序), as Chinese dictionaries and directories do.
        _ when chinese => query.OrderBy(o => (o.Pinyin ?? o.NameEn).ToLower()).ThenBy(o => o.Slug),
        _ => query.OrderBy(o => o.NameEn.ToLower()).ThenBy(o => o.Slug),
    };
}
