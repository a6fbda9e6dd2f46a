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
/// <param name="time">The clock that stamps when facts were recorded (the system's unless a test fixes it).</param>
public sealed class SeedImporter(IDbContextFactory<LlmWatchDbContext> dbFactory, ILogger<SeedImporter> logger, TimeProvider? time = null)
{
    private DateTime UtcNow => (time ?? TimeProvider.System).GetUtcNow().UtcDateTime;

    /// <param name="intoEmptyDatabase">The caller knows the database holds nothing (first start): no existing rows are read to compare.</param>
    /// <param name="preferFiles">
    /// Where a file and a change approved in the editor area disagree, the file wins (the trail records the replacement);
    /// without it such an import stops with <see cref="ImportConflictException"/> before writing anything. Curated facts and
    /// sources that no file holds are kept either way (<see cref="CuratedWork"/>).
    /// </param>
    /// <param name="trackChanges">
    /// Write a first import into an empty SQLite database through EF's change tracker too (PostgreSQL's path), not by prepared
    /// INSERTs (<see cref="SqliteSeedWriter"/>); for tests that compare the two.
    /// </param>
    public async Task<ImportResult> ImportAsync(string dataDirectory, CancellationToken cancellationToken = default, bool intoEmptyDatabase = false, bool preferFiles = false,
        bool trackChanges = false)
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
        // A first start into an empty SQLite file skips the change tracker and the update pipeline (most of a cold start's import).
        await using var bulk = intoEmptyDatabase && !trackChanges && db.Database.IsSqlite()
            ? new SqliteSeedWriter(db, db.Database.GetDbConnection(), transaction.GetDbTransaction()) : null;
        ISeedRows added = bulk is null ? new TrackedSeedRows(db) : bulk;
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
        // A dataset already imported and now read again (a newer export, or the same): what its rows made before, to record the changes.
        var datasetTrail = intoEmptyDatabase ? null : await DatasetTrail.BeforeAsync(db, set, cancellationToken);
        var rows = await SyncSourcesAsync(db, added, set, intoEmptyDatabase, cancellationToken);
        var facts = await SyncFactsAsync(db, added, set, rates!, intoEmptyDatabase, cancellationToken);
        DatasetFigures(set, facts.Models, rows);
        await SaveAsync(db, bulk, counts, cancellationToken);
        var factsMs = stopwatch.ElapsedMilliseconds;

