using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;
using LlmWatch.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Web.Features.Funding;

public sealed record FundingFilter(Camp? Camp, DealKind? Kind, DealStage? Stage, DealStatus? Status, string? Company, string? Investor,
    PartialDate? From, PartialDate? To, int Page);

public sealed record NamedSlug(string Slug, string NameZh, string NameEn);

public sealed record DealParticipantRow(ParticipantRole Role, string Slug, string NameZh, string NameEn, bool IsPerson);

public sealed record DealRow(
    int Id, string Slug, string CompanySlug, string CompanyZh, string CompanyEn, Camp Camp, DealKind Kind, DealStage Stage, string? StageText,
    PartialDate? Date, DealStatus Status, Money? Amount, Money? Valuation, bool ValuationIsRaisingAt, string? NoteZh, string? NoteEn,
    List<EditorNote> Notes, List<DealParticipantRow> Participants, List<CitationView> Citations);

/// <summary>One deal as the chart needs it: when, whose camp, how much (null when undisclosed).</summary>
public sealed record DealPoint(int Id, PartialDate? Date, Camp Camp, Money? Amount);

public sealed record FundingResult(List<DealRow> Rows, int Total, int Page, List<DealPoint> Points, List<NamedSlug> Companies, List<NamedSlug> Investors);

public sealed class FundingQueries(IDbContextFactory<LlmWatchDbContext> dbFactory)
{
    public const int PageSize = 25;

    /// <summary>The companies and investors the filters offer: two queries.</summary>
    public async Task<(List<NamedSlug> Companies, List<NamedSlug> Investors)> GetOptionsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var companies = (await db.Deals.Select(d => new { d.Organization.Slug, d.Organization.NameZh, d.Organization.NameEn })
            .Distinct().OrderBy(c => c.NameEn).ToListAsync(ct))
            .Select(c => new NamedSlug(c.Slug, c.NameZh, c.NameEn)).ToList();
        var participants = (await db.DealParticipants
            .Select(p => new
            {
                Slug = p.Organization != null ? p.Organization.Slug : p.Person!.Slug,
                NameZh = p.Organization != null ? p.Organization.NameZh : p.Person!.NameZh,
                NameEn = p.Organization != null ? p.Organization.NameEn : p.Person!.NameEn,
            })
            .Distinct().OrderBy(c => c.NameEn).ToListAsync(ct))
            .Select(c => new NamedSlug(c.Slug, c.NameZh, c.NameEn)).ToList();
        return (companies, participants);
    }

    /// <summary>The filtered deals: their chart points, then one page of rows with participants and citations (four queries).</summary>
    public async Task<(List<DealRow> Rows, int Total, int Page, List<DealPoint> Points)> GetDealsAsync(FundingFilter f, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Deals.AsQueryable();
        if (f.Camp is { } camp) query = query.Where(d => d.Organization.Camp == camp);
        if (f.Kind is { } kind) query = query.Where(d => d.Kind == kind);
        if (f.Stage is { } stage) query = query.Where(d => d.Stage == stage);
        if (f.Status is { } status) query = query.Where(d => d.Status == status);
        if (f.Company is { } company) query = query.Where(d => d.Organization.Slug == company);
        if (f.Investor is { } investor)
            query = query.Where(d => d.Participants.Any(p => (p.Organization != null && p.Organization.Slug == investor) || (p.Person != null && p.Person.Slug == investor)));

        // Partial dates compare by their periods, which SQL cannot do on the stored text: the date range filters these slim points instead.
        var points = (await query.Select(d => new DealPoint(d.Id, d.Date, d.Organization.Camp, d.Amount)).ToListAsync(ct))
            .Where(p => InRange(p.Date, f.From, f.To))
            .OrderByDescending(p => p.Date.HasValue).ThenByDescending(p => p.Date).ThenBy(p => p.Id)
            .ToList();

        var pages = Math.Max(1, (points.Count + PageSize - 1) / PageSize);
        var page = Math.Min(f.Page, pages);
        var ids = points.Skip((page - 1) * PageSize).Take(PageSize).Select(p => p.Id).ToList();

        var rows = await db.Deals.Where(d => ids.Contains(d.Id))
            .Select(d => new DealRow(d.Id, d.Slug, d.Organization.Slug, d.Organization.NameZh, d.Organization.NameEn, d.Organization.Camp, d.Kind, d.Stage,
                d.StageText, d.Date, d.Status, d.Amount, d.Valuation, d.ValuationIsRaisingAt, d.NoteZh, d.NoteEn, d.Notes, new List<DealParticipantRow>(), new List<CitationView>()))
            .ToListAsync(ct);
        var participants = await db.DealParticipants.Where(p => ids.Contains(p.DealId)).OrderBy(p => p.DealId).ThenBy(p => p.Ordinal)
            .Select(p => new
            {
                p.DealId, p.Role, IsPerson = p.Organization == null,
                Slug = p.Organization != null ? p.Organization.Slug : p.Person!.Slug,
                NameZh = p.Organization != null ? p.Organization.NameZh : p.Person!.NameZh,
                NameEn = p.Organization != null ? p.Organization.NameEn : p.Person!.NameEn,
            })
            .ToListAsync(ct);
        var citations = await Citations.ForAsync(db, SubjectType.Deal, ids, ct);

        var order = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var ordered = rows.OrderBy(r => order[r.Id])
            .Select(r => r with { Participants = participants.Where(p => p.DealId == r.Id).Select(p => new DealParticipantRow(p.Role, p.Slug, p.NameZh, p.NameEn, p.IsPerson)).ToList(), Citations = citations.Of(r.Id) })
            .ToList();
        return (ordered, points.Count, page, points);
    }

    public static bool InRange(PartialDate? date, PartialDate? from, PartialDate? to)
    {
        if (from is null && to is null) return true;
        if (date is not { } d) return false;
        return (from is not { } f || d.End >= f.Start) && (to is not { } t || d.Start <= t.End);
    }
}
