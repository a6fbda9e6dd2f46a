using LlmWatch.Data.Curation;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Data;

/// <summary>One fact as a view shows it: its entry, and whether that is an earlier version than today's (kept in <see cref="FactVersion"/>).</summary>
public sealed record FactState(SubjectType Kind, string Slug, SeedFact Fact, bool Earlier);

/// <summary>A difference between two views of one fact: appeared (Before null), disappeared (After null) or changed, field by field.</summary>
public sealed record FactDifference(SubjectType Kind, string Slug, SeedFact? Before, SeedFact? After, IReadOnlyList<FieldChange> Fields)
{
    public bool Appeared => Before is null;
    public bool Disappeared => After is null;
}

/// <summary>
/// The facts of an organisation as a view (<see cref="LlmWatchDbContext.View"/>) shows them, each in the version valid then:
/// the row when it is the version of that day, else the kept <see cref="FactVersion"/> (a later correction does not leak back).
/// Under recordedAt a retired fact still recorded that day is there too. The diff of two such views is <see cref="Compare"/>.
/// </summary>
public static class FactHistory
{
    public static async Task<List<FactState>> OfOrganizationAsync(LlmWatchDbContext db, string organizationSlug, CancellationToken ct = default)
    {
        var rows = new List<(SubjectType Kind, string Slug, DateOnly? ValidFrom)>();
        rows.AddRange((await db.Organizations.Where(o => o.Slug == organizationSlug).Select(o => new { o.Slug, o.ValidFrom }).ToListAsync(ct)).Select(x => (SubjectType.Organization, x.Slug, x.ValidFrom)));
        rows.AddRange((await db.CampAssignments.Where(c => c.Organization.Slug == organizationSlug).Select(c => new { c.Slug, c.ValidFrom }).ToListAsync(ct)).Select(x => (SubjectType.CampAssignment, x.Slug, x.ValidFrom)));
        rows.AddRange((await db.Roles.Where(r => r.Organization.Slug == organizationSlug).Select(r => new { r.Slug, r.ValidFrom }).ToListAsync(ct)).Select(x => (SubjectType.Role, x.Slug, x.ValidFrom)));
        rows.AddRange((await db.Models.Where(m => m.Organization!.Slug == organizationSlug).Select(m => new { m.Slug, m.ValidFrom }).ToListAsync(ct)).Select(x => (SubjectType.Model, x.Slug, x.ValidFrom)));
        rows.AddRange((await db.Deals.Where(d => d.Organization.Slug == organizationSlug).Select(d => new { d.Slug, d.ValidFrom }).ToListAsync(ct)).Select(x => (SubjectType.Deal, x.Slug, x.ValidFrom)));
        rows.AddRange((await db.Statistics.Where(s => s.Organization!.Slug == organizationSlug).Select(s => new { s.Slug, s.ValidFrom }).ToListAsync(ct)).Select(x => (SubjectType.Statistic, x.Slug, x.ValidFrom)));
        rows.AddRange((await db.Events.Where(e => e.Organizations.Any(o => o.Slug == organizationSlug)).Select(e => new { e.Slug, e.ValidFrom }).ToListAsync(ct)).Select(x => (SubjectType.Event, x.Slug, x.ValidFrom)));

        var versions = await db.FactVersions.AsNoTracking().Where(v => v.OrganizationSlug == organizationSlug).ToListAsync(ct);
        var states = new List<FactState>();
        foreach (var (kind, slug, validFrom) in rows)
        {
            var own = versions.Where(v => v.Kind == kind && v.Slug == slug).ToList();
            var earlier = EarlierVersion(db.View, own, validFrom);
            if (earlier is not null)
            {
                if (FactDocuments.Deserialize(kind, earlier.Payload, out _) is { } old) states.Add(new FactState(kind, slug, old, Earlier: true));
                continue;
            }
            if (await FactDocuments.LoadAsync(db, kind, slug, ct) is { } fact) states.Add(new FactState(kind, slug, fact, Earlier: false));
        }
        // Under recordedAt, a fact retired since was still shown that day.
        if (db.RecordedBefore is { } before)
            foreach (var retired in versions.Where(v => v.Retired && v.RecordedAt < before && v.SupersededAt >= before))
                if (!states.Any(s => s.Kind == retired.Kind && s.Slug == retired.Slug) && FactDocuments.Deserialize(retired.Kind, retired.Payload, out _) is { } old)
                    states.Add(new FactState(retired.Kind, retired.Slug, old, Earlier: true));
        return [.. states.OrderBy(s => s.Kind).ThenBy(s => s.Slug, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The version a view shows instead of the row, or null when the row's own version is the one of that view: under asOf, the
    /// row rests on a source published after the day; under recordedAt, the row's version was recorded after the day.
    /// </summary>
    public static FactVersion? EarlierVersion(DataView view, IReadOnlyList<FactVersion> versions, DateOnly? rowValidFrom)
    {
        if (versions.Count == 0) return null;
        FactVersion? pick = null;
        if (view.AsOf is { } day && rowValidFrom > day)
            pick = versions.Where(v => !v.Retired && v.ValidFrom <= day && (v.SupersededFrom is null || v.SupersededFrom > day))
                .OrderByDescending(v => v.SupersededAt).FirstOrDefault()
                ?? versions.Where(v => !v.Retired && v.KnownFrom <= day).OrderBy(v => v.SupersededAt).FirstOrDefault();
        if (view.RecordedAt is { } recorded)
        {
            var before = recorded.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            // The row's version was recorded by the approval that superseded the last kept version.
            if (versions.Max(v => v.SupersededAt) >= before)
                pick = versions.Where(v => v.RecordedAt < before && v.SupersededAt >= before).OrderBy(v => v.SupersededAt).FirstOrDefault() ?? pick;
        }
        return pick;
    }

    /// <summary>What appeared, changed or disappeared between two views of an organisation's facts (<see cref="OfOrganizationAsync"/>), citations aside.</summary>
    public static List<FactDifference> Compare(IEnumerable<FactState> from, IEnumerable<FactState> to)
    {
        var before = from.ToDictionary(s => (s.Kind, s.Slug));
        var after = to.ToDictionary(s => (s.Kind, s.Slug));
        var differences = new List<FactDifference>();
        foreach (var key in before.Keys.Union(after.Keys).OrderBy(k => k.Kind).ThenBy(k => k.Slug, StringComparer.Ordinal))
        {
            var b = before.GetValueOrDefault(key)?.Fact;
            var a = after.GetValueOrDefault(key)?.Fact;
            var fields = FactDocuments.Diff(b, a).Where(f => f.Field != "citations").Select(f => new FieldChange(f.Field, f.Before, f.After)).ToList();
            if (b is null || a is null || fields.Count > 0) differences.Add(new FactDifference(key.Kind, key.Slug, b, a, fields));
        }
        return differences;
    }
}
