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

/// <summary>
/// An entry of the timeline: an event, or a model's release (<see cref="Release"/> set; then <see cref="Id"/> is the model's, the slug is
/// <c>model:</c> + the model's slug and the titles are the model's name).
/// </summary>
public sealed record TimelineEvent(int Id, string Slug, PartialDate? Date, EventKind Kind, string TitleZh, string TitleEn, List<EditorNote> Notes,
    List<EventLink> Links, List<CitationView> Citations)
{
    public ModelRelease? Release { get; init; }
}

/// <summary>The model a release entry is about, and the dataset row that reports its date (null for a model from an article).</summary>
public sealed record ModelRelease(string ModelSlug, ModelReport? Report);

/// <summary>A timeline row as the database returns it, before links and citations: the shape both halves of the union share.</summary>
public sealed class TimelineRow
{
    public int Id { get; init; }
    public bool IsRelease { get; init; }
    public required string Key { get; init; }
    public required string Slug { get; init; }
    public PartialDate? Date { get; init; }

    /// <summary>The event's kind; null for a release (a NULL unites with the stored text on any provider, where a constant enum went in as its number).</summary>
    public EventKind? Kind { get; init; }
    public required string TitleZh { get; init; }
    public required string TitleEn { get; init; }
}

public sealed class TimelineQueries(IDbContextFactory<LlmWatchDbContext> dbFactory, DataChanges changes)
{
    public const int PageSize = 100;

    /// <summary>The timeline counts entries up to this many, as the directory does (<see cref="Companies.CompanyQueries.CountLimit"/>).</summary>
    public const int CountLimit = Companies.CompanyQueries.CountLimit;

    /// <summary>How deep a page may end and still be read by walking the date order (<see cref="PageAsync"/>): a camp's first five pages.</summary>
    private const int WalkLimit = 500;

    /// <summary>The years of each view (today, or an asOf/recordedAt day) at the current data version.</summary>
    private readonly DataVersionCache<DataView, List<int>> _years = new(changes);

    /// <summary>The bounded count of each view and filter (its first page standing for all) at the current data version.</summary>
    private readonly DataVersionCache<(DataView, TimelineFilter), int> _counts = new(changes);

    /// <summary>Up to <see cref="FilterLookup.Limit"/> companies on the timeline (in an event or with a dated model) whose names contain the text: one query.</summary>
    public Task<List<FilterOption>> SearchCompaniesAsync(string? text, CancellationToken ct = default) =>
        FilterLookup.SearchAsync(dbFactory, EventJoins.OrganizationsOnTimeline, text, ct);

    /// <summary>Up to <see cref="FilterLookup.Limit"/> people that events involve whose names contain the text: one query.</summary>
    public async Task<List<FilterOption>> SearchPeopleAsync(string? text, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await FilterLookup.SearchAsync(db.PeopleWithEvents(), text, ct);
    }

    /// <summary>The company and the person the address names, each only if the timeline has entries involving them: one query per name given.</summary>
    public async Task<(FilterOption? Company, FilterOption? Person)> FindAsync(string? company, string? person, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = string.IsNullOrEmpty(company) ? null : await FilterLookup.FindAsync(db.OrganizationsOnTimeline(), company, ct);
        var p = string.IsNullOrEmpty(person) ? null : await FilterLookup.FindAsync(db.PeopleWithEvents(), person, ct);
        return (c, p);
    }

    /// <summary>The filter the query string asks for, its company and person looked up: a query for each one given.</summary>
    public async Task<TimelineFilter> ParseAsync(FilterQuery q, CancellationToken ct = default)
    {
        var (company, person) = await FindAsync(q["company"], q["person"], ct);
        return TimelineFilter.Parse(q, company?.Slug, person?.Slug);
    }

