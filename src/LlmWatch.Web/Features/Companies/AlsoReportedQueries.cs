using LlmWatch.Data;
using LlmWatch.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Web.Features.Companies;

/// <summary>A value another source gave for a field of one of the organisation's facts, kept beside the preferred one with its citation.</summary>
public sealed record AlsoReportedRow(SubjectType Kind, string FactSlug, string Field, string Value, string SourceId, string SourceTitle, string Quote);

public sealed class AlsoReportedQueries(IDbContextFactory<LlmWatchDbContext> dbFactory)
{
    public async Task<List<AlsoReportedRow>> ForOrganizationAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var organization = await db.Organizations.Where(o => o.Slug == slug).Select(o => (int?)o.Id).FirstOrDefaultAsync(ct);
        if (organization is not { } id) return [];
        var facts = await db.Deals.Where(d => d.OrganizationId == id).Select(d => new { Kind = SubjectType.Deal, d.Id, d.Slug })
            .Concat(db.CampAssignments.Where(c => c.OrganizationId == id).Select(c => new { Kind = SubjectType.CampAssignment, c.Id, c.Slug }))
            .Concat(db.Organizations.Where(o => o.Id == id).Select(o => new { Kind = SubjectType.Organization, o.Id, o.Slug }))
            .ToListAsync(ct);
        var rows = new List<AlsoReportedRow>();
        foreach (var kind in facts.GroupBy(f => f.Kind))
        {
            var ids = kind.Select(f => f.Id).ToList();
            var slugs = kind.ToDictionary(f => f.Id, f => f.Slug);
            var found = await db.AlsoReported.Where(a => a.SubjectType == kind.Key && ids.Contains(a.SubjectId))
                .Join(db.Sources, a => a.SourceId, s => s.Id, (a, s) => new { a.SubjectId, a.Field, a.Value, a.SourceId, s.Title, a.Quote, a.Id })
                .OrderBy(a => a.Id).ToListAsync(ct);
            rows.AddRange(found.Select(a => new AlsoReportedRow(kind.Key, slugs[a.SubjectId], a.Field, a.Value, a.SourceId, a.Title, a.Quote)));
        }
        return rows;
    }
}
