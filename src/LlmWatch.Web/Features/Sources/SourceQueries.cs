using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Web.Features.Sources;

public sealed record SourceDocument(
    string Id, string Title, string? TitleEn, string Publisher, string? Outlet, string? Url, DateTimeOffset PublishedAt,
    string Language, string Text, string? Note, List<QuoteFacts> Quotes, FactsPage? Page);

/// <summary>A source as the list of sources shows it, without its text.</summary>
public sealed record SourceRow(string Id, string Title, string? TitleEn, string Publisher, string? Outlet, string? Url, DateTimeOffset PublishedAt, string Language);

/// <summary>The list of sources' view: which page of what size.</summary>
public sealed record SourceFilter(int Page, int PageSize)
{
    /// <summary>The query parameters this view reads, besides page and pageSize: none.</summary>
    public static readonly IReadOnlyList<string> Parameters = [];

    public static SourceFilter Parse(FilterQuery q) => new(q.Page(), q.PageSize(SourceQueries.PageSize));
}

/// <summary>A quote of the source, how many facts cite it and the first of them; the quote is stored once, not once per fact.</summary>
public sealed record QuoteFacts(string Quote, int Total, List<CitingFact> Facts);

/// <summary>One page of the facts citing one sentence, for a sentence cited more often than the reader shows at once.</summary>
public sealed record FactsPage(int Sentence, int Page, int Total, List<CitingFact> Facts);

/// <summary>A fact that cites a quote of the source, as the reader links to it.</summary>
public sealed record CitingFact(SubjectType Type, int Id, string LabelZh, string LabelEn, string? Href);

public sealed class SourceQueries(IDbContextFactory<LlmWatchDbContext> dbFactory)
{
    /// <summary>The facts a sentence shows at once, and a page of them when the reader asks for more.</summary>
    public const int FactsShown = 10;

    public const int PageSize = 100;

    /// <summary>A dataset source with one page of its rows, or null when the source is an article or unknown: four queries.</summary>
    public Task<DatasetPage?> GetDatasetAsync(string id, DatasetFilter filter, CancellationToken ct = default) => DatasetRows.GetAsync(dbFactory, id, filter, ct);

    /// <summary>One page of the sources, by id, without their text: two queries.</summary>
    public async Task<Paged<SourceRow>> ListAsync(SourceFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var total = await db.Sources.CountAsync(ct);
        var page = Paging.Clamp(filter.Page, total, filter.PageSize);
        var rows = await db.Sources.OrderBy(s => s.Id).Skip(Paging.Skip(page, filter.PageSize)).Take(filter.PageSize)
            .Select(s => new SourceRow(s.Id, s.Title, s.TitleEn, s.Publisher, s.Outlet, s.Url, s.PublishedAt, s.Language))
            .ToListAsync(ct);
        return new Paged<SourceRow>(rows, total, page, filter.PageSize);
    }

