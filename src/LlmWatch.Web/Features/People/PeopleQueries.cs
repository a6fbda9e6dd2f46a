using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Search;
using LlmWatch.Data.Values;
using LlmWatch.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Web.Features.People;

public sealed record PersonListRow(int Id, string Slug, string NameZh, string NameEn, bool IsPseudonym, int Viewpoints, List<PersonRoleRow> Roles,
    List<CitationView> Citations)
{
    /// <summary>Other orders and names the person is known by (Si Luo for Luo Si).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    public IReadOnlyList<FieldBasis> Bases { get; init; } = [];
}

/// <summary>The people list's view, for /people and /api/people; <see cref="Search"/> matches either name.</summary>
public sealed record PeopleFilter(string? Company, bool? Pseudonym, int Page, string? Search = null, int PageSize = PeopleQueries.PageSize)
{
    /// <summary>The query parameters this view reads, besides page and pageSize: the API refuses others, caches by these, and documents them.</summary>
    public static readonly IReadOnlyList<string> Parameters = ["company", "pseudonym", "q"];

    /// <summary>The view the query string asks for, given the slug of the company found for it (null: not found).</summary>
    public static PeopleFilter Parse(FilterQuery q, string? foundCompany) =>
        new(q.Found("company", foundCompany), q.Bool("pseudonym"), q.Page(), q.Search(), q.PageSize(PeopleQueries.PageSize));
}

/// <summary>A role; <see cref="Told"/> is where the source first tells it, the order of a career whose dates the source does not give.</summary>
public sealed record PersonRoleRow(int Id, int PersonId, string OrganizationSlug, string OrganizationZh, string OrganizationEn, Camp Camp, string TitleZh, string TitleEn,
    PartialDate? From, PartialDate? To, int Told, List<EditorNote> Notes)
{
    public IReadOnlyList<FieldBasis> Bases { get; init; } = [];
}

public sealed record ViewpointRow(int Id, string TopicZh, string TopicEn, Camp? Camp, Stance Stance, PartialDate? Date, string? SummaryZh, string? SummaryEn,
    List<EditorNote> Notes);

public sealed record PersonEventRow(string Slug, PartialDate? Date, string TitleZh, string TitleEn);

public sealed record PersonDetail(int Id, string Slug, string NameZh, string NameEn, bool IsPseudonym, string? SummaryZh, string? SummaryEn, List<EditorNote> Notes,
    List<PersonRoleRow> Roles, List<ViewpointRow> Viewpoints, List<PersonEventRow> Events, Dictionary<string, List<CitationView>> Citations)
{
    /// <summary>Other orders and names the person is known by (Si Luo for Luo Si).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    public IReadOnlyList<FieldBasis> Bases { get; init; } = [];

    /// <summary>The deals the person took part in as an angel investor (or lender, seller…), with the role, as an organisation's profile lists them.</summary>
    public IReadOnlyList<Companies.PortfolioDeal> Portfolio { get; init; } = [];
}

public sealed class PeopleQueries(IDbContextFactory<LlmWatchDbContext> dbFactory)
{
    public const int PageSize = 50;

    /// <summary>The filter the query string asks for, its company looked up: a query when one is given.</summary>
    public async Task<PeopleFilter> ParseAsync(FilterQuery q, CancellationToken ct = default) =>
        PeopleFilter.Parse(q, q["company"] is { } company ? (await FindOrganizationAsync(company, ct))?.Slug : null);

