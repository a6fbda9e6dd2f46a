using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace LlmWatch.Data.Seed;

public sealed record ImportResult(int Facts, int Citations, int Added, int Updated, int Deleted)
{
    public bool ChangedNothing => Added == 0 && Updated == 0 && Deleted == 0;
}

/// <summary>
/// Validates everything under data/ first, then writes it in one transaction, upserting by slug:
/// a second run changes nothing, and one changed fact changes one row.
/// </summary>
public sealed class SeedImporter(IDbContextFactory<LlmWatchDbContext> dbFactory, ILogger<SeedImporter> logger)
{
    /// <param name="intoEmptyDatabase">The caller knows the database holds nothing (first start): no existing rows are read to compare.</param>
    /// <param name="preferFiles">
    /// Where a file and a change approved in the editor area disagree, the file wins (the trail records the replacement);
    /// without it such an import stops with <see cref="ImportConflictException"/> before writing anything. Curated facts and
    /// sources that no file holds are kept either way (<see cref="CuratedWork"/>).
    /// </param>
    public async Task<ImportResult> ImportAsync(string dataDirectory, CancellationToken cancellationToken = default, bool intoEmptyDatabase = false, bool preferFiles = false)
    {
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var (set, errors) = SeedReader.Read(dataDirectory);
        if (errors.Count == 0) errors.AddRange(SeedValidator.Validate(set));
        FxRates? rates = null;
        try
        {
            rates = FxRates.Load(dataDirectory);
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException)
        {
            errors.Add(new SeedError("fx/exchus-monthly.csv", "$", e.Message));
        }
        var readMs = stopwatch.ElapsedMilliseconds;
        if (errors.Count > 0)
        {
            foreach (var error in errors.Take(20))
                logger.LogError("Seed file {File} at {JsonPath}: {Reason}", error.File, error.Path, error.Reason);
            throw new SeedValidationException(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The app's contexts read without tracking; the importer compares and writes, so it tracks.
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.TrackAll;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var curated = intoEmptyDatabase ? null : await CuratedWork.LoadAsync(db, cancellationToken);
        if (curated is { IsEmpty: false })
        {
            var conflicts = await curated.ReconcileAsync(db, set, cancellationToken);
            if (conflicts.Count > 0 && !preferFiles)
            {
                foreach (var conflict in conflicts.Take(20)) logger.LogError("Import conflict: {Conflict}", conflict);
                throw new ImportConflictException(conflicts);
            }
            // The kept curated facts must still fit the files: a file may have dropped a fact one of them names.
            if (SeedValidator.Validate(set) is { Count: > 0 } refused) throw new SeedValidationException(refused);
        }
        logger.LogInformation("Writing {Facts} facts in one transaction", set.FactCount);
        var counts = new Counts();

        var openedMs = stopwatch.ElapsedMilliseconds;
        await SyncSourcesAsync(db, set, intoEmptyDatabase, cancellationToken);
        var facts = await SyncFactsAsync(db, set, rates!, intoEmptyDatabase, cancellationToken);
        counts.Take(db);
        await db.SaveChangesAsync(cancellationToken);
        var factsMs = stopwatch.ElapsedMilliseconds;

        var citations = await SyncCitationsAsync(db, set, facts, intoEmptyDatabase, cancellationToken);
        await AlsoReportedFile.SyncAsync(db, set, facts.IdOf, DateTime.UtcNow, intoEmptyDatabase, cancellationToken);
        if (!intoEmptyDatabase) await RemoveStaleSourcesAsync(db, set, cancellationToken);
        counts.Take(db);
        curated?.Audit(db, DateTime.UtcNow);
        await db.SaveChangesAsync(cancellationToken);
        var citationsMs = stopwatch.ElapsedMilliseconds;
        if (counts.Added + counts.Updated + counts.Deleted > 0)
        {
            // The search indexes and the funding summary follow the facts in the same transaction: never out of step.
            var derived = await DatabaseMaintenance.AfterBulkLoadAsync(
                db.Database.GetDbConnection(), transaction.GetDbTransaction(), rates!, cancellationToken);
            logger.LogInformation("Rebuilt the search indexes and the funding summary in {ElapsedMs} ms", (long)derived.TotalMilliseconds);
        }
        await transaction.CommitAsync(cancellationToken);
        // Where a cold start's import spends its time (tests/perf/start.sh reads the total; PERFORMANCE.md the parts).
        logger.LogInformation("Seed import stages: read and validate {ReadMs} ms, open and compare {OpenMs} ms, facts {FactsMs} ms, citations {CitationsMs} ms, derived tables and commit {DerivedMs} ms",
            readMs, openedMs - readMs, factsMs - openedMs, citationsMs - factsMs, stopwatch.ElapsedMilliseconds - citationsMs);

        var result = new ImportResult(set.FactCount, citations, counts.Added, counts.Updated, counts.Deleted);
        logger.LogInformation("Seed import from {DataDirectory}: {Facts} facts, {Citations} citations; {Added} rows added, {Updated} updated, {Deleted} deleted",
            dataDirectory, result.Facts, result.Citations, result.Added, result.Updated, result.Deleted);
        logger.LogInformation("Seed import took {ElapsedMs} ms", stopwatch.ElapsedMilliseconds);
        return result;
    }

    private sealed class Counts
    {
        public int Added, Updated, Deleted;

        public void Take(DbContext db)
        {
            db.ChangeTracker.DetectChanges();
            foreach (var entry in db.ChangeTracker.Entries())
            {
                switch (entry.State)
                {
                    case EntityState.Added: Added++; break;
                    case EntityState.Modified: Updated++; break;
                    case EntityState.Deleted: Deleted++; break;
                }
            }
        }
    }

    private sealed record FactMaps(
        Dictionary<string, Organization> Organizations, Dictionary<string, CampAssignment> Camps,
        Dictionary<string, Person> People, Dictionary<string, Role> Roles, Dictionary<string, Model> Models,
        Dictionary<string, Deal> Deals, Dictionary<string, Event> Events, Dictionary<string, Viewpoint> Viewpoints,
        Dictionary<string, Statistic> Statistics)
    {
        /// <summary>The row id of a fact of the set, by kind and slug (after the facts are saved).</summary>
        public int IdOf(SubjectType kind, string slug) => kind switch
        {
            SubjectType.Organization => Organizations[slug].Id,
            SubjectType.CampAssignment => Camps[slug].Id,
            SubjectType.Person => People[slug].Id,
            SubjectType.Role => Roles[slug].Id,
            SubjectType.Model => Models[slug].Id,
            SubjectType.Deal => Deals[slug].Id,
            SubjectType.Event => Events[slug].Id,
            SubjectType.Viewpoint => Viewpoints[slug].Id,
            _ => Statistics[slug].Id,
        };
    }

    private static async Task SyncSourcesAsync(LlmWatchDbContext db, SeedSet set, bool empty, CancellationToken ct)
    {
        var existing = empty ? [] : await db.Sources.AsTracking().ToDictionaryAsync(s => s.Id, ct);
        foreach (var (seed, text) in set.Sources)
        {
            if (!existing.TryGetValue(seed.Id, out var source))
            {
                source = new Source { Id = seed.Id, Title = seed.Title, Publisher = seed.Publisher, Language = seed.Language, Text = text };
                db.Sources.Add(source);
            }
            source.Title = seed.Title;
            source.TitleEn = seed.TitleEn;
            source.Publisher = seed.Publisher;
            source.Outlet = seed.Outlet;
            source.Url = seed.Url;
            source.PublishedAt = seed.PublishedAt;
            source.Language = seed.Language;
            source.Text = text;
            source.Note = seed.Note;
        }
    }

    private static async Task RemoveStaleSourcesAsync(LlmWatchDbContext db, SeedSet set, CancellationToken ct)
    {
        var keep = set.Sources.Select(s => s.Source.Id).ToHashSet();
        var stale = await db.Sources.AsTracking().Where(s => !keep.Contains(s.Id)).ToListAsync(ct);
        db.Sources.RemoveRange(stale);
    }

    private static async Task<FactMaps> SyncFactsAsync(LlmWatchDbContext db, SeedSet set, FxRates rates, bool empty, CancellationToken ct)
    {
        Dictionary<string, Organization> organizations = [];
        Dictionary<string, Person> people = [];
        Dictionary<string, Model> models = [];
        Dictionary<string, Deal> deals = [];
        var refs = new FactLookup(s => organizations[s], s => people[s], s => models[s], s => deals[s]);
        void RemoveParticipant(Deal deal, DealParticipant participant) => db.DealParticipants.Remove(participant);

        organizations = await SyncAsync(empty, db.Organizations, set.Organizations, refs, ct);
        foreach (var seed in set.Organizations) FactWriter.Links(seed, organizations[seed.Slug], refs);
        people = await SyncAsync(empty, db.People, set.People, refs, ct);
        models = await SyncAsync(empty, db.Models, set.Models, refs, ct);
        foreach (var seed in set.Models) FactWriter.Links(seed, models[seed.Slug], refs);
        var camps = await SyncAsync(empty, db.CampAssignments, set.Camps, refs, ct);
        foreach (var organization in organizations.Values)
            organization.Camp = OrganizationFigures.LatestCamp(set.Camps.Where(c => c.Organization == organization.Slug)
                .Select(c => (FactWriter.Date(c.From), FactWriter.Date(c.AsOf), FactWriter.Parse<Camp>(c.Camp))));
        var roles = await SyncAsync(empty, db.Roles, set.Roles, refs, ct);
        deals = await SyncAsync(empty, db.Deals, set.Deals, refs, ct, q => q.Include(d => d.Participants), RemoveParticipant);
        var events = await SyncAsync(empty, db.Events, set.Events, refs, ct,
            q => q.Include(e => e.Organizations).Include(e => e.People).Include(e => e.Models).Include(e => e.Deals).AsSplitQuery());
        var viewpoints = await SyncAsync(empty, db.Viewpoints, set.Viewpoints, refs, ct);
        var statistics = await SyncAsync(empty, db.Statistics, set.Statistics, refs, ct);

        KeyFigures(organizations, set, rates);

        return new FactMaps(organizations, camps, people, roles, models, deals, events, viewpoints, statistics);
    }

    /// <summary>Brings the rows of one fact table in line with its file: update by slug (<see cref="FactWriter"/>), add the new, remove the gone.</summary>
    private static async Task<Dictionary<string, T>> SyncAsync<T, TSeed>(
        bool empty, DbSet<T> table, List<TSeed> seeds, FactLookup refs, CancellationToken ct,
        Func<IQueryable<T>, IQueryable<T>>? include = null, Action<Deal, DealParticipant>? removeParticipant = null)
        where T : Fact where TSeed : SeedFact
    {
        var existing = empty
            ? new Dictionary<string, T>(StringComparer.Ordinal)
            : await (include?.Invoke(table) ?? table).AsTracking().ToDictionaryAsync(e => e.Slug, StringComparer.Ordinal, ct);
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var seed in seeds)
        {
            if (!existing.Remove(seed.Slug, out var row))
            {
                row = (T)FactWriter.Create(seed);
                table.Add(row);
            }
            FactWriter.Apply(seed, row, refs, removeParticipant);
            result[seed.Slug] = row;
        }
        table.RemoveRange(existing.Values);
        return result;
    }

    private static async Task<int> SyncCitationsAsync(LlmWatchDbContext db, SeedSet set, FactMaps facts, bool empty, CancellationToken ct)
    {
        var desired = new Dictionary<(SubjectType, int, int), SeedCitation>();
        void Add<T, TSeed>(SubjectType type, Dictionary<string, T> rows, List<TSeed> seeds) where T : Fact where TSeed : SeedFact
        {
            foreach (var seed in seeds)
                for (var i = 0; i < seed.Citations.Count; i++)
                    desired[(type, rows[seed.Slug].Id, i)] = seed.Citations[i];
        }
        Add(SubjectType.Organization, facts.Organizations, set.Organizations);
        Add(SubjectType.CampAssignment, facts.Camps, set.Camps);
        Add(SubjectType.Person, facts.People, set.People);
        Add(SubjectType.Role, facts.Roles, set.Roles);
        Add(SubjectType.Model, facts.Models, set.Models);
        Add(SubjectType.Deal, facts.Deals, set.Deals);
        Add(SubjectType.Event, facts.Events, set.Events);
        Add(SubjectType.Viewpoint, facts.Viewpoints, set.Viewpoints);
        Add(SubjectType.Statistic, facts.Statistics, set.Statistics);

        foreach (var citation in empty ? [] : await db.Citations.AsTracking().ToListAsync(ct))
        {
            if (desired.Remove((citation.SubjectType, citation.SubjectId, citation.Ordinal), out var seed))
            {
                citation.SourceId = seed.SourceId;
                citation.Quote = seed.Quote;
                citation.Note = seed.Note;
            }
            else
            {
                db.Citations.Remove(citation);
            }
        }
        foreach (var ((type, id, ordinal), seed) in desired)
            db.Citations.Add(new Citation { SubjectType = type, SubjectId = id, Ordinal = ordinal, SourceId = seed.SourceId, Quote = seed.Quote, Note = seed.Note });

        return set.Organizations.Sum(f => f.Citations.Count) + set.Camps.Sum(f => f.Citations.Count) + set.People.Sum(f => f.Citations.Count)
            + set.Roles.Sum(f => f.Citations.Count) + set.Models.Sum(f => f.Citations.Count) + set.Deals.Sum(f => f.Citations.Count)
            + set.Events.Sum(f => f.Citations.Count) + set.Viewpoints.Sum(f => f.Citations.Count) + set.Statistics.Sum(f => f.Citations.Count);
    }

    /// <summary>Each organization's latest valuation and disclosed funding in US dollars, kept on the row so lists can sort by them.</summary>
    private static void KeyFigures(Dictionary<string, Organization> organizations, SeedSet set, FxRates rates)
    {
        var dealsByOrganization = set.Deals.ToLookup(d => d.Organization, d => new DealFigures(
            FactWriter.Parse<DealKind>(d.Kind), FactWriter.Parse<DealStatus>(d.Status), FactWriter.Date(d.Date), FactWriter.Money(d.Amount), FactWriter.Money(d.Valuation)));
        foreach (var organization in organizations.Values)
        {
            var deals = dealsByOrganization[organization.Slug].ToList();
            organization.LatestValuationUsd = OrganizationFigures.LatestValuationUsd(deals, rates);
            organization.DisclosedFundingUsd = OrganizationFigures.DisclosedFundingUsd(deals, rates);
        }
    }
}
