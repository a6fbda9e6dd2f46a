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
    public async Task<ImportResult> ImportAsync(string dataDirectory, CancellationToken cancellationToken = default, bool intoEmptyDatabase = false)
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
        logger.LogInformation("Writing {Facts} facts in one transaction", set.FactCount);
        var counts = new Counts();

        await SyncSourcesAsync(db, set, intoEmptyDatabase, cancellationToken);
        var facts = await SyncFactsAsync(db, set, rates!, intoEmptyDatabase, cancellationToken);
        counts.Take(db);
        await db.SaveChangesAsync(cancellationToken);

        var citations = await SyncCitationsAsync(db, set, facts, intoEmptyDatabase, cancellationToken);
        if (!intoEmptyDatabase) await RemoveStaleSourcesAsync(db, set, cancellationToken);
        counts.Take(db);
        await db.SaveChangesAsync(cancellationToken);
        if (counts.Added + counts.Updated + counts.Deleted > 0)
        {
            // The search indexes and the funding summary follow the facts in the same transaction: never out of step.
            var derived = await DatabaseMaintenance.AfterBulkLoadAsync(
                (Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection(),
                (Microsoft.Data.Sqlite.SqliteTransaction)transaction.GetDbTransaction(), rates!, cancellationToken);
            logger.LogInformation("Rebuilt the search indexes and the funding summary in {ElapsedMs} ms", (long)derived.TotalMilliseconds);
        }
        await transaction.CommitAsync(cancellationToken);

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
        Dictionary<string, Statistic> Statistics);

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
        var organizations = await SyncAsync(empty, db.Organizations, set.Organizations,
            s => new Organization { Slug = s.Slug, NameZh = s.NameZh, NameEn = s.NameEn },
            (s, o) =>
            {
                o.NameZh = s.NameZh;
                o.NameEn = s.NameEn;
                o.Aliases = s.Aliases;
                o.Pinyin = s.Pinyin;
                o.Kind = Parse<OrganizationKind>(s.Kind);
                o.Country = s.Country;
                o.City = s.City;
                o.FoundedOn = Date(s.FoundedOn);
                o.Status = Parse<OrganizationStatus>(s.Status);
                o.SummaryZh = s.SummaryZh;
                o.SummaryEn = s.SummaryEn;
            }, ct);
        foreach (var seed in set.Organizations)
            organizations[seed.Slug].AcquiredBy = seed.AcquiredBy is null ? null : organizations[seed.AcquiredBy];

        var people = await SyncAsync(empty, db.People, set.People,
            s => new Person { Slug = s.Slug, NameZh = s.NameZh, NameEn = s.NameEn },
            (s, p) =>
            {
                p.NameZh = s.NameZh;
                p.NameEn = s.NameEn;
                if (!p.Aliases.SequenceEqual(s.Aliases)) p.Aliases = s.Aliases.ToList();
                p.IsPseudonym = s.IsPseudonym;
                p.SummaryZh = s.SummaryZh;
                p.SummaryEn = s.SummaryEn;
            }, ct);

        var models = await SyncAsync(empty, db.Models, set.Models,
            s => new Model { Slug = s.Slug, Name = s.Name },
            (s, m) =>
            {
                m.Name = s.Name;
                m.Organization = s.Organization is null ? null : organizations[s.Organization];
                m.ReleasedOn = Date(s.ReleasedOn);
                m.Parameters = s.Parameters is null ? null : Quantity(s.Parameters);
                m.OpenSource = s.OpenSource;
                m.CommercialUse = Parse<CommercialUse>(s.CommercialUse);
                m.SummaryZh = s.SummaryZh;
                m.SummaryEn = s.SummaryEn;
            }, ct);
        foreach (var seed in set.Models)
            models[seed.Slug].BaseModel = seed.BaseModel is null ? null : models[seed.BaseModel];

        var camps = await SyncAsync(empty, db.CampAssignments, set.Camps,
            s => new CampAssignment { Slug = s.Slug },
            (s, c) =>
            {
                c.Organization = organizations[s.Organization];
                c.Camp = Parse<Camp>(s.Camp);
                c.From = Date(s.From);
                c.AsOf = Date(s.AsOf);
                c.Basis = Parse<CampBasis>(s.Basis);
                c.ReasonZh = s.ReasonZh;
                c.ReasonEn = s.ReasonEn;
            }, ct);
        foreach (var organization in organizations.Values)
            organization.Camp = OrganizationFigures.LatestCamp(set.Camps.Where(c => c.Organization == organization.Slug).Select(c => (Date(c.From), Date(c.AsOf), Parse<Camp>(c.Camp))));

        var roles = await SyncAsync(empty, db.Roles, set.Roles,
            s => new Role { Slug = s.Slug, TitleZh = s.TitleZh, TitleEn = s.TitleEn },
            (s, r) =>
            {
                r.Person = people[s.Person];
                r.Organization = organizations[s.Organization];
                r.TitleZh = s.TitleZh;
                r.TitleEn = s.TitleEn;
                r.From = Date(s.From);
                r.To = Date(s.To);
            }, ct);

        var deals = await SyncAsync(empty, db.Deals, set.Deals,
            s => new Deal { Slug = s.Slug },
            (s, d) =>
            {
                d.Organization = organizations[s.Organization];
                d.Kind = Parse<DealKind>(s.Kind);
                d.Stage = Parse<DealStage>(s.Stage);
                d.StageText = s.StageText;
                d.Date = Date(s.Date);
                d.Status = Parse<DealStatus>(s.Status);
                d.Amount = Money(s.Amount);
                d.Valuation = Money(s.Valuation);
                d.ValuationIsRaisingAt = s.ValuationIsRaisingAt;
                d.NoteZh = s.NoteZh;
                d.NoteEn = s.NoteEn;
                SyncParticipants(db, d, s.Participants, organizations, people);
            }, ct, q => q.Include(d => d.Participants));

        var events = await SyncAsync(empty, db.Events, set.Events,
            s => new Event { Slug = s.Slug, TitleZh = s.TitleZh, TitleEn = s.TitleEn },
            (s, e) =>
            {
                e.Date = Date(s.Date);
                e.Kind = Parse<EventKind>(s.Kind);
                e.TitleZh = s.TitleZh;
                e.TitleEn = s.TitleEn;
                SyncCollection(e.Organizations, s.Organizations.Select(x => organizations[x]));
                SyncCollection(e.People, s.People.Select(x => people[x]));
                SyncCollection(e.Models, s.Models.Select(x => models[x]));
                SyncCollection(e.Deals, s.Deals.Select(x => deals[x]));
            }, ct, q => q.Include(e => e.Organizations).Include(e => e.People).Include(e => e.Models).Include(e => e.Deals).AsSplitQuery());

        var viewpoints = await SyncAsync(empty, db.Viewpoints, set.Viewpoints,
            s => new Viewpoint { Slug = s.Slug, TopicZh = s.TopicZh, TopicEn = s.TopicEn },
            (s, v) =>
            {
                v.Person = s.Person is null ? null : people[s.Person];
                v.SpeakerZh = s.SpeakerZh;
                v.SpeakerEn = s.SpeakerEn;
                v.Camp = s.Camp is null ? null : Parse<Camp>(s.Camp);
                v.TopicZh = s.TopicZh;
                v.TopicEn = s.TopicEn;
                v.Stance = Parse<Stance>(s.Stance);
                v.Date = Date(s.Date);
                v.SummaryZh = s.SummaryZh;
                v.SummaryEn = s.SummaryEn;
            }, ct);

        var statistics = await SyncAsync(empty, db.Statistics, set.Statistics,
            s => new Statistic { Slug = s.Slug, LabelZh = s.LabelZh, LabelEn = s.LabelEn, Value = Quantity(s.Value) },
            (s, x) =>
            {
                x.LabelZh = s.LabelZh;
                x.LabelEn = s.LabelEn;
                x.Value = Quantity(s.Value);
                x.Unit = Parse<StatisticUnit>(s.Unit);
                x.Date = Date(s.Date);
                x.Organization = s.Organization is null ? null : organizations[s.Organization];
            }, ct);

        KeyFigures(organizations, set, rates);

        return new FactMaps(organizations, camps, people, roles, models, deals, events, viewpoints, statistics);
    }

    /// <summary>Brings the rows of one fact table in line with its file: update by slug, add the new, remove the gone.</summary>
    private static async Task<Dictionary<string, T>> SyncAsync<T, TSeed>(
        bool empty, DbSet<T> table, List<TSeed> seeds, Func<TSeed, T> create, Action<TSeed, T> apply, CancellationToken ct,
        Func<IQueryable<T>, IQueryable<T>>? include = null)
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
                row = create(seed);
                table.Add(row);
            }
            apply(seed, row);
            var notes = seed.Notes.Select(n => new EditorNote(n.Zh, n.En)).ToList();
            if (!row.Notes.SequenceEqual(notes)) row.Notes = notes;
            var bases = seed.Bases.Select(b => new FieldBasis(b.Field, Parse<ValueBasis>(b.Basis), b.ReasonZh, b.ReasonEn)).ToList();
            if (!row.Bases.SequenceEqual(bases)) row.Bases = bases;
            result[seed.Slug] = row;
        }
        table.RemoveRange(existing.Values);
        return result;
    }

    private static void SyncParticipants(LlmWatchDbContext db, Deal deal, List<SeedParticipant> seeds,
        Dictionary<string, Organization> organizations, Dictionary<string, Person> people)
    {
        var current = deal.Participants.OrderBy(p => p.Ordinal).ToList();
        for (var i = 0; i < seeds.Count; i++)
        {
            var participant = i < current.Count ? current[i] : null;
            if (participant is null)
            {
                participant = new DealParticipant { Ordinal = i };
                deal.Participants.Add(participant);
            }
            participant.Organization = seeds[i].Organization is { } o ? organizations[o] : null;
            participant.Person = seeds[i].Person is { } p ? people[p] : null;
            participant.Role = Parse<ParticipantRole>(seeds[i].Role);
        }
        foreach (var extra in current.Skip(seeds.Count))
        {
            deal.Participants.Remove(extra);
            db.DealParticipants.Remove(extra);
        }
    }

    private static void SyncCollection<T>(List<T> current, IEnumerable<T> desired) where T : class
    {
        var want = desired.Distinct().ToList();
        current.RemoveAll(x => !want.Contains(x));
        foreach (var item in want.Where(w => !current.Contains(w))) current.Add(item);
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
            Parse<DealKind>(d.Kind), Parse<DealStatus>(d.Status), Date(d.Date), Money(d.Amount), Money(d.Valuation)));
        foreach (var organization in organizations.Values)
        {
            var deals = dealsByOrganization[organization.Slug].ToList();
            organization.LatestValuationUsd = OrganizationFigures.LatestValuationUsd(deals, rates);
            organization.DisclosedFundingUsd = OrganizationFigures.DisclosedFundingUsd(deals, rates);
        }
    }

    private static T Parse<T>(string value) where T : struct, Enum =>
        ApiNames.TryParseApi<T>(value, out var parsed) ? parsed : throw new InvalidOperationException($"'{value}' passed validation but is not a {typeof(T).Name}.");

    private static PartialDate? Date(string? value) => value is null ? null : PartialDate.Parse(value);

    private static Money? Money(SeedMoney? money) => money is null ? null : new Money(money.Currency, money.Min, money.Max, money.Text, money.Approximate);

    private static Quantity Quantity(SeedQuantity quantity) => new(quantity.Min, quantity.Max, quantity.Text, quantity.Approximate);
}