    /// <summary>A page of people with their roles and citations: three queries.</summary>
    public async Task<Paged<PersonListRow>> GetPageAsync(PeopleFilter filter, CancellationToken ct = default)
    {
        var (company, pseudonym) = (filter.Company, filter.Pseudonym);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.People.AsQueryable();
        // From the company to its roles through their index, not through every person.
        if (company is not null) query = query.Where(p => db.Roles.Where(r => r.Organization.Slug == company).Select(r => r.PersonId).Contains(p.Id));
        if (pseudonym is { } flag) query = query.Where(p => p.IsPseudonym == flag);
        // A name in any order it is written (Luo Si, Si Luo, 司罗): the name columns and the aliases.
        if (filter.Search is { } search)
        {
            var pattern = OrganizationSearch.ContainsPattern(search);
            query = query.Where(p => EF.Functions.Like(p.NameZh, pattern, "\\") || EF.Functions.Like(p.NameEn, pattern, "\\")
                || p.Aliases.Any(a => EF.Functions.Like(a, pattern, "\\")));
        }
        var total = await query.CountAsync(ct);
        var page = Paging.Clamp(filter.Page, total, filter.PageSize);
        var rows = await query.OrderBy(p => p.NameEn).ThenBy(p => p.Slug).Skip(Paging.Skip(page, filter.PageSize)).Take(filter.PageSize)
            // The person's citations in the same statement (a person has one or two): the API shows them, the page need not pay a query.
            .Select(p => new PersonListRow(p.Id, p.Slug, p.NameZh, p.NameEn, p.IsPseudonym, db.Viewpoints.Count(v => v.PersonId == p.Id), new List<PersonRoleRow>(),
                db.Citations.Where(c => c.SubjectType == SubjectType.Person && c.SubjectId == p.Id).OrderBy(c => c.Ordinal)
                    .Select(c => new CitationView(c.SourceId, c.Quote, c.Note)).ToList()) { Aliases = p.Aliases, Bases = p.Bases })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var roles = await RolesQuery(db, db.Roles.Where(r => ids.Contains(r.PersonId))).ToListAsync(ct);
        var items = rows.Select(r => r with { Roles = Career(roles.Where(x => x.PersonId == r.Id)) }).ToList();
        return new Paged<PersonListRow>(items, total, page, filter.PageSize);
    }

    /// <summary>Up to <see cref="FilterLookup.Limit"/> organisations people hold roles at whose names contain the text, for the filter: one query.</summary>
    public Task<List<FilterOption>> SearchOrganizationsAsync(string? text, CancellationToken ct = default) =>
        FilterLookup.SearchAsync(dbFactory, WithRoles, text, ct);

    /// <summary>The organisation the address names, if people hold roles there: one query.</summary>
    public Task<FilterOption?> FindOrganizationAsync(string slug, CancellationToken ct = default) =>
        FilterLookup.FindAsync(dbFactory, WithRoles, slug, ct);

    private static IQueryable<Organization> WithRoles(LlmWatchDbContext db) => db.Organizations.Where(o => db.Roles.Any(r => r.OrganizationId == o.Id));

