using LlmWatch.Data;
using LlmWatch.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Web.Features.Companies;

/// <summary>A value another source gave for a field of one of the organisation's facts, kept beside the preferred one with its citation.</summary>
public sealed record AlsoReportedRow(SubjectType Kind, string FactSlug, string Field, string Value, string SourceId, string SourceTitle, string Quote);

public sealed class AlsoReportedQueries(IDbContextFactory<LlmWatchDbContext> dbFactory)
{
    /// <summary>One query however much the organisation holds: its own values, its rounds' and its camp assignments'.</summary>
    public async Task<List<AlsoReportedRow>> ForOrganizationAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AlsoReported
            .Select(a => new
            {
                a.Id, a.SubjectType, a.Field, a.Value, a.SourceId, a.Quote,
                FactSlug = a.SubjectType == SubjectType.Organization ? db.Organizations.Where(o => o.Id == a.SubjectId && o.Slug == slug).Select(o => o.Slug).FirstOrDefault()
                    : a.SubjectType == SubjectType.Deal ? db.Deals.Where(d => d.Id == a.SubjectId && d.Organization.Slug == slug).Select(d => d.Slug).FirstOrDefault()
                    : a.SubjectType == SubjectType.CampAssignment ? db.CampAssignments.Where(c => c.Id == a.SubjectId && c.Organization.Slug == slug).Select(c => c.Slug).FirstOrDefault()
                    : null,
            })
            .Where(a => a.FactSlug != null)
            .Join(db.Sources, a => a.SourceId, s => s.Id, (a, s) => new { a.Id, Row = new AlsoReportedRow(a.SubjectType, a.FactSlug!, a.Field, a.Value, a.SourceId, s.Title, a.Quote) })
            .OrderBy(x => x.Id).Select(x => x.Row).ToListAsync(ct);
    }
}