        var citations = await SyncCitationsAsync(db, added, set, facts, intoEmptyDatabase, cancellationToken);
        await AlsoReportedFile.SyncAsync(db, added, set, facts.IdOf, UtcNow, intoEmptyDatabase, cancellationToken);
        await SyncModelOrganizationsAsync(db, added, set, facts, intoEmptyDatabase, cancellationToken);
        if (!intoEmptyDatabase) await RemoveStaleSourcesAsync(db, set, cancellationToken);
        if (bulk is not null)
        {
            counts.Added += await bulk.WriteAsync(cancellationToken);
        }
        else
        {
            counts.Take(db);
            curated?.Audit(db, UtcNow);
            if (datasetTrail is not null) counts.Audited += datasetTrail.Audit(db, set, UtcNow);
            await db.SaveChangesAsync(cancellationToken);
        }
        var citationsMs = stopwatch.ElapsedMilliseconds;
        if (counts.Added + counts.Updated + counts.Deleted > 0)
        {
            // The search indexes and the funding summary follow the facts in the same transaction: never out of step.
            var derived = await DatabaseMaintenance.AfterBulkLoadAsync(
                db.Database.GetDbConnection(), transaction.GetDbTransaction(), rates!, cancellationToken, UtcNow);
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

    private static async Task SaveAsync(LlmWatchDbContext db, SqliteSeedWriter? bulk, Counts counts, CancellationToken ct)
    {
        if (bulk is not null)
        {
            counts.Added += await bulk.WriteAsync(ct);
            return;
        }
        counts.Take(db);
        await db.SaveChangesAsync(ct);
    }

    private sealed class Counts
    {
        public int Added, Updated, Deleted, Audited;

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

    /// <summary>The sources, and each dataset's rows by (model, organisation) identity: updated in place, added, removed. Returns the rows by (source, number).</summary>
    private static async Task<Dictionary<(string, int), DatasetRow>> SyncSourcesAsync(LlmWatchDbContext db, ISeedRows added, SeedSet set, bool empty, CancellationToken ct)
    {
        var existing = empty ? [] : await db.Sources.AsTracking().IgnoreQueryFilters().ToDictionaryAsync(s => s.Id, ct);
        foreach (var (seed, text) in set.Sources)
        {
            if (!existing.TryGetValue(seed.Id, out var source))
            {
                source = new Source { Id = seed.Id, Title = seed.Title, Publisher = seed.Publisher, Language = seed.Language, Text = text };
                added.Add(source);
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
            source.Kind = seed.IsDataset ? SourceKind.Dataset : SourceKind.Article;
            source.Licence = seed.Licence;
            source.Credit = seed.Credit;
            source.RetrievedOn = seed.RetrievedOn is null ? null : DatasetFacts.ParseDate(seed.RetrievedOn);
            var columns = set.Datasets.FirstOrDefault(d => d.SourceId == seed.Id)?.Columns.ToList() ?? [];
            if (!source.Columns.SequenceEqual(columns, StringComparer.Ordinal)) source.Columns = columns;
        }

        var files = empty ? [] : await db.SeedFiles.AsTracking().ToDictionaryAsync(f => f.Path, StringComparer.Ordinal, ct);
        foreach (var (path, content) in set.MappingTexts)
        {
            if (!files.Remove(path, out var file)) added.Add(file = new SeedFile { Path = path, Content = content });
            file.Content = content;
        }
        db.SeedFiles.RemoveRange(files.Values);

        var rows = new Dictionary<(string, int), DatasetRow>();
        var existingRows = empty ? [] : await db.DatasetRows.AsTracking().IgnoreQueryFilters().ToListAsync(ct);
        var byIdentity = existingRows.ToDictionary(r => (r.SourceId, r.Model, r.Organization));
        foreach (var dataset in set.Datasets)
        {
            var day = DatasetFacts.DatasetDay(set.Sources.First(s => s.Source.Id == dataset.SourceId).Source);
            foreach (var seed in dataset.Rows)
            {
                string Cell(string column) => dataset.Cell(seed, column);
                var identity = (dataset.SourceId, Cell(DatasetFacts.ModelColumn), Cell(DatasetFacts.OrganizationColumn));
                if (!byIdentity.Remove(identity, out var row))
                {
                    row = new DatasetRow { SourceId = dataset.SourceId, Model = identity.Item2, Organization = identity.Item3, SearchText = "" };
                    added.Add(row);
                }
                var published = DatasetFacts.ParseDate(Cell(DatasetFacts.DateColumn));
                row.Number = seed.Number;
                row.Line = seed.Line;
                row.PublishedOn = published;
                row.KnownFrom = published ?? day;
                row.Link = Cell(DatasetFacts.LinkColumn) is { Length: > 0 } link ? link : null;
                row.Reference = Cell(DatasetFacts.ReferenceColumn) is { Length: > 0 } reference ? reference : null;
                if (!row.Cells.SequenceEqual(seed.Cells, StringComparer.Ordinal)) row.Cells = seed.Cells.ToList();
                row.SearchText = string.Join(" ", seed.Cells.Where(c => c.Length > 0)).ToLowerInvariant();
                rows[(dataset.SourceId, seed.Number)] = row;
            }
        }
        db.DatasetRows.RemoveRange(byIdentity.Values);
        return rows;
    }

    /// <summary>Each model's dataset figures (a derived model's, or a file's model a row is linked to); none for the others.</summary>
    private static void DatasetFigures(SeedSet set, Dictionary<string, Model> models, Dictionary<(string, int), DatasetRow> rows)
    {
        var linked = new HashSet<DatasetRow>();
        foreach (var (slug, model) in models)
        {
            var f = set.DatasetFigures.GetValueOrDefault(slug);
            if (f is not null)
            {
                var row = rows[(f.SourceId, f.Row)];
                if (row.ModelFact != model) row.ModelFact = model;
                linked.Add(row);
            }
            model.Confidence = f?.Confidence;
            model.Accessibility = f?.Accessibility;
            model.ParametersNote = f?.ParametersNote;
            model.TrainingCompute = f?.TrainingCompute;
            model.TrainingComputeText = f?.TrainingComputeText;
            model.TrainingComputeNote = f?.TrainingComputeNote;
            model.Domain = f?.Domain;
            model.Task = f?.Task;
        }
        foreach (var row in rows.Values.Where(r => !linked.Contains(r) && r.ModelId != null)) { row.ModelFact = null; row.ModelId = null; }
    }

    /// <summary>Every model's organisations in order: its own organisation first, then the others its dataset row names (joint work).</summary>
    private static async Task SyncModelOrganizationsAsync(LlmWatchDbContext db, ISeedRows added, SeedSet set, FactMaps facts, bool empty, CancellationToken ct)
    {
        var desired = new Dictionary<(int, int), int>();
        foreach (var seed in set.Models)
        {
            var model = facts.Models[seed.Slug];
            var slugs = new List<string>();
            if (seed.Organization is not null) slugs.Add(seed.Organization);
            if (set.DatasetFigures.TryGetValue(seed.Slug, out var f)) slugs.AddRange(f.Organizations.Where(o => !slugs.Contains(o)));
            for (var i = 0; i < slugs.Count; i++) desired[(model.Id, facts.Organizations[slugs[i]].Id)] = i;
        }
        foreach (var link in empty ? [] : await db.ModelOrganizations.AsTracking().IgnoreQueryFilters().ToListAsync(ct))
        {
            if (desired.Remove((link.ModelId, link.OrganizationId), out var ordinal)) link.Ordinal = ordinal;
            else db.ModelOrganizations.Remove(link);
        }
        foreach (var ((model, organization), ordinal) in desired)
            added.Add(new ModelOrganization { ModelId = model, OrganizationId = organization, Ordinal = ordinal });
    }

    private static async Task RemoveStaleSourcesAsync(LlmWatchDbContext db, SeedSet set, CancellationToken ct)
    {
        var keep = set.Sources.Select(s => s.Source.Id).ToHashSet();
        var stale = await db.Sources.AsTracking().Where(s => !keep.Contains(s.Id)).ToListAsync(ct);
        db.Sources.RemoveRange(stale);
    }

    private static async Task<FactMaps> SyncFactsAsync(LlmWatchDbContext db, ISeedRows added, SeedSet set, FxRates rates, bool empty, CancellationToken ct)
    {
        Dictionary<string, Organization> organizations = [];
        Dictionary<string, Person> people = [];
        Dictionary<string, Model> models = [];
        Dictionary<string, Deal> deals = [];
        var refs = new FactLookup(s => organizations[s], s => people[s], s => models[s], s => deals[s]);
        void RemoveParticipant(Deal deal, DealParticipant participant) => db.DealParticipants.Remove(participant);

        organizations = await SyncAsync(empty, added, db.Organizations, set.Organizations, refs, ct);
        foreach (var seed in set.Organizations) FactWriter.Links(seed, organizations[seed.Slug], refs);
        people = await SyncAsync(empty, added, db.People, set.People, refs, ct);
        models = await SyncAsync(empty, added, db.Models, set.Models, refs, ct);
        foreach (var seed in set.Models) FactWriter.Links(seed, models[seed.Slug], refs);
        var camps = await SyncAsync(empty, added, db.CampAssignments, set.Camps, refs, ct);
        foreach (var organization in organizations.Values)
            organization.Camp = OrganizationFigures.LatestCamp(set.Camps.Where(c => c.Organization == organization.Slug)
                .Select(c => (FactWriter.Date(c.From), FactWriter.Date(c.AsOf), FactWriter.Parse<Camp>(c.Camp))));
        var roles = await SyncAsync(empty, added, db.Roles, set.Roles, refs, ct);
        deals = await SyncAsync(empty, added, db.Deals, set.Deals, refs, ct, q => q.Include(d => d.Participants), RemoveParticipant);
        var events = await SyncAsync(empty, added, db.Events, set.Events, refs, ct,
            q => q.Include(e => e.Organizations).Include(e => e.People).Include(e => e.Models).Include(e => e.Deals).AsSplitQuery());
        var viewpoints = await SyncAsync(empty, added, db.Viewpoints, set.Viewpoints, refs, ct);
        var statistics = await SyncAsync(empty, added, db.Statistics, set.Statistics, refs, ct);

        KeyFigures(organizations, set, rates);

        return new FactMaps(organizations, camps, people, roles, models, deals, events, viewpoints, statistics);
    }

    /// <summary>Brings the rows of one fact table in line with its file: update by slug (<see cref="FactWriter"/>), add the new, remove the gone.</summary>
    private static async Task<Dictionary<string, T>> SyncAsync<T, TSeed>(
        bool empty, ISeedRows added, DbSet<T> table, List<TSeed> seeds, FactLookup refs, CancellationToken ct,
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
                added.Add(row);
            }
            FactWriter.Apply(seed, row, refs, removeParticipant);
            result[seed.Slug] = row;
        }
        table.RemoveRange(existing.Values);
        return result;
    }

    private static async Task<int> SyncCitationsAsync(LlmWatchDbContext db, ISeedRows added, SeedSet set, FactMaps facts, bool empty, CancellationToken ct)
    {
        // A dataset citation counts from its row's day (else the dataset's retrieval day): asOf and KnownFrom read it.
        var rowDays = new Dictionary<(string, int), DateOnly>();
        foreach (var dataset in set.Datasets)
        {
            var day = DatasetFacts.DatasetDay(set.Sources.First(s => s.Source.Id == dataset.SourceId).Source);
            foreach (var row in dataset.Rows)
                rowDays[(dataset.SourceId, row.Number)] = DatasetFacts.ParseDate(dataset.Cell(row, DatasetFacts.DateColumn)) ?? day;
        }
        DateOnly? KnownFrom(SeedCitation c) => c.Row is { } n && rowDays.TryGetValue((c.SourceId, n), out var d) ? d : null;
        void Write(Citation citation, SeedCitation seed)
        {
            citation.SourceId = seed.SourceId;
            citation.Quote = seed.Quote;
            citation.Note = seed.Note;
            citation.Row = seed.Row;
            if (!(citation.Columns ?? []).SequenceEqual(seed.Columns ?? [], StringComparer.Ordinal) || (citation.Columns is null) != (seed.Columns is null))
                citation.Columns = seed.Columns?.ToList();
            citation.KnownFrom = KnownFrom(seed);
            citation.Derived = seed.Derived;
        }
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

        foreach (var citation in empty ? [] : await db.Citations.AsTracking().IgnoreQueryFilters().ToListAsync(ct))
        {
            if (desired.Remove((citation.SubjectType, citation.SubjectId, citation.Ordinal), out var seed))
            {
                Write(citation, seed);
            }
            else
            {
                db.Citations.Remove(citation);
            }
        }
        foreach (var ((type, id, ordinal), seed) in desired)
        {
            var citation = new Citation { SubjectType = type, SubjectId = id, Ordinal = ordinal, SourceId = seed.SourceId, Quote = seed.Quote };
            Write(citation, seed);
            added.Add(citation);
        }

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
