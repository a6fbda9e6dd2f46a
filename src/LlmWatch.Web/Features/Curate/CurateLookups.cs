using LlmWatch.Data;
using LlmWatch.Data.Search;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Web.Features.Curate;

/// <summary>The pickers' searches: existing facts by slug or name, organisations through the one organisation search.</summary>
public sealed class CurateLookups(IDbContextFactory<LlmWatchDbContext> dbFactory)
{
    public const int Limit = 10;

    public async Task<IEnumerable<string>> SearchAsync(string kind, string? text, CancellationToken ct = default)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 100) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pattern = OrganizationSearch.ContainsPattern(text);
        return kind switch
        {
            "organization" => await db.Organizations.Search(db, text).Select(o => o.Slug)
                .Union(db.Organizations.Where(o => EF.Functions.Like(o.Slug, pattern, "\\")).Select(o => o.Slug)).OrderBy(s => s).Take(Limit).ToListAsync(ct),
            "person" => await db.People.Where(p => EF.Functions.Like(p.Slug, pattern, "\\") || EF.Functions.Like(p.NameZh, pattern, "\\") || EF.Functions.Like(p.NameEn, pattern, "\\"))
                .OrderBy(p => p.Slug).Select(p => p.Slug).Take(Limit).ToListAsync(ct),
            "model" => await db.Models.Where(m => EF.Functions.Like(m.Slug, pattern, "\\") || EF.Functions.Like(m.Name, pattern, "\\"))
                .OrderBy(m => m.Slug).Select(m => m.Slug).Take(Limit).ToListAsync(ct),
            "deal" => await db.Deals.Where(d => EF.Functions.Like(d.Slug, pattern, "\\")).OrderBy(d => d.Slug).Select(d => d.Slug).Take(Limit).ToListAsync(ct),
            _ => [],
        };
    }

    /// <summary>Facts of one kind by slug, for the "change" and "retire" pickers.</summary>
    public async Task<IEnumerable<string>> SlugsAsync(Data.Entities.SubjectType kind, string? text, CancellationToken ct = default)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 100) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pattern = OrganizationSearch.ContainsPattern(text);
        IQueryable<Data.Entities.Fact> facts = kind switch
        {
            Data.Entities.SubjectType.Organization => db.Organizations,
            Data.Entities.SubjectType.CampAssignment => db.CampAssignments,
            Data.Entities.SubjectType.Person => db.People,
            Data.Entities.SubjectType.Role => db.Roles,
            Data.Entities.SubjectType.Model => db.Models,
            Data.Entities.SubjectType.Deal => db.Deals,
            Data.Entities.SubjectType.Event => db.Events,
            Data.Entities.SubjectType.Viewpoint => db.Viewpoints,
            _ => db.Statistics,
        };
        return await facts.Where(f => EF.Functions.Like(f.Slug, pattern, "\\")).OrderBy(f => f.Slug).Select(f => f.Slug).Take(Limit).ToListAsync(ct);
    }
}
