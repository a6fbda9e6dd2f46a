using System.Globalization;
using LlmWatch.Data;
using LlmWatch.Data.Curation;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Seed;
using LlmWatch.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Web.Features.Curate;

/// <summary>The review queue as the query string holds it: kind, source, proposer, age and status (open by default).</summary>
public sealed record ProposalFilter(SubjectType? Kind, string? Source, string? Proposer, string? Age, ProposalStatus Status, int Page, int PageSize)
{
    public const int DefaultPageSize = 25;
    public static readonly IReadOnlyList<string> Ages = ["day", "week", "month", "older"];

    public static ProposalFilter Parse(FilterQuery q) =>
        new(q.Enum<SubjectType>("kind"), q.Search("source"), q.Search("proposer"), q.OneOf("age", Ages), q.Enum<ProposalStatus>("status") ?? ProposalStatus.Open,
            q.Page(), q.PageSize(DefaultPageSize));

    public string ToQueryString(int? page = null)
    {
        var parts = new List<string>();
        if (Kind is { } k) parts.Add("kind=" + k.ToApi());
        if (Source is not null) parts.Add("source=" + Uri.EscapeDataString(Source));
        if (Proposer is not null) parts.Add("proposer=" + Uri.EscapeDataString(Proposer));
        if (Age is not null) parts.Add("age=" + Age);
        if (Status != ProposalStatus.Open) parts.Add("status=" + Status.ToApi());
        if ((page ?? Page) != 1) parts.Add("page=" + (page ?? Page).ToString(CultureInfo.InvariantCulture));
        return string.Join("&", parts);
    }
}

public sealed record ProposalRow(int Id, SubjectType Kind, ProposalAction Action, string TargetSlug, string SourceId, string Quote, string ProposedBy,
    string Reason, ProposalStatus Status, string? ReviewedBy, string? ReviewReason, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>One proposal for its review: the source around the quote, the fact as it stands, the fields that would change, and its rivals.</summary>
public sealed record ProposalDetail(
    Proposal Proposal, string SourceTitle, string SourceText, SeedFact? Current, SeedFact? Entry,
    IReadOnlyList<(string Field, string? Before, string? After)> Fields, bool Stale, IReadOnlyList<ProposalRow> Rivals);

/// <summary>The source an editor proposes from, sentence by sentence as the reader splits it.</summary>
public sealed record CurateSource(string Id, string Title, string Publisher, DateTimeOffset PublishedAt, string Language, string Text);

public sealed class ProposalQueries(IDbContextFactory<LlmWatchDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Paged<ProposalRow>> ListAsync(ProposalFilter filter, string? proposerId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Proposals.Where(p => p.Status == filter.Status);
        if (proposerId is not null) query = db.Proposals.Where(p => p.ProposedById == proposerId);
        if (filter.Kind is { } kind) query = query.Where(p => p.Kind == kind);
        if (filter.Source is { } source) query = query.Where(p => p.SourceId == source);
        if (filter.Proposer is { } proposer) query = query.Where(p => EF.Functions.Like(p.ProposedByName, Data.Search.OrganizationSearch.ContainsPattern(proposer), "\\"));
        var now = clock.GetUtcNow().UtcDateTime;
        query = filter.Age switch
        {
            "day" => query.Where(p => p.CreatedAt >= now.AddDays(-1)),
            "week" => query.Where(p => p.CreatedAt >= now.AddDays(-7)),
            "month" => query.Where(p => p.CreatedAt >= now.AddDays(-30)),
            "older" => query.Where(p => p.CreatedAt < now.AddDays(-30)),
            _ => query,
        };
        var total = await query.CountAsync(ct);
        var page = Paging.Clamp(filter.Page, total, filter.PageSize);
        var items = await query.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Skip(Paging.Skip(page, filter.PageSize)).Take(filter.PageSize).Select(Row).ToListAsync(ct);
        return new Paged<ProposalRow>(items, total, page, filter.PageSize);
    }

    private static readonly System.Linq.Expressions.Expression<Func<Proposal, ProposalRow>> Row = p => new ProposalRow(
        p.Id, p.Kind, p.Action, p.TargetSlug, p.SourceId, p.Quote, p.ProposedByName, p.Reason, p.Status, p.ReviewedByName, p.ReviewReason, p.CreatedAt, p.UpdatedAt);

    public async Task<ProposalDetail?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var proposal = await db.Proposals.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (proposal is null) return null;
        var source = await db.Sources.Where(s => s.Id == proposal.SourceId).Select(s => new { s.Title, s.Text }).FirstAsync(ct);
        var current = await FactDocuments.LoadAsync(db, proposal.Kind, proposal.TargetSlug, ct);
        var entry = proposal.Action == ProposalAction.Retire ? null : FactDocuments.Deserialize(proposal.Kind, proposal.Payload, out _);
        var stale = (current is null ? null : FactDocuments.Version(current)) != proposal.BaseVersion;
        var rivals = await db.Proposals.Where(p => p.Kind == proposal.Kind && p.TargetSlug == proposal.TargetSlug && p.Status == ProposalStatus.Open && p.Id != id)
            .OrderBy(p => p.Id).Select(Row).ToListAsync(ct);
        return new ProposalDetail(proposal, source.Title, source.Text, current, entry, FactDocuments.Diff(current, entry), stale, rivals);
    }

    public async Task<CurateSource?> SourceAsync(string id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Sources.Where(s => s.Id == id).Select(s => new CurateSource(s.Id, s.Title, s.Publisher, s.PublishedAt, s.Language, s.Text)).FirstOrDefaultAsync(ct);
    }

    public async Task<SeedFact?> CurrentAsync(SubjectType kind, string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await FactDocuments.LoadAsync(db, kind, slug, ct);
    }

    public async Task<List<(string Id, string Title)>> SourcesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Sources.Where(s => s.Id != Data.Synthetic.SyntheticLandscape.SourceId).OrderByDescending(s => s.Id).Take(100).Select(s => new { s.Id, s.Title }).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.Title)).ToList();
    }
}