    /// <summary>
    /// One page of the timeline in date order: the events, and each dated model's release (<see cref="ModelReleases"/>), with what
    /// they involve and their citations. Two queries (a bounded count, kept until the data change; the page), then for the events on
    /// the page notes, four kinds of links and citations, and for the releases on it organisations, citations and dataset reports; a
    /// kind with nothing on the page costs none.
    /// </summary>
    public async Task<Paged<TimelineEvent>> GetAsync(TimelineFilter f, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // A bounded count, as the directory's: past CountLimit the page says "10,000+" and pages through the first 10,000, instead of
        // counting every entry (all events and releases of a camp). Kept until the data change: turning a list's pages counts it once.
        var counted = await _counts.GetOrReadAsync((AsOfScope.Current, f with { Page = 1 }),
            () => Entries(db, f, probe: false).Take(CountLimit + 1).CountAsync(ct));
        var total = Math.Min(counted, CountLimit);
        var page = Paging.Clamp(f.Page, total, f.PageSize);
        var skip = Paging.Skip(page, f.PageSize);
        List<TimelineRow> rows = skip >= total ? [] : await PageAsync(db, f, skip, ct);
        var ids = rows.Where(r => !r.IsRelease).Select(r => r.Id).ToList();
        var modelIds = rows.Where(r => r.IsRelease).Select(r => r.Id).ToList();

        var links = new List<(int EventId, EventLink Link)>();
        var notes = new Dictionary<int, List<EditorNote>>();
        var citations = new Dictionary<int, List<CitationView>>();
        if (ids.Count > 0)
        {
            notes = await db.Events.Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, e.Notes }).ToDictionaryAsync(e => e.Id, e => e.Notes, ct);
            foreach (var x in await db.Events.Where(e => ids.Contains(e.Id)).SelectMany(e => e.Organizations, (e, o) => new { e.Id, o.Slug, o.NameZh, o.NameEn }).ToListAsync(ct))
                links.Add((x.Id, new EventLink("company", $"/companies/{x.Slug}", x.NameZh, x.NameEn, x.Slug)));
            foreach (var x in await db.Events.Where(e => ids.Contains(e.Id)).SelectMany(e => e.People, (e, p) => new { e.Id, p.Slug, p.NameZh, p.NameEn }).ToListAsync(ct))
                links.Add((x.Id, new EventLink("person", $"/people/{x.Slug}", x.NameZh, x.NameEn, x.Slug)));
            foreach (var x in await db.Events.Where(e => ids.Contains(e.Id)).SelectMany(e => e.Models, (e, m) => new { e.Id, m.Slug, m.Name }).ToListAsync(ct))
                links.Add((x.Id, new EventLink("model", $"/models/{x.Slug}", x.Name, x.Name, x.Slug)));
            foreach (var x in await db.Events.Where(e => ids.Contains(e.Id)).SelectMany(e => e.Deals, (e, d) => new { e.Id, d.Organization.Slug, d.Organization.NameZh, d.Organization.NameEn }).ToListAsync(ct))
                links.Add((x.Id, new EventLink("deal", $"/funding?company={x.Slug}", x.NameZh, x.NameEn, x.Slug)));
            citations = await Citations.ForAsync(db, SubjectType.Event, ids, ct);
        }

        var releaseLinks = new Dictionary<int, List<EventLink>>();
        var releaseCitations = new Dictionary<int, List<CitationView>>();
        var reports = new Dictionary<int, ModelReport>();
        if (modelIds.Count > 0)
        {
            var organizations = await DatasetQueries.OrganizationsOfAsync(db, modelIds, ct);
            foreach (var r in rows.Where(r => r.IsRelease))
                releaseLinks[r.Id] = [new EventLink("model", $"/models/{r.Slug}", r.TitleZh, r.TitleEn, r.Slug),
                    .. organizations[r.Id].Select(o => new EventLink("company", $"/companies/{o.Slug}", o.NameZh, o.NameEn, o.Slug))];
            var quotes = await Citations.ForAsync(db, SubjectType.Model, modelIds, ct);
            // A row reports the release only when it gives the date shown: a model from an article keeps the article's date and quotes.
            reports = (await DatasetQueries.ReportsAsync(db, modelIds, ct))
                .Where(p => p.Value.PublishedOn is { } day && rows.Any(r => r.IsRelease && r.Id == p.Key && r.Date == new PartialDate(day.Year, day.Month, day.Day)))
                .ToDictionary(p => p.Key, p => p.Value);
            releaseCitations = quotes.ToDictionary(c => c.Key, c => ModelReleases.DateCitations(c.Value, reports.ContainsKey(c.Key)));
        }

        var items = rows.Select(r => r.IsRelease
            ? new TimelineEvent(r.Id, r.Key, r.Date, EventKind.ModelRelease, r.TitleZh, r.TitleEn, [], releaseLinks.GetValueOrDefault(r.Id) ?? [], releaseCitations.Of(r.Id))
                { Release = new ModelRelease(r.Slug, reports.GetValueOrDefault(r.Id)) }
            : new TimelineEvent(r.Id, r.Key, r.Date, r.Kind!.Value, r.TitleZh, r.TitleEn, notes.GetValueOrDefault(r.Id) ?? [],
                links.Where(l => l.EventId == r.Id).Select(l => l.Link).ToList(), citations.Of(r.Id))).ToList();
        return new Paged<TimelineEvent>(items, total, page, f.PageSize, counted > CountLimit);
    }

    /// <summary>
    /// The entries of one page in date order (undated last; a release's key, "model:…", cannot equal an event's slug). Near the top of a
    /// list that keeps many entries (no filter, or a camp), each half of the union is read in date order through its index and stops at
    /// the page's end (an event or model is checked for the camp as it comes); otherwise every entry the filters keep is sorted, which is
    /// cheaper past a few pages of a camp and for the narrow filters (a company, a person, a search, dates).
    /// </summary>
    private static Task<List<TimelineRow>> PageAsync(LlmWatchDbContext db, TimelineFilter f, int skip, CancellationToken ct)
    {
        var end = skip + f.PageSize;
        var walk = end <= WalkLimit && f is { Kind: null, Company: null, Person: null, Search: null, From: null, To: null };
        IQueryable<TimelineRow> entries;
        if (walk)
        {
            var events = InOrder(Events(db, f, probe: true)).Take(end);
            // Every release is dated: ordered by date then key, the branch reads the release-date index (its "date is null" is always false).
            entries = ModelReleases.Filtered(db, f, probe: true) is { } releases
                ? events.Concat(releases.OrderBy(e => e.Date).ThenBy(e => e.Key).Take(end))
                : events;
        }
        else entries = Entries(db, f, probe: false);
        return InOrder(entries).Skip(skip).Take(f.PageSize).ToListAsync(ct);
    }

    /// <summary>The timeline's order: the stored ISO text sorts like the dates; undated entries go last; the key breaks ties.</summary>
    private static IOrderedQueryable<TimelineRow> InOrder(IQueryable<TimelineRow> rows) =>
        rows.OrderBy(e => e.Date == null).ThenBy(e => e.Date).ThenBy(e => e.Key);

    /// <summary>With a date filter, how many events the other filters keep whose date is not known: one query. Null without a date filter.</summary>
    public async Task<int?> UndatedAsync(TimelineFilter f, CancellationToken ct = default)
    {
        if (!f.FiltersDates) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Filtered(db, f).Where(e => e.Date == null).CountAsync(ct);
    }

    /// <summary>
    /// The years that have events or model releases, earliest first, for the jump-to-year bar: one query over the distinct dates, kept
    /// until the data change (it reads every event and model: 70–110 ms of SQLite at 100k organisations, on every render of the page).
    /// </summary>
    public Task<List<int>> YearsAsync(CancellationToken ct = default) =>
        _years.GetOrReadAsync(AsOfScope.Current, async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var dates = await db.Events.Where(e => e.Date != null).Select(e => e.Date)
                .Concat(db.Models.Where(m => m.ReleasedOn != null).Select(m => m.ReleasedOn)).Distinct().ToListAsync(ct);
            return dates.Select(d => d!.Value.Year).Distinct().Order().ToList();
        });

    /// <summary>The events and the model releases the filter keeps, as one query (a SQL UNION ALL) to count, order and page.</summary>
    private static IQueryable<TimelineRow> Entries(LlmWatchDbContext db, TimelineFilter f, bool probe)
    {
        var events = Events(db, f, probe);
        var releases = ModelReleases.Filtered(db, f, probe);
        var query = releases is null ? events : events.Concat(releases);
        var range = DateRange.Overlapping(f.From, f.To);
        if (range.AtLeast is { } atLeast)
            query = f.IncludeUndated
                ? query.Where(e => e.Date == null || e.Date >= atLeast || e.Date == range.Year || e.Date == range.Month)
                : query.Where(e => e.Date >= atLeast || e.Date == range.Year || e.Date == range.Month);
        if (range.AtMost is { } atMost) query = f.IncludeUndated ? query.Where(e => e.Date == null || e.Date <= atMost) : query.Where(e => e.Date <= atMost);
        return query;
    }

    private static IQueryable<TimelineRow> Events(LlmWatchDbContext db, TimelineFilter f, bool probe) =>
        Filtered(db, f, probe).Select(e => new TimelineRow { Id = e.Id, IsRelease = false, Key = e.Slug, Slug = e.Slug, Date = e.Date, Kind = (EventKind?)e.Kind, TitleZh = e.TitleZh, TitleEn = e.TitleEn });

    /// <summary>
    /// Every filter but the dates. A camp is checked per event when <paramref name="probe"/> (events read in date order, until a page is
    /// full), else its events are found from its organisations through the join table's (OrganizationsId, EventId) index.
    /// </summary>
    private static IQueryable<Event> Filtered(LlmWatchDbContext db, TimelineFilter f, bool probe = false)
    {
        var query = db.Events.AsQueryable();
        if (f.Kind is { } kind) query = query.Where(e => e.Kind == kind);
        if (f.Camp is { } camp && probe) query = query.InvolvingCamp(db, camp);
        else if (f.Camp is { } campOf)
        {
            var eventIds = db.EventIdsOfOrganizations(db.Organizations.Where(o => o.Camp == campOf).Select(o => o.Id));
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