    /// <summary>One person with roles, viewpoints, events and every citation: seven queries.</summary>
    public async Task<PersonDetail?> GetAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var person = await db.People.Where(p => p.Slug == slug)
            .Select(p => new { p.Id, p.Slug, p.NameZh, p.NameEn, p.IsPseudonym, p.SummaryZh, p.SummaryEn, p.Notes, p.Aliases, p.Bases })
            .FirstOrDefaultAsync(ct);
        if (person is null) return null;
        var roles = Career(await RolesQuery(db, db.Roles.Where(r => r.PersonId == person.Id)).ToListAsync(ct));
        var viewpoints = await db.Viewpoints.Where(v => v.PersonId == person.Id).OrderBy(v => v.Date).ThenBy(v => v.Slug)
            .Select(v => new ViewpointRow(v.Id, v.TopicZh, v.TopicEn, v.Camp, v.Stance, v.Date, v.SummaryZh, v.SummaryEn, v.Notes))
            .ToListAsync(ct);
        var events = await db.Events.Where(e => e.People.Any(p => p.Id == person.Id)).OrderBy(e => e.Date)
            .Select(e => new PersonEventRow(e.Slug, e.Date, e.TitleZh, e.TitleEn))
            .ToListAsync(ct);
        // The deals the person took part in, from the participants' person index; their citations in one more query when there are any.
        var deals = await (
                from part in db.DealParticipants
                where part.PersonId == person.Id
                join d in db.Deals on part.DealId equals d.Id
                select new { d.Id, part.Role, d.Date, d.Kind, d.Stage, d.StageText, d.Status, d.Amount, d.Organization.Slug, d.Organization.NameZh, d.Organization.NameEn, d.Organization.Camp })
            .ToListAsync(ct);
        var dealCitations = await Citations.ForAsync(db, SubjectType.Deal, deals.Select(d => d.Id).Distinct().ToList(), ct);
        var portfolio = deals.GroupBy(d => d.Id).Select(g => g.OrderBy(d => d.Role == ParticipantRole.Lead ? 0 : 1).First())
            .OrderBy(d => d.Date is null).ThenByDescending(d => d.Date?.Start ?? DateOnly.MinValue).ThenBy(d => d.Id)
            .Select(d => new Companies.PortfolioDeal(d.Role, d.Date, d.Kind, d.Stage, d.StageText, d.Status, d.Amount, d.Slug, d.NameZh, d.NameEn, d.Camp, dealCitations.Of(d.Id)))
            .ToList();
        var citations = new Dictionary<string, List<CitationView>> { ["person"] = (await Citations.ForAsync(db, SubjectType.Person, [person.Id], ct)).Of(person.Id) };
        foreach (var (id, list) in await Citations.ForAsync(db, SubjectType.Role, roles.Select(r => r.Id).ToList(), ct)) citations[$"role-{id}"] = list;
        foreach (var (id, list) in await Citations.ForAsync(db, SubjectType.Viewpoint, viewpoints.Select(v => v.Id).ToList(), ct)) citations[$"viewpoint-{id}"] = list;
        return new PersonDetail(person.Id, person.Slug, person.NameZh, person.NameEn, person.IsPseudonym, person.SummaryZh, person.SummaryEn, person.Notes,
            roles, viewpoints, events, citations) { Aliases = person.Aliases, Bases = person.Bases, Portfolio = portfolio };
    }

    private static IQueryable<PersonRoleRow> RolesQuery(LlmWatchDbContext db, IQueryable<Role> roles) => roles.Select(r => new PersonRoleRow(
        r.Id, r.PersonId, r.Organization.Slug, r.Organization.NameZh, r.Organization.NameEn, r.Organization.Camp, r.TitleZh, r.TitleEn, r.From, r.To,
        db.Citations.Where(c => c.SubjectType == SubjectType.Role && c.SubjectId == r.Id).OrderBy(c => c.Ordinal)
            .Select(c => db.Sources.Where(s => s.Id == c.SourceId).Select(s => s.Text.IndexOf(c.Quote)).FirstOrDefault())
            .FirstOrDefault(),
        r.Notes) { Bases = r.Bases });

    /// <summary>
    /// A career in the order the source tells it, except that the dated roles take the places of the dated roles in the
    /// order of their dates. The narrative does not always run forward in time (王慧文's Light Year is told before his
    /// Meituan past), so a step between roles claims an order only where both are dated (<see cref="IsDatedStep"/>).
    /// </summary>
    public static List<PersonRoleRow> Career(IEnumerable<PersonRoleRow> roles)
    {
        var told = roles.OrderBy(r => r.Told).ThenBy(r => r.Id).ToList();
        var dated = new Queue<PersonRoleRow>(told.Where(r => r.From is not null).OrderBy(r => r.From!.Value.Start).ThenBy(r => r.Told));
        return told.Select(r => r.From is null ? r : dated.Dequeue()).ToList();
    }

    /// <summary>Whether the step from role i-1 to role i is an order the dates give (an arrow may claim it).</summary>
    public static bool IsDatedStep(IReadOnlyList<PersonRoleRow> career, int i) => i > 0 && career[i - 1].From is not null && career[i].From is not null;
}
