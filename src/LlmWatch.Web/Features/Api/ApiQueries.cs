using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;
using LlmWatch.Web.Components.Shared;
using LlmWatch.Data.Search;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Web.Features.Api;

/// <summary>
/// The API's reads: each list pages in SQL and loads what its items link to with one query per kind, so a request
/// costs the same number of queries whatever the page size.
/// </summary>
public sealed class ApiQueries(IDbContextFactory<LlmWatchDbContext> dbFactory)
{
    public async Task<Paged<CompanyItem>> CompaniesAsync(ApiFilter filter, Camp? camp, OrganizationKind? kind, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Organizations.AsQueryable();
        if (camp is { } c) query = query.Where(o => o.Camp == c);
        if (kind is { } k) query = query.Where(o => o.Kind == k);
        if (filter.Q is { } q) query = query.Search(db, q);
        if (filter.FromBound is { } from) query = query.Where(o => o.FoundedOn >= from);
        if (filter.ToBound is { } to) query = query.Where(o => o.FoundedOn <= to);

        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(o => o.Slug).Skip(filter.Skip).Take(filter.PageSize)
            .Select(o => new CompanyItem(o.Slug, o.NameZh, o.NameEn, o.Kind.ToApi(), o.Camp.ToApi(),
                o.FoundedOn == null ? null : o.FoundedOn.Value.ToString(), o.Status.ToApi(),
                o.AcquiredBy == null ? null : o.AcquiredBy.Slug, o.City, o.Country))
            .ToListAsync(ct);
        return new Paged<CompanyItem>(items, total, filter.Page, filter.PageSize);
    }

