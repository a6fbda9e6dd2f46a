using LlmWatch.Data.Entities;
using LlmWatch.Data.Seed;
using LlmWatch.Data.Values;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace LlmWatch.Data.Curation;

/// <summary>
/// Writes one validated entry (or removes one fact) inside the caller's transaction, through the importer's
/// <see cref="FactWriter"/>, then brings what is derived from it up to date: the organisation's camp and key figures,
/// its search rows, the funding summary.
/// </summary>
public static class FactUpsert
{
    /// <param name="versionFrom">The publication day of the source that brought this version (a correction's source); null: its earliest citing source's.</param>
    /// <param name="recordedAt">When LlmWatch records it (kept when the fact was recorded before); null: now.</param>
    public static async Task<Fact> UpsertAsync(LlmWatchDbContext db, SeedFact seed, FxRates rates, CancellationToken ct = default,
        DateOnly? versionFrom = null, DateTime? recordedAt = null)
    {
        var kind = FactDocuments.KindOf(seed);
        var (references, _) = SeedValidator.ReferencesOf(seed);
        var organizations = await Rows(db.Organizations, references, "organization", ct);
        var people = await Rows(db.People, references, "person", ct);
        var models = await Rows(db.Models, references, "model", ct);
        var deals = await Rows(db.Deals, references, "deal", ct);
        var refs = new FactLookup(s => organizations[s], s => people[s], s => models[s], s => deals[s]);

        var row = await FindAsync(db, kind, seed.Slug, ct);
        var affected = new HashSet<int>(await OrganizationsOfAsync(db, row, ct));
        if (row is null)
        {
            row = FactWriter.Create(seed);
            db.Add(row);
        }
        FactWriter.Apply(seed, row, refs, (_, participant) => db.DealParticipants.Remove(participant));
        FactWriter.Links(seed, row, refs);
        await db.SaveChangesAsync(ct);

        await db.Citations.Where(c => c.SubjectType == kind && c.SubjectId == row.Id).ExecuteDeleteAsync(ct);
        for (var i = 0; i < seed.Citations.Count; i++)
            db.Citations.Add(new Citation { SubjectType = kind, SubjectId = row.Id, Ordinal = i, SourceId = seed.Citations[i].SourceId, Quote = seed.Citations[i].Quote, Note = seed.Citations[i].Note });
        await db.SaveChangesAsync(ct);
        var connection = Connection(db, out var transaction);
        await FactTimes.StampAsync(connection, transaction, kind, row.Id, versionFrom, recordedAt ?? DateTime.UtcNow, ct);

        affected.UnionWith(await OrganizationsOfAsync(db, row, ct));
        await DerivedAsync(db, kind, affected, rates, ct);
        return row;
    }

    /// <summary>Removes a fact and its citations; false when there is none. Facts that hang on it (a deal's rounds, a person's roles) go with it by the schema's cascade, so the caller refuses that first.</summary>
    public static async Task<bool> RetireAsync(LlmWatchDbContext db, SubjectType kind, string slug, FxRates rates, CancellationToken ct = default)
    {
        var row = await FindAsync(db, kind, slug, ct);
        if (row is null) return false;
        var affected = (await OrganizationsOfAsync(db, row, ct)).ToHashSet();
        if (row is Organization organization) affected.Remove(organization.Id);
        await db.Citations.Where(c => c.SubjectType == kind && c.SubjectId == row.Id).ExecuteDeleteAsync(ct);
        db.Remove(row);
        await db.SaveChangesAsync(ct);
        if (row is Organization gone)
        {
            var connection = Connection(db, out var transaction);
            await DatabaseMaintenance.ReindexOrganizationAsync(connection, transaction, gone.Id, ct);
        }
        await DerivedAsync(db, kind, affected, rates, ct);
        return true;
    }

    /// <summary>The time columns of a fact's row (for the version an approval replaces), or null when there is none.</summary>
    public static async Task<(DateOnly? KnownFrom, DateOnly? ValidFrom, DateTime? RecordedAt)?> TimesAsync(LlmWatchDbContext db, SubjectType kind, string slug, CancellationToken ct = default)
    {
        var row = await FindAsync(db, kind, slug, ct);
        return row is null ? null : (row.KnownFrom, row.ValidFrom, row.RecordedAt);
    }

    /// <summary>Whether other facts name this one (and would be removed with it), with their slugs for the message.</summary>
    public static async Task<List<string>> DependentsAsync(LlmWatchDbContext db, SubjectType kind, string slug, CancellationToken ct = default) => kind switch
    {
        SubjectType.Organization => await db.Deals.Where(d => d.Organization.Slug == slug).Select(d => d.Slug)
            .Concat(db.Roles.Where(r => r.Organization.Slug == slug).Select(r => r.Slug))
            .Concat(db.CampAssignments.Where(c => c.Organization.Slug == slug).Select(c => c.Slug)).Take(10).ToListAsync(ct),
        SubjectType.Person => await db.Roles.Where(r => r.Person.Slug == slug).Select(r => r.Slug)
            .Concat(db.Viewpoints.Where(v => v.Person!.Slug == slug).Select(v => v.Slug)).Take(10).ToListAsync(ct),
        _ => [],
    };

