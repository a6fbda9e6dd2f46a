using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Search;
using LlmWatch.Data.Values;
using LlmWatch.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Web.Features.Timeline;

/// <summary>The timeline's view, for /timeline and /api/events; <see cref="Search"/> matches the title in either language.</summary>
public sealed record TimelineFilter(EventKind? Kind, Camp? Camp, string? Company, string? Person, int Page,
    PartialDate? From = null, PartialDate? To = null, string? Search = null, int PageSize = TimelineQueries.PageSize, bool IncludeUndated = false)
{
    /// <summary>The query parameters this view reads, besides page and pageSize: the API refuses others, caches by these, and documents them.</summary>
    public static readonly IReadOnlyList<string> Parameters = ["kind", "camp", "company", "person", "q", "from", "to", FilterQuery.IncludeUndatedName];

    /// <summary>Whether a date filter leaves out the events whose date is not known.</summary>
    public bool FiltersDates => From is not null || To is not null;

    /// <summary>The view the query string asks for, given the slugs of the company and person found for it (null: not found).</summary>
    public static TimelineFilter Parse(FilterQuery q, string? foundCompany, string? foundPerson)
    {
        var (from, to) = q.Dates();
        return new TimelineFilter(q.Enum<EventKind>("kind"), q.Enum<Camp>("camp"), q.Found("company", foundCompany), q.Found("person", foundPerson),
            q.Page(), from, to, q.Search(), q.PageSize(TimelineQueries.PageSize), q.IncludeUndated());
    }
}

public sealed record EventLink(string Kind, string Href, string LabelZh, string LabelEn, string Slug);

public sealed record TimelineEvent(int Id, string Slug, PartialDate? Date, EventKind Kind, string TitleZh, string TitleEn, List<EditorNote> Notes,
    List<EventLink> Links, List<CitationView> Citations);

public sealed class TimelineQueries(IDbContextFactory<LlmWatchDbContext> dbFactory)
{
    public const int PageSize = 100;

    /// <summary>Up to <see cref="FilterLookup.Limit"/> companies that events involve whose names contain the text: one query.</summary>
    public Task<List<FilterOption>> SearchCompaniesAsync(string? text, CancellationToken ct = default) =>
        FilterLookup.SearchAsync(dbFactory, EventJoins.OrganizationsWithEvents, text, ct);

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

    /// <summary>The filter the query string asks for, its company and person looked up: a query for each one given.</summary>
    public async Task<TimelineFilter> ParseAsync(FilterQuery q, CancellationToken ct = default)
    {
        var (company, person) = await FindAsync(q["company"], q["person"], ct);
        return TimelineFilter.Parse(q, company?.Slug, person?.Slug);
    }

    /// <summary>One page of events in date order with what they involve and their citations: seven queries.</summary>
    public async Task<Paged<TimelineEvent>> GetAsync(TimelineFilter f, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Filtered(db, f);
        var range = DateRange.Overlapping(f.From, f.To);
        if (range.AtLeast is { } atLeast)
            query = f.IncludeUndated
                ? query.Where(e => e.Date == null || e.Date >= atLeast || e.Date == range.Year || e.Date == range.Month)
                : query.Where(e => e.Date >= atLeast || e.Date == range.Year || e.Date == range.Month);
        if (range.AtMost is { } atMost) query = f.IncludeUndated ? query.Where(e => e.Date == null || e.Date <= atMost) : query.Where(e => e.Date <= atMost);
        var total = await query.CountAsync(ct);
        var page = Paging.Clamp(f.Page, total, f.PageSize);
        // The stored ISO text sorts like the dates; undated events go last.
        var events = await query.OrderBy(e => e.Date == null).ThenBy(e => e.Date).ThenBy(e => e.Slug).Skip(Paging.Skip(page, f.PageSize)).Take(f.PageSize)
            .Select(e => new TimelineEvent(e.Id, e.Slug, e.Date, e.Kind, e.TitleZh, e.TitleEn, e.Notes, new List<EventLink>(), new List<CitationView>()))
            .ToListAsync(ct);
        var ids = events.Select(e => e.Id).ToList();

        var links = new List<(int EventId, EventLink Link)>();
        foreach (var x in await db.Events.Where(e => ids.Contains(e.Id)).SelectMany(e => e.Organizations, (e, o) => new { e.Id, o.Slug, o.NameZh, o.NameEn }).ToListAsync(ct))
            links.Add((x.Id, new EventLink("company", $"/companies/{x.Slug}", x.NameZh, x.NameEn, x.Slug)));
        foreach (var x in await db.Events.Where(e => ids.Contains(e.Id)).SelectMany(e => e.People, (e, p) => new { e.Id, p.Slug, p.NameZh, p.NameEn }).ToListAsync(ct))
            links.Add((x.Id, new EventLink("person", $"/people/{x.Slug}", x.NameZh, x.NameEn, x.Slug)));
        foreach (var x in await db.Events.Where(e => ids.Contains(e.Id)).SelectMany(e => e.Models, (e, m) => new { e.Id, m.Slug, m.Name }).ToListAsync(ct))
            links.Add((x.Id, new EventLink("model", $"/models/{x.Slug}", x.Name, x.Name, x.Slug)));
        foreach (var x in await db.Events.Where(e => ids.Contains(e.Id)).SelectMany(e => e.Deals, (e, d) => new { e.Id, d.Organization.Slug, d.Organization.NameZh, d.Organization.NameEn }).ToListAsync(ct))
            links.Add((x.Id, new EventLink("deal", $"/funding?company={x.Slug}", x.NameZh, x.NameEn, x.Slug)));
        var citations = await Citations.ForAsync(db, SubjectType.Event, ids, ct);

        var items = events.Select(e => e with { Links = links.Where(l => l.EventId == e.Id).Select(l => l.Link).ToList(), Citations = citations.Of(e.Id) }).ToList();
        return new Paged<TimelineEvent>(items, total, page, f.PageSize);
    }

    /// <summary>With a date filter, how many events the other filters keep whose date is not known: one query. Null without a date filter.</summary>
    public async Task<int?> UndatedAsync(TimelineFilter f, CancellationToken ct = default)
    {
        if (!f.FiltersDates) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Filtered(db, f).Where(e => e.Date == null).CountAsync(ct);
    }

    /// <summary>The years that have events, earliest first, for the jump-to-year bar: one query over the distinct dates.</summary>
    public async Task<List<int>> YearsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var dates = await db.Events.Where(e => e.Date != null).Select(e => e.Date).Distinct().ToListAsync(ct);
        return dates.Select(d => d!.Value.Year).Distinct().Order().ToList();
    }

    /// <summary>Every filter but the dates.</summary>
    private static IQueryable<Event> Filtered(LlmWatchDbContext db, TimelineFilter f)
    {
        var query = db.Events.AsQueryable();
        if (f.Kind is { } kind) query = query.Where(e => e.Kind == kind);
        // From the camp's organisations to their events through the join table's (OrganizationsId, EventId) index, not every event.
        if (f.Camp is { } camp)
        {
            var eventIds = db.EventIdsOfOrganizations(db.Organizations.Where(o => o.Camp == camp).Select(o => o.Id));
            query = query.Where(e => eventIds.Contains(e.Id));
        }
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
        if (f.Search is { } search)
        {
            var pattern = OrganizationSearch.ContainsPattern(search);
            query = query.Where(e => EF.Functions.Like(e.TitleZh, pattern, "\\") || EF.Functions.Like(e.TitleEn, pattern, "\\"));
        }
        return query;
    }
}