    /// <summary>
    /// The source, the first <see cref="FactsShown"/> facts citing each of its quotes with how many cite it, and optionally one page
    /// of one sentence's facts: two queries, a third for that page, then one per kind of fact (eleven or twelve whatever the data).
    /// </summary>
    public async Task<SourceDocument?> GetAsync(string id, int? sentence = null, int page = 1, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var source = await db.Sources.Where(s => s.Id == id)
            .Select(s => new { s.Id, s.Title, s.TitleEn, s.Publisher, s.Outlet, s.Url, s.PublishedAt, s.Language, s.Text, s.Note })
            .FirstOrDefaultAsync(ct);
        if (source is null) return null;

        var rows = await SourceCitations.FirstPerQuoteAsync(db, id, FactsShown, ct);
        var citations = rows;
        var quoteCounts = rows.GroupBy(r => r.Quote).ToDictionary(g => g.Key, g => g.First().Total);

        // The page of one sentence's facts the address asks for: the quotes overlapping it, their subjects in a stable order.
        var pageRows = new List<(SubjectType Type, int Id)>();
        var pageTotal = 0;
        if (sentence is { } number
            && SourceSentences.Split(source.Text).SelectMany(p => p).FirstOrDefault(x => x.Number == number) is { } target)
        {
            var quotes = quoteCounts.Keys.Where(quote => SourceSentences.Overlapping([target], source.Text, quote).Any()).ToList();
            pageTotal = quotes.Sum(quote => quoteCounts[quote]);
            foreach (var c in await db.Citations.Where(c => c.SourceId == id && quotes.Contains(c.Quote))
                         .OrderBy(c => c.SubjectType).ThenBy(c => c.SubjectId).ThenBy(c => c.Ordinal)
                         .Skip(Paging.Skip(Math.Max(page, 1), PageSize)).Take(PageSize)
                         .Select(c => new { c.SubjectType, c.SubjectId }).ToListAsync(ct))
                pageRows.Add((c.SubjectType, c.SubjectId));
        }
        List<int> Ids(SubjectType type) => citations.Where(c => c.SubjectType == type).Select(c => c.SubjectId)
            .Concat(pageRows.Where(c => c.Type == type).Select(c => c.Id)).Distinct().ToList();

        var labels = new Dictionary<(SubjectType, int), (string Zh, string En, string? Href)>();
        void Add(SubjectType type, int factId, string zh, string en, string? href) => labels[(type, factId)] = (zh, en, href);

        var organizations = Ids(SubjectType.Organization);
        foreach (var o in await db.Organizations.Where(o => organizations.Contains(o.Id)).Select(o => new { o.Id, o.Slug, o.NameZh, o.NameEn }).ToListAsync(ct))
            Add(SubjectType.Organization, o.Id, o.NameZh, o.NameEn, $"/companies/{o.Slug}");

        var camps = Ids(SubjectType.CampAssignment);
        foreach (var c in await db.CampAssignments.Where(c => camps.Contains(c.Id)).Select(c => new { c.Id, c.Organization.Slug, c.Organization.NameZh, c.Organization.NameEn }).ToListAsync(ct))
            Add(SubjectType.CampAssignment, c.Id, c.NameZh, c.NameEn, $"/companies/{c.Slug}");

        var people = Ids(SubjectType.Person);
        foreach (var p in await db.People.Where(p => people.Contains(p.Id)).Select(p => new { p.Id, p.Slug, p.NameZh, p.NameEn }).ToListAsync(ct))
            Add(SubjectType.Person, p.Id, p.NameZh, p.NameEn, $"/people/{p.Slug}");

        var roles = Ids(SubjectType.Role);
        foreach (var r in await db.Roles.Where(r => roles.Contains(r.Id))
                     .Select(r => new { r.Id, r.Person.Slug, r.Person.NameZh, r.Person.NameEn, r.TitleZh, r.TitleEn, Org = r.Organization.NameZh, OrgEn = r.Organization.NameEn }).ToListAsync(ct))
            Add(SubjectType.Role, r.Id, $"{r.NameZh}:{r.Org}{r.TitleZh}", $"{r.NameEn}: {r.TitleEn}, {r.OrgEn}", $"/people/{r.Slug}");

        var models = Ids(SubjectType.Model);
        foreach (var m in await db.Models.Where(m => models.Contains(m.Id)).Select(m => new { m.Id, m.Slug, m.Name }).ToListAsync(ct))
            Add(SubjectType.Model, m.Id, m.Name, m.Name, $"/models/{m.Slug}");

        var deals = Ids(SubjectType.Deal);
        foreach (var d in await db.Deals.Where(d => deals.Contains(d.Id)).Select(d => new { d.Id, d.Organization.Slug, d.Organization.NameZh, d.Organization.NameEn, d.StageText, d.Kind }).ToListAsync(ct))
            Add(SubjectType.Deal, d.Id, $"{d.NameZh} {d.StageText}".Trim(), $"{d.NameEn} {d.StageText}".Trim(), $"/funding?company={d.Slug}");

        var events = Ids(SubjectType.Event);
        foreach (var e in await db.Events.Where(e => events.Contains(e.Id)).Select(e => new { e.Id, e.TitleZh, e.TitleEn }).ToListAsync(ct))
            Add(SubjectType.Event, e.Id, e.TitleZh, e.TitleEn, "/timeline");

        var viewpoints = Ids(SubjectType.Viewpoint);
        foreach (var v in await db.Viewpoints.Where(v => viewpoints.Contains(v.Id))
                     .Select(v => new { v.Id, PersonSlug = v.Person == null ? null : v.Person.Slug, PersonZh = v.Person == null ? v.SpeakerZh : v.Person.NameZh, PersonEn = v.Person == null ? v.SpeakerEn : v.Person.NameEn, v.TopicZh, v.TopicEn })
                     .ToListAsync(ct))
            Add(SubjectType.Viewpoint, v.Id, $"{v.PersonZh}:{v.TopicZh}", $"{v.PersonEn}: {v.TopicEn}", v.PersonSlug is null ? null : $"/people/{v.PersonSlug}");

        var statistics = Ids(SubjectType.Statistic);
        foreach (var s in await db.Statistics.Where(s => statistics.Contains(s.Id)).Select(s => new { s.Id, s.LabelZh, s.LabelEn }).ToListAsync(ct))
            Add(SubjectType.Statistic, s.Id, s.LabelZh, s.LabelEn, null);

        CitingFact Fact(SubjectType type, int factId) => labels.TryGetValue((type, factId), out var l)
            ? new CitingFact(type, factId, l.Zh, l.En, l.Href)
            : new CitingFact(type, factId, type.ToString(), type.ToString(), null);
        var quoteFacts = citations.GroupBy(c => c.Quote)
            .Select(g => new QuoteFacts(g.Key, quoteCounts[g.Key], g.Select(c => Fact(c.SubjectType, c.SubjectId)).ToList())).ToList();
        var factsPage = sentence is { } asked && pageTotal > 0
            ? new FactsPage(asked, Math.Max(page, 1), pageTotal, pageRows.Select(c => Fact(c.Type, c.Id)).ToList())
            : null;
        return new SourceDocument(source.Id, source.Title, source.TitleEn, source.Publisher, source.Outlet, source.Url, source.PublishedAt,
            source.Language, source.Text, source.Note, quoteFacts, factsPage);
    }
}
