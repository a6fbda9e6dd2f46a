using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;
using LlmWatch.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Web.Features.Timeline;

public sealed record TimelineFilter(EventKind? Kind, Camp? Camp, string? Company, string? Person, int Page);

public sealed record EventLink(string Kind, string Href, string LabelZh, string LabelEn);

public sealed record TimelineEvent(int Id, string Slug, PartialDate? Date, EventKind Kind, string TitleZh, string TitleEn, List<EditorNote> Notes,
    List<EventLink> Links, List<CitationView> Citations);

public sealed class TimelineQueries(IDbContextFactory<LlmWatchDbContext> dbFactory)
{
    public const int PageSize = 100;

    /// <summary>Up to <see cref="FilterLookup.Limit"/> companies that events involve whose names contain the text: one query.</summary>
    public async Task<List<FilterOption>> SearchCompaniesAsync(string? text, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await FilterLookup.SearchAsync(db.OrganizationsWithEvents(), db, text, ct);
    }

    /// <summary>Up to <see cref="FilterLookup.Limit"/> people that events involve whose names contain the text: one query.</summary>
    public async Task<List<FilterOption>> SearchPeopleAsync(string? text, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await FilterLookup.SearchAsync(db.PeopleWithEvents(), text, ct);
    }

    /// <summary>The company and the person the address names, each only if events involve them: one query per name given.</summary>
    public async Task<(FilterOption? Company, FilterOption? Person)> FindAsync(string? company, string? person, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = string.IsNullOrEmpty(company) ? null : await FilterLookup.FindAsync(db.OrganizationsWithEvents(), company, ct);
        var p = string.IsNullOrEmpty(person) ? null : await FilterLookup.FindAsync(db.PeopleWithEvents(), person, ct);
        return (c, p);
    }

    /// <summary>One page of events in date order with what they involve and their citations: seven queries.</summary>
    public async Task<(List<TimelineEvent> Events, int Total, int Page)> GetAsync(TimelineFilter f, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Events.AsQueryable();
        if (f.Kind is { } kind) query = query.Where(e => e.Kind == kind);
        if (f.Camp is { } camp) query = query.Where(e => e.Organizations.Any(o => o.Camp == camp));
        // From the company or person to its events through the join table's index, not through every event.
        if (f.Company is { } company)
        {
            var eventIds = db.EventIdsOfOrganizations(db.Organizations.Where(o => o.Slug == company).Select(o => o.Id));
            query = query.Where(e => eventIds.Contains(e.Id));
        }
        if (f.Person is { } person)
        {
            var eventIds = db.EventIdsOfPeople(db.People.Where(p => p.Slug == person).Select(p => p.Id));
            query = query.Where(e => eventIds.Contains(e.Id));
        }
        var total = await query.CountAsync(ct);
        var page = Math.Clamp(f.Page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        // The stored ISO text sorts like the dates; undated events go last.
        var events = await query.OrderBy(e => e.Date == null).ThenBy(e => e.Date).ThenBy(e => e.Slug).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(e => new TimelineEvent(e.Id, e.Slug, e.Date, e.Kind, e.TitleZh, e.TitleEn, e.Notes, new List<EventLink>(), new List<CitationView>()))
            .ToListAsync(ct);
        var ids = events.Select(e => e.Id).ToList();

        var links = new List<(int EventId, EventLink Link)>();
        foreach (var x in await db.Events.Where(e => ids.Contains(e.Id)).SelectMany(e => e.Organizations, (e, o) => new { e.Id, o.Slug, o.NameZh, o.NameEn }).ToListAsync(ct))
            links.Add((x.Id, new EventLink("company", $"/companies/{x.Slug}", x.NameZh, x.NameEn)));
        foreach (var x in await db.Events.Where(e => ids.Contains(e.Id)).SelectMany(e => e.People, (e, p) => new { e.Id, p.Slug, p.NameZh, p.NameEn }).ToListAsync(ct))
            links.Add((x.Id, new EventLink("person", $"/people/{x.Slug}", x.NameZh, x.NameEn)));
        foreach (var x in await db.Events.Where(e => ids.Contains(e.Id)).SelectMany(e => e.Models, (e, m) => new { e.Id, m.Slug, m.Name }).ToListAsync(ct))
            links.Add((x.Id, new EventLink("model", $"/models/{x.Slug}", x.Name, x.Name)));
        foreach (var x in await db.Events.Where(e => ids.Contains(e.Id)).SelectMany(e => e.Deals, (e, d) => new { e.Id, d.Organization.Slug, d.Organization.NameZh, d.Organization.NameEn }).ToListAsync(ct))
            links.Add((x.Id, new EventLink("deal", $"/funding?company={x.Slug}", x.NameZh, x.NameEn)));
        var citations = await Citations.ForAsync(db, SubjectType.Event, ids, ct);

        return (events.Select(e => e with { Links = links.Where(l => l.EventId == e.Id).Select(l => l.Link).ToList(), Citations = citations.Of(e.Id) }).ToList(), total, page);
    }
}