    public async Task<CompanyDetail?> CompanyAsync(string slug, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var company = await db.Organizations.Where(o => o.Slug == slug)
            .Select(o => new
            {
                o.Id, o.Slug, o.NameZh, o.NameEn, o.Kind, o.Camp, o.FoundedOn, o.Status, AcquiredBy = o.AcquiredBy == null ? null : o.AcquiredBy.Slug,
                o.City, o.Country, o.Aliases, o.SummaryZh, o.SummaryEn, o.Notes, o.Bases,
            })
            .FirstOrDefaultAsync(ct);
        if (company is null) return null;

        var people = await db.Roles.Where(r => r.OrganizationId == company.Id).OrderBy(r => r.From).ThenBy(r => r.Person.Slug)
            .Select(r => new CompanyPerson(r.Person.Slug, r.Person.NameZh, r.Person.NameEn, new ApiText(r.TitleZh, r.TitleEn),
                r.From == null ? null : r.From.Value.ToString(), r.To == null ? null : r.To.Value.ToString()))
            .ToListAsync(ct);
        var models = await ModelsAsync(db, db.Models.Where(m => m.OrganizationId == company.Id), ct);
        var rounds = await RoundsAsync(db, db.Deals.Where(d => d.OrganizationId == company.Id), ct);
        var eventIds = db.Set<Dictionary<string, object>>("EventOrganizations")
            .Where(x => EF.Property<int>(x, "OrganizationsId") == company.Id)
            .Select(x => EF.Property<int>(x, "EventId"));
        var events = await EventsAsync(db, db.Events.Where(e => eventIds.Contains(e.Id)), ct);
        var camps = await db.CampAssignments.Where(a => a.OrganizationId == company.Id).OrderBy(a => a.From).ThenBy(a => a.AsOf).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.Camp, a.From, a.AsOf, a.Basis, a.ReasonZh, a.ReasonEn }).ToListAsync(ct);
        var campCitations = await Citations.ForAsync(db, SubjectType.CampAssignment, camps.Select(a => a.Id).ToList(), ct);
        var citations = await Citations.ForAsync(db, SubjectType.Organization, [company.Id], ct);

        return new CompanyDetail(company.Slug, company.NameZh, company.NameEn, company.Kind.ToApi(), company.Camp.ToApi(),
            company.FoundedOn?.ToString(), company.Status.ToApi(), company.AcquiredBy, company.City, company.Country,
            company.Aliases, Text(company.SummaryZh, company.SummaryEn), company.Notes.Select(n => new ApiText(n.Zh, n.En)).ToList(),
            people, models, rounds, events,
            camps.Select(a => new CampHistoryItem(a.Camp.ToApi(), a.From?.ToString(), a.AsOf?.ToString(), a.Basis.ToApi(), Text(a.ReasonZh, a.ReasonEn),
                ApiCitation.From(campCitations.Of(a.Id)))).ToList(),
            ApiCitation.From(citations.Of(company.Id))) { Bases = ApiBasis.From(company.Bases) };
    }

    public async Task<Paged<FundingRoundItem>> FundingRoundsAsync(ApiFilter filter, DealKind? kind, Camp? camp, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Deals.AsQueryable();
        if (kind is { } k) query = query.Where(d => d.Kind == k);
        if (camp is { } c) query = query.Where(d => d.Organization.Camp == c);
        if (filter.Q is { } q) query = query.Where(d => d.Organization.NameZh.Contains(q) || d.Organization.NameEn.ToLower().Contains(q.ToLower()) || d.Organization.Slug == q);
        if (filter.FromBound is { } from) query = query.Where(d => d.Date >= from);
        if (filter.ToBound is { } to) query = query.Where(d => d.Date <= to);

        var total = await query.CountAsync(ct);
        var items = await RoundsAsync(db, query.OrderBy(d => d.Date).ThenBy(d => d.Slug).Skip(filter.Skip).Take(filter.PageSize), ct);
        return new Paged<FundingRoundItem>(items, total, filter.Page, filter.PageSize);
    }

    public async Task<Paged<ModelItem>> ModelsAsync(ApiFilter filter, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Models.AsQueryable();
        if (filter.Q is { } q) query = query.Where(m => m.Name.ToLower().Contains(q.ToLower()) || (m.Organization != null && m.Organization.NameZh.Contains(q)));
        if (filter.FromBound is { } from) query = query.Where(m => m.ReleasedOn >= from);
        if (filter.ToBound is { } to) query = query.Where(m => m.ReleasedOn <= to);

        var total = await query.CountAsync(ct);
        var items = await ModelsAsync(db, query.OrderBy(m => m.Slug).Skip(filter.Skip).Take(filter.PageSize), ct);
        return new Paged<ModelItem>(items, total, filter.Page, filter.PageSize);
    }

    public async Task<Paged<PersonItem>> PeopleAsync(ApiFilter filter, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.People.AsQueryable();
        if (filter.Q is { } q)
            query = query.Where(p => p.NameZh.Contains(q) || p.NameEn.ToLower().Contains(q.ToLower()) || p.Aliases.Any(a => a.ToLower().Contains(q.ToLower())));

        var total = await query.CountAsync(ct);
        var people = await query.OrderBy(p => p.Slug).Skip(filter.Skip).Take(filter.PageSize)
            .Select(p => new { p.Id, p.Slug, p.NameZh, p.NameEn, p.IsPseudonym, p.Aliases, p.Bases }).ToListAsync(ct);
        var ids = people.Select(p => p.Id).ToList();
        var roles = (await db.Roles.Where(r => ids.Contains(r.PersonId)).OrderBy(r => r.From).ThenBy(r => r.Slug)
                .Select(r => new { r.PersonId, r.Organization.Slug, r.TitleZh, r.TitleEn, r.From, r.To, r.Bases })
                .ToListAsync(ct))
            .ToLookup(r => r.PersonId, r => new RoleItem(r.Slug, new ApiText(r.TitleZh, r.TitleEn), r.From?.ToString(), r.To?.ToString()) { Bases = ApiBasis.From(r.Bases) });
        var citations = await Citations.ForAsync(db, SubjectType.Person, ids, ct);
        var items = people.Select(p => new PersonItem(p.Slug, p.NameZh, p.NameEn, p.IsPseudonym, roles[p.Id].ToList(), ApiCitation.From(citations.Of(p.Id)))
            { Aliases = p.Aliases, Bases = ApiBasis.From(p.Bases) }).ToList();
        return new Paged<PersonItem>(items, total, filter.Page, filter.PageSize);
    }

    public async Task<Paged<EventItem>> EventsAsync(ApiFilter filter, EventKind? kind, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Events.AsQueryable();
        if (kind is { } k) query = query.Where(e => e.Kind == k);
        if (filter.Q is { } q) query = query.Where(e => e.TitleZh.Contains(q) || e.TitleEn.ToLower().Contains(q.ToLower()));
        if (filter.FromBound is { } from) query = query.Where(e => e.Date >= from);
        if (filter.ToBound is { } to) query = query.Where(e => e.Date <= to);

        var total = await query.CountAsync(ct);
        var items = await EventsAsync(db, query.OrderBy(e => e.Date).ThenBy(e => e.Slug).Skip(filter.Skip).Take(filter.PageSize), ct);
        return new Paged<EventItem>(items, total, filter.Page, filter.PageSize);
    }

    public async Task<Paged<SourceItem>> SourcesAsync(ApiFilter filter, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var total = await db.Sources.CountAsync(ct);
        var items = await db.Sources.OrderBy(s => s.Id).Skip(filter.Skip).Take(filter.PageSize)
            .Select(s => new SourceItem(s.Id, s.Title, s.TitleEn, s.Publisher, s.Outlet, s.Url, s.PublishedAt, s.Language))
            .ToListAsync(ct);
        return new Paged<SourceItem>(items, total, filter.Page, filter.PageSize);
    }

    public async Task<SourceDetail?> SourceAsync(string id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Sources.Where(s => s.Id == id)
            .Select(s => new SourceDetail(s.Id, s.Title, s.TitleEn, s.Publisher, s.Outlet, s.Url, s.PublishedAt, s.Language, s.Note, s.Text))
            .FirstOrDefaultAsync(ct);
    }

    private static async Task<List<FundingRoundItem>> RoundsAsync(LlmWatchDbContext db, IQueryable<Deal> deals, CancellationToken ct)
    {
        var rows = await deals.Select(d => new
        {
            d.Id, d.Slug, Company = d.Organization.Slug, d.Date, d.Kind, d.Stage, d.StageText, d.Status, d.Amount, d.Valuation,
            d.ValuationIsRaisingAt, d.NoteZh, d.NoteEn,
        }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var participants = (await db.DealParticipants.Where(p => ids.Contains(p.DealId)).OrderBy(p => p.DealId).ThenBy(p => p.Ordinal)
                .Select(p => new { p.DealId, Organization = p.Organization == null ? null : p.Organization.Slug, Person = p.Person == null ? null : p.Person.Slug, p.Role })
                .ToListAsync(ct))
            .ToLookup(p => p.DealId);
        var citations = await Citations.ForAsync(db, SubjectType.Deal, ids, ct);
        return rows.Select(r => new FundingRoundItem(r.Slug, r.Company, r.Date?.ToString(), r.Kind.ToApi(), r.Stage.ToApi(), r.StageText, r.Status.ToApi(),
                ApiMoney.From(r.Amount), ApiMoney.From(r.Valuation), r.ValuationIsRaisingAt,
                participants[r.Id].Where(p => p.Role is ParticipantRole.Investor or ParticipantRole.Lead && p.Organization is not null).Select(p => p.Organization!).ToList(),
                participants[r.Id].Select(p => new ParticipantItem(p.Organization, p.Person, p.Role.ToApi())).ToList(),
                Text(r.NoteZh, r.NoteEn), ApiCitation.From(citations.Of(r.Id))))
            .ToList();
    }

    private static async Task<List<ModelItem>> ModelsAsync(LlmWatchDbContext db, IQueryable<Model> models, CancellationToken ct)
    {
        var rows = await models.Select(m => new
        {
            m.Id, m.Slug, m.Name, Company = m.Organization == null ? null : m.Organization.Slug, m.ReleasedOn, m.Parameters, m.OpenSource,
            m.CommercialUse, BaseModel = m.BaseModel == null ? null : m.BaseModel.Slug, m.Bases,
        }).ToListAsync(ct);
        var citations = await Citations.ForAsync(db, SubjectType.Model, rows.Select(r => r.Id).ToList(), ct);
        return rows.Select(r => new ModelItem(r.Slug, r.Name, r.Company, r.ReleasedOn?.ToString(), ApiQuantity.From(r.Parameters), r.OpenSource,
            r.CommercialUse.ToApi(), r.BaseModel, ApiCitation.From(citations.Of(r.Id))) { Bases = ApiBasis.From(r.Bases) }).ToList();
    }

    private static async Task<List<EventItem>> EventsAsync(LlmWatchDbContext db, IQueryable<Event> events, CancellationToken ct)
    {
        var rows = await events.Select(e => new
        {
            e.Id, e.Slug, e.Date, e.Kind, e.TitleZh, e.TitleEn,
            Companies = e.Organizations.OrderBy(o => o.Slug).Select(o => o.Slug).ToList(),
            People = e.People.OrderBy(p => p.Slug).Select(p => p.Slug).ToList(),
            Models = e.Models.OrderBy(m => m.Slug).Select(m => m.Slug).ToList(),
        }).AsSplitQuery().ToListAsync(ct);
        var citations = await Citations.ForAsync(db, SubjectType.Event, rows.Select(r => r.Id).ToList(), ct);
        return rows.Select(r => new EventItem(r.Slug, r.Date?.ToString(), r.Kind.ToApi(), r.TitleZh, r.TitleEn, r.Companies, r.People, r.Models,
            ApiCitation.From(citations.Of(r.Id)))).ToList();
    }

    private static ApiText? Text(string? zh, string? en) => zh is null && en is null ? null : new ApiText(zh ?? en!, en ?? zh!);
}
