using LlmWatch.Data;
using LlmWatch.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Web.Features.AsOf;

/// <summary>An organisation's camp in two views: null where it was not known (appeared or disappeared).</summary>
public sealed record CampChange(string Slug, string NameZh, string NameEn, Camp? Before, Camp? After);

/// <summary>The camp map's diff: how many organisations appeared, changed camp or disappeared, and the first of each.</summary>
public sealed record CampDiff(DateOnly From, DateOnly To, int Appeared, int Changed, int Disappeared, IReadOnlyList<CampChange> Shown);

/// <summary>A fact a past view shows as it read then: the fields that differ from today's (Before: then).</summary>
public sealed record EarlierFact(SubjectType Kind, string Slug, IReadOnlyList<FieldChange> Fields);

/// <summary>An organisation's diff between two days.</summary>
public sealed record CompanyDiff(string Slug, string NameZh, string NameEn, DateOnly From, DateOnly To, IReadOnlyList<FactDifference> Differences);

/// <summary>The queries of the as-of views: the first source's day, the "known then" versions of a profile, and the two diffs.</summary>
public sealed class AsOfQueries(IDbContextFactory<LlmWatchDbContext> dbFactory)
{
    /// <summary>Rows of each kind the camp diff lists (it counts them all).</summary>
    public const int CampRowsShown = 200;

    /// <summary>The publication day of the earliest source: before it, nothing was known.</summary>
    public async Task<DateOnly?> EarliestSourceAsync(CancellationToken ct = default)
    {
        using var today = AsOfScope.Enter(DataView.Today);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Sources.MinAsync(s => s.PublishedOn, ct);
    }

    /// <summary>
    /// The facts of an organisation that the current view shows in an earlier version than today's (corrected or retired since):
    /// each field that differs, as it read then (Before) and reads now (After; null for a retired fact).
    /// </summary>
    public async Task<List<EarlierFact>> EarlierVersionsAsync(string slug, CancellationToken ct = default)
    {
        var view = AsOfScope.Current;
        if (view.IsToday) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var then = (await FactHistory.OfOrganizationAsync(db, slug, ct)).Where(s => s.Earlier).ToList();
        if (then.Count == 0) return [];
        using var today = AsOfScope.Enter(DataView.Today);
        var earlier = new List<EarlierFact>();
        foreach (var state in then)
        {
            var now = await LlmWatch.Data.Curation.FactDocuments.LoadAsync(db, state.Kind, state.Slug, ct);
            var fields = LlmWatch.Data.Curation.FactDocuments.Diff(state.Fact, now).Where(f => f.Field != "citations")
                .Select(f => new FieldChange(f.Field, f.Before, f.After)).ToList();
            if (fields.Count > 0) earlier.Add(new EarlierFact(state.Kind, state.Slug, fields));
        }
        return earlier;
    }

    public async Task<CompanyDiff?> CompanyDiffAsync(string slug, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        List<FactState> before, after;
        using (AsOfScope.Enter(DataView.Today))
        {
            var organization = await db.Organizations.Where(o => o.Slug == slug).Select(o => new { o.Slug, o.NameZh, o.NameEn }).FirstOrDefaultAsync(ct);
            if (organization is null) return null;
            using (AsOfScope.Enter(new DataView(from))) before = await FactHistory.OfOrganizationAsync(db, slug, ct);
            using (AsOfScope.Enter(new DataView(to))) after = await FactHistory.OfOrganizationAsync(db, slug, ct);
            return new CompanyDiff(organization.Slug, organization.NameZh, organization.NameEn, from, to, FactHistory.Compare(before, after));
        }
    }

    /// <summary>Each organisation's camp (its latest assignment known then, as <see cref="OrganizationFigures.LatestCamp"/> decides) on both days.</summary>
    public async Task<CampDiff> CampDiffAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var before = await CampsAsync(new DataView(from), ct);
        var after = await CampsAsync(new DataView(to), ct);
        var changes = new List<CampChange>();
        int appeared = 0, changed = 0, disappeared = 0;
        foreach (var (slug, b) in before)
        {
            if (!after.TryGetValue(slug, out var a)) { disappeared++; changes.Add(new CampChange(slug, b.NameZh, b.NameEn, b.Camp, null)); }
            else if (a.Camp != b.Camp) { changed++; changes.Add(new CampChange(slug, a.NameZh, a.NameEn, b.Camp, a.Camp)); }
        }
        foreach (var (slug, a) in after)
            if (!before.ContainsKey(slug)) { appeared++; changes.Add(new CampChange(slug, a.NameZh, a.NameEn, null, a.Camp)); }
        var shown = changes.GroupBy(c => c.Before is null ? 0 : c.After is null ? 2 : 1).OrderBy(g => g.Key)
            .SelectMany(g => g.OrderBy(c => c.NameEn, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Slug, StringComparer.Ordinal).Take(CampRowsShown)).ToList();
        return new CampDiff(from, to, appeared, changed, disappeared, shown);
    }

    private async Task<Dictionary<string, (string NameZh, string NameEn, Camp Camp)>> CampsAsync(DataView view, CancellationToken ct)
    {
        using var scope = AsOfScope.Enter(view);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var organizations = await db.Organizations.Select(o => new { o.Id, o.Slug, o.NameZh, o.NameEn }).ToListAsync(ct);
        var assignments = (await db.CampAssignments.Select(c => new { c.OrganizationId, c.From, c.AsOf, c.Camp }).ToListAsync(ct))
            .ToLookup(c => c.OrganizationId);
        return organizations.ToDictionary(o => o.Slug,
            o => (o.NameZh, o.NameEn, OrganizationFigures.LatestCamp(assignments[o.Id].Select(c => (c.From, c.AsOf, c.Camp)))), StringComparer.Ordinal);
    }
}
