using System.Globalization;
using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Web.Features.Changes;

/// <summary>The audit trail's view as the query string holds it, for /changes, /changes.atom and /api/changes.</summary>
public sealed record ChangeFilter(string? Organization, FactKind? Kind, string? Source, int Page, int PageSize)
{
    public const int DefaultPageSize = 20;

    /// <summary>Every parameter the list reads; anything else in the query string is left alone.</summary>
    public static readonly IReadOnlyList<string> Parameters = ["org", "kind", "source", "page", "pageSize"];

    /// <summary>Reads the view; <paramref name="organization"/> and <paramref name="source"/> are what a lookup of the given slug and id found.</summary>
    public static ChangeFilter Parse(FilterQuery q, string? organization, string? source) =>
        new(q.Found("org", organization), q.Enum<FactKind>("kind"), q.Found("source", source), q.Page(), q.PageSize(DefaultPageSize));

    public string ToQueryString(int? page = null)
    {
        var parts = new List<string>();
        if (Organization is not null) parts.Add("org=" + Uri.EscapeDataString(Organization));
        if (Kind is { } k) parts.Add("kind=" + k.ToApi());
        if (Source is not null) parts.Add("source=" + Uri.EscapeDataString(Source));
        if ((page ?? Page) != 1) parts.Add("page=" + (page ?? Page).ToString(CultureInfo.InvariantCulture));
        if (PageSize != DefaultPageSize) parts.Add("pageSize=" + PageSize.ToString(CultureInfo.InvariantCulture));
        return string.Join("&", parts);
    }
}

/// <summary>One approved change as the public pages show it: display names only, never an account's e-mail or id.</summary>
public sealed record ChangeRow(
    long Id, DateTime RecordedAt, ChangeAction Action, FactKind Kind, string FactKey, string? OrganizationSlug, string? OrganizationZh,
    string? OrganizationEn, string? SourceId, string ProposedBy, string ApprovedBy, string? ProposerReason, string? ReviewerReason,
    IReadOnlyList<FieldChange> Fields)
{
    /// <summary>The page that shows the fact now: its own page where it has one, else its organisation's profile, else its list.</summary>
    public string FactHref => ChangeLinks.Fact(Kind, FactKey, OrganizationSlug);

    public string? SourceHref => SourceId is null ? null : $"/sources/{Uri.EscapeDataString(SourceId)}";
}

public static class ChangeLinks
{
    public static string Fact(FactKind kind, string key, string? organization) => kind switch
    {
        FactKind.Organization => $"/companies/{Uri.EscapeDataString(key)}",
        FactKind.Person => $"/people/{Uri.EscapeDataString(key)}",
        FactKind.Model => $"/models/{Uri.EscapeDataString(key)}",
        FactKind.Source => $"/sources/{Uri.EscapeDataString(key)}",
        _ when organization is not null => $"/companies/{Uri.EscapeDataString(organization)}",
        FactKind.Deal => "/funding",
        FactKind.Event => "/timeline",
        FactKind.CampAssignment => "/camps",
        _ => "/changes",
    };
}

/// <summary>Reads the audit trail, newest first; it never writes (the workflow appends, nothing edits).</summary>
public sealed class ChangeQueries(IDbContextFactory<LlmWatchDbContext> dbFactory)
{
    /// <summary>The filter, with the organisation and source looked up: known when a fact or a change names them.</summary>
    public async Task<ChangeFilter> ParseAsync(FilterQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        string? organization = null, source = null;
        if (q["org"] is { } org && (await db.Organizations.AnyAsync(o => o.Slug == org, ct) || await db.ChangeRecords.AnyAsync(c => c.OrganizationSlug == org, ct)))
            organization = org;
        if (q["source"] is { } id && (await db.Sources.AnyAsync(s => s.Id == id, ct) || await db.ChangeRecords.AnyAsync(c => c.SourceId == id, ct)))
            source = id;
        return ChangeFilter.Parse(q, organization, source);
    }

    /// <summary>One page of changes, newest first: two queries.</summary>
    public async Task<Paged<ChangeRow>> ListAsync(ChangeFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Viewed(db, db.ChangeRecords.AsQueryable());
        if (filter.Organization is { } org) query = query.Where(c => c.OrganizationSlug == org);
        if (filter.Kind is { } kind) query = query.Where(c => c.FactKind == kind);
        if (filter.Source is { } source) query = query.Where(c => c.SourceId == source);
        var total = await query.CountAsync(ct);
        var page = Paging.Clamp(filter.Page, total, filter.PageSize);
        var rows = await Project(db, query.OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id)
            .Skip(Paging.Skip(page, filter.PageSize)).Take(filter.PageSize)).ToListAsync(ct);
        return new Paged<ChangeRow>(rows, total, page, filter.PageSize);
    }

    /// <summary>An organisation's latest changes, up to <paramref name="take"/>: one query (ask for one more to know whether there are more).</summary>
    public async Task<List<ChangeRow>> LatestForOrganizationAsync(string slug, int take, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Project(db, Viewed(db, db.ChangeRecords).Where(c => c.OrganizationSlug == slug)
            .OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id).Take(take)).ToListAsync(ct);
    }

    /// <summary>
    /// The trail as a view saw it: under recordedAt, the changes approved by the end of that day (UTC); under asOf, those whose
    /// source was published by then (the sources' own filter decides).
    /// </summary>
    private static IQueryable<ChangeRecord> Viewed(LlmWatchDbContext db, IQueryable<ChangeRecord> changes)
    {
        if (db.RecordedBefore is { } before) changes = changes.Where(c => c.RecordedAt < before);
        if (db.KnownBy is not null) changes = changes.Where(c => c.SourceId == null || db.Sources.Any(s => s.Id == c.SourceId));
        return changes;
    }

    private static IQueryable<ChangeRow> Project(LlmWatchDbContext db, IQueryable<ChangeRecord> changes) =>
        changes.Select(c => new ChangeRow(c.Id, c.RecordedAt, c.Action, c.FactKind, c.FactKey, c.OrganizationSlug,
            db.Organizations.Where(o => o.Slug == c.OrganizationSlug).Select(o => o.NameZh).FirstOrDefault(),
            db.Organizations.Where(o => o.Slug == c.OrganizationSlug).Select(o => o.NameEn).FirstOrDefault(),
            c.SourceId, c.ProposedByName, c.ApprovedByName, c.ProposerReason, c.ReviewerReason, c.Fields));

    /// <summary>When the data last changed, for a feed with no entries: the newest source's date.</summary>
    public async Task<DateTimeOffset> LatestSourceAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var dates = await db.Sources.Select(s => s.PublishedAt).ToListAsync(ct);
        return dates.Count == 0 ? DateTimeOffset.UnixEpoch : dates.Max();
    }
}