    private static async Task<Fact?> FindAsync(LlmWatchDbContext db, SubjectType kind, string slug, CancellationToken ct) => kind switch
    {
        SubjectType.Organization => await db.Organizations.AsTracking().FirstOrDefaultAsync(x => x.Slug == slug, ct),
        SubjectType.CampAssignment => await db.CampAssignments.AsTracking().FirstOrDefaultAsync(x => x.Slug == slug, ct),
        SubjectType.Person => await db.People.AsTracking().FirstOrDefaultAsync(x => x.Slug == slug, ct),
        SubjectType.Role => await db.Roles.AsTracking().FirstOrDefaultAsync(x => x.Slug == slug, ct),
        SubjectType.Model => await db.Models.AsTracking().FirstOrDefaultAsync(x => x.Slug == slug, ct),
        SubjectType.Deal => await db.Deals.AsTracking().Include(d => d.Participants).FirstOrDefaultAsync(x => x.Slug == slug, ct),
        SubjectType.Event => await db.Events.AsTracking().Include(e => e.Organizations).Include(e => e.People).Include(e => e.Models)
            .Include(e => e.Deals).AsSplitQuery().FirstOrDefaultAsync(x => x.Slug == slug, ct),
        SubjectType.Viewpoint => await db.Viewpoints.AsTracking().FirstOrDefaultAsync(x => x.Slug == slug, ct),
        SubjectType.Statistic => await db.Statistics.AsTracking().FirstOrDefaultAsync(x => x.Slug == slug, ct),
        _ => null,
    };

    private static async Task<Dictionary<string, T>> Rows<T>(DbSet<T> table, List<(string Kind, string Slug)> references, string kind, CancellationToken ct) where T : Fact
    {
        var slugs = references.Where(r => r.Kind == kind).Select(r => r.Slug).Distinct().ToList();
        if (slugs.Count == 0) return [];
        return await table.AsTracking().Where(x => slugs.Contains(x.Slug)).ToDictionaryAsync(x => x.Slug, StringComparer.Ordinal, ct);
    }

    // The organisations whose derived figures a fact feeds: itself, or the one its camp or deal belongs to.
    private static async Task<IEnumerable<int>> OrganizationsOfAsync(LlmWatchDbContext db, Fact? row, CancellationToken ct)
    {
        if (row is null) return [];
        if (db.Entry(row).State != EntityState.Detached) await db.SaveChangesAsync(ct);
        return row switch
        {
            Organization o => [o.Id],
            CampAssignment c => [c.OrganizationId],
            Deal d => [d.OrganizationId],
            _ => [],
        };
    }

    private static async Task DerivedAsync(LlmWatchDbContext db, SubjectType kind, HashSet<int> organizations, FxRates rates, CancellationToken ct)
    {
        if (organizations.Count == 0) return;
        var camps = await db.CampAssignments.Where(c => organizations.Contains(c.OrganizationId))
            .Select(c => new { c.OrganizationId, c.From, c.AsOf, c.Camp }).ToListAsync(ct);
        var deals = await db.Deals.Where(d => organizations.Contains(d.OrganizationId))
            .Select(d => new { d.OrganizationId, d.Kind, d.Status, d.Date, d.Amount, d.Valuation }).ToListAsync(ct);
        foreach (var organization in await db.Organizations.AsTracking().Where(o => organizations.Contains(o.Id)).ToListAsync(ct))
        {
            organization.Camp = OrganizationFigures.LatestCamp(camps.Where(c => c.OrganizationId == organization.Id).Select(c => (c.From, c.AsOf, c.Camp)));
            var figures = deals.Where(d => d.OrganizationId == organization.Id).Select(d => new DealFigures(d.Kind, d.Status, d.Date, d.Amount, d.Valuation)).ToList();
            organization.LatestValuationUsd = OrganizationFigures.LatestValuationUsd(figures, rates);
            organization.DisclosedFundingUsd = OrganizationFigures.DisclosedFundingUsd(figures, rates);
        }
        await db.SaveChangesAsync(ct);
        var connection = Connection(db, out var transaction);
        if (kind == SubjectType.Organization)
            foreach (var id in organizations) await DatabaseMaintenance.ReindexOrganizationAsync(connection, transaction, id, ct);
        // Rebuilt whole: it is a scan of the raised rounds, and a camp or a round of any organisation moves its sums.
        await DatabaseMaintenance.RebuildFundingQuartersAsync(connection, transaction, rates, ct);
    }

    private static System.Data.Common.DbConnection Connection(LlmWatchDbContext db, out System.Data.Common.DbTransaction? transaction)
    {
        transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return db.Database.GetDbConnection();
    }
}
