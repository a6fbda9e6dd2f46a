using System.Text.Json;
using LlmWatch.Data.Accounts;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace LlmWatch.Data;

/// <summary>The facts, the accounts (Identity's tables), the audit trail and the Data Protection keys every instance shares, in one database.</summary>
public sealed class LlmWatchDbContext(DbContextOptions<LlmWatchDbContext> options) : IdentityDbContext<LlmWatchUser>(options), IDataProtectionKeyContext
{
    /// <summary>The keys that protect cookies and antiforgery tokens: in the database, so that every instance reads what another issued.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Source> Sources => Set<Source>();
    public DbSet<Citation> Citations => Set<Citation>();
    public DbSet<DatasetRow> DatasetRows => Set<DatasetRow>();
    public DbSet<ModelOrganization> ModelOrganizations => Set<ModelOrganization>();
    public DbSet<SeedFile> SeedFiles => Set<SeedFile>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<CampAssignment> CampAssignments => Set<CampAssignment>();
    public DbSet<Person> People => Set<Person>();
    /// <summary>People's roles at organisations (facts). Identity's account roles are <c>Set&lt;IdentityRole&gt;()</c>.</summary>
    public new DbSet<Role> Roles => Set<Role>();
    public DbSet<Model> Models => Set<Model>();
    public DbSet<Deal> Deals => Set<Deal>();
    public DbSet<DealParticipant> DealParticipants => Set<DealParticipant>();
    public DbSet<Event> Events => Set<Event>();
    public DbSet<Viewpoint> Viewpoints => Set<Viewpoint>();
    public DbSet<Statistic> Statistics => Set<Statistic>();
    public DbSet<FundingQuarter> FundingQuarters => Set<FundingQuarter>();
    public DbSet<FundingGroup> FundingGroups => Set<FundingGroup>();
    public DbSet<Curation.Proposal> Proposals => Set<Curation.Proposal>();
    public DbSet<Curation.AlsoReported> AlsoReported => Set<Curation.AlsoReported>();
    public DbSet<ChangeRecord> ChangeRecords => Set<ChangeRecord>();
    public DbSet<FactVersion> FactVersions => Set<FactVersion>();

    /// <summary>
    /// The view this context reads: that of the flow of work running the query (<see cref="AsOfScope"/>), read when each query
    /// runs, so that it holds for pooled contexts too.
    /// </summary>
    public DataView View => AsOfScope.Current;

    /// <summary>The last day a source may be published to count (asOf); null: no limit. Read by the global query filters.</summary>
    public DateOnly? KnownBy => View.AsOf;

    /// <summary>The instant before which LlmWatch must have recorded a fact (the end of the recordedAt day, UTC); null: no limit.</summary>
    public DateTime? RecordedBefore => View.RecordedAt is { } day ? day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : null;

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        AuditTrail.RefuseRewrites(ChangeTracker);
        StampSources();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        AuditTrail.RefuseRewrites(ChangeTracker);
        StampSources();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // A source's day, which asOf compares, follows its publication time however the source was written.
    private void StampSources()
    {
        foreach (var entry in ChangeTracker.Entries<Source>())
            if (entry.State is EntityState.Added or EntityState.Modified) StampPublishedOn(entry.Entity);
    }

    internal static void StampPublishedOn(Source source) => source.PublishedOn = DateOnly.FromDateTime(source.PublishedAt.DateTime);

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // Enums are stored by name: readable in the database file and stable when members are added.
        builder.Properties<Enum>().HaveConversion<string>();
        builder.Properties<PartialDate>().HaveConversion<PartialDateConverter>();
        builder.Properties<List<EditorNote>>().HaveConversion<NotesConverter, NotesComparer>();
        builder.Properties<List<FieldBasis>>().HaveConversion<BasesConverter, BasesComparer>();
        builder.Properties<List<FieldChange>>().HaveConversion<FieldChangesConverter, FieldChangesComparer>();
        if (Database.IsNpgsql())
        {
            // DateTimeOffset kept as SQLite keeps it — text with its own offset — rather than normalised to UTC.
            builder.Properties<DateTimeOffset>().HaveConversion<string>();
        }
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        // The search index's trigram operator class (OrganizationSearch; see PostgreSqlSearch).
        if (Database.IsNpgsql()) b.HasPostgresExtension("pg_trgm");
        b.Entity<LlmWatchUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(LlmWatchUser.DisplayNameMaxLength);
            e.Property(u => u.CreatedAt).HasConversion(Utc);
        });
        // The closed set of roles exists in every database, so that granting one never has to create it.
        b.Entity<IdentityRole>().HasData(Accounts.Roles.All.Select(r => new IdentityRole(r)
        {
            Id = $"role-{r}",
            NormalizedName = r.ToUpperInvariant(),
            ConcurrencyStamp = $"role-{r}",
        }));
        b.Entity<ChangeRecord>(e =>
        {
            e.HasKey(c => c.Id);
            e.Property(c => c.RecordedAt).HasConversion(Utc);
            e.HasIndex(c => c.RecordedAt);
            e.HasIndex(c => new { c.OrganizationSlug, c.RecordedAt });
            e.HasIndex(c => new { c.FactKind, c.RecordedAt });
            e.HasIndex(c => new { c.SourceId, c.RecordedAt });
            e.Property(c => c.FactKey).HasMaxLength(200);
            e.Property(c => c.ProposerReason).HasMaxLength(ChangeRecord.ReasonMaxLength);
            e.Property(c => c.ReviewerReason).HasMaxLength(ChangeRecord.ReasonMaxLength);
        });

        b.Entity<Source>(e =>
        {
            e.HasKey(s => s.Id);
            e.HasIndex(s => s.PublishedOn);
            // A dataset is dated by its rows (each its own reference), not by the day it was retrieved: it stays visible and
            // its rows and citations are filtered by their own days.
            e.HasQueryFilter(s => KnownBy == null || s.PublishedOn <= KnownBy || s.Kind == SourceKind.Dataset);
            e.Property(s => s.Kind).HasDefaultValue(SourceKind.Article).HasSentinel(SourceKind.Article);
        });
        b.Entity<DatasetRow>(e =>
        {
            e.HasOne<Source>().WithMany().HasForeignKey(r => r.SourceId).OnDelete(DeleteBehavior.Cascade);
            // Not unique: a newer export renumbers kept rows one update at a time.
            e.HasIndex(r => new { r.SourceId, r.Number });
            e.HasIndex(r => new { r.SourceId, r.Model, r.Organization }).IsUnique();
            e.HasIndex(r => new { r.SourceId, r.KnownFrom });
            e.HasQueryFilter(r => KnownBy == null || r.KnownFrom <= KnownBy);
        });
        b.Entity<FactVersion>(e =>
        {
            e.Property(v => v.RecordedAt).HasConversion(Utc);
            e.Property(v => v.SupersededAt).HasConversion(Utc);
            e.Property(v => v.Slug).HasMaxLength(200);
            e.HasIndex(v => new { v.Kind, v.Slug, v.SupersededAt });
            e.HasIndex(v => new { v.OrganizationSlug, v.SupersededAt });
        });

        b.Entity<Citation>(e =>
        {
            e.HasIndex(c => new { c.SubjectType, c.SubjectId });
            // A source's page reads, per quote, the first facts citing it and their count: by this index, not by scanning
            // every citation of the source (a synthetic source has hundreds of thousands). It also serves "by source".
            e.HasIndex(c => new { c.SourceId, c.Quote, c.SubjectType, c.SubjectId, c.Ordinal });
            e.HasOne<Source>().WithMany().HasForeignKey(c => c.SourceId).OnDelete(DeleteBehavior.Restrict);
            // Under asOf a fact shows only the quotes of the sources published by then; a dataset's, those of the rows published by then.
            e.HasQueryFilter(c => KnownBy == null || (c.KnownFrom != null ? c.KnownFrom <= KnownBy : Set<Source>().Any(s => s.Id == c.SourceId)));
            e.HasIndex(c => new { c.SourceId, c.Row });
        });

        Fact<Organization>(b, e =>
        {
            e.HasOne(o => o.AcquiredBy).WithMany().HasForeignKey(o => o.AcquiredById).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(o => o.Kind);
            e.HasIndex(o => o.NameEn);
            // The directory's sorts, each with and without the camp filter, in the order the queries ask for
            // (SQLite sorts NULL lowest, so "DESC" puts companies without a figure last). The name sorts are
            // expression indexes created in the ScaleIndexes migration.
            e.HasIndex(o => new { o.Camp, o.Slug });
            SortIndex(e.HasIndex(o => new { o.Camp, o.LatestValuationUsd, o.Slug }), false, true, false);
            SortIndex(e.HasIndex(o => new { o.Camp, o.DisclosedFundingUsd, o.Slug }), false, true, false);
            SortIndex(e.HasIndex(o => new { o.Camp, o.FoundedOn, o.Slug }), false, true, false);
            SortIndex(e.HasIndex(o => new { o.LatestValuationUsd, o.Slug }), true, false);
            SortIndex(e.HasIndex(o => new { o.DisclosedFundingUsd, o.Slug }), true, false);
            SortIndex(e.HasIndex(o => new { o.FoundedOn, o.Slug }), true, false);
            // The directory's bounded count under asOf/recordedAt: the camp and both view columns, so the count stays index-only
            // (without it every counted row is read from the table for its KnownFrom).
            e.HasIndex(o => new { o.Camp, o.KnownFrom, o.RecordedAt });
        });
        Fact<CampAssignment>(b, e => e.HasOne(c => c.Organization).WithMany(o => o.CampAssignments).OnDelete(DeleteBehavior.Cascade));
        Fact<Person>(b, e => e.HasIndex(p => p.NameEn));
        Fact<Role>(b, e =>
        {
            e.HasOne(r => r.Person).WithMany(p => p.Roles).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(r => r.Organization).WithMany(o => o.Roles).OnDelete(DeleteBehavior.Cascade);
        });
        Fact<Model>(b, e =>
        {
            e.HasOne(m => m.Organization).WithMany(o => o.Models).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(m => m.BaseModel).WithMany().HasForeignKey(m => m.BaseModelId).OnDelete(DeleteBehavior.SetNull);
            e.ComplexProperty(m => m.Parameters, Quantity);
            e.HasIndex(m => m.Name);
            // The key is on the row (a new table), so that SQLite adds no foreign key to Models by rebuilding it.
            e.HasOne(m => m.DatasetRow).WithOne(r => r.ModelFact).HasForeignKey<DatasetRow>(r => r.ModelId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(m => m.ReleasedOn);
            e.HasIndex(m => m.Confidence);
        });
        b.Entity<SeedFile>(e => e.HasKey(f => f.Path));
        b.Entity<ModelOrganization>(e =>
        {
            e.HasKey(l => new { l.ModelId, l.OrganizationId });
            e.HasOne(l => l.Model).WithMany(m => m.OrganizationLinks).HasForeignKey(l => l.ModelId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(l => l.Organization).WithMany(o => o.ModelLinks).HasForeignKey(l => l.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(l => new { l.OrganizationId, l.ModelId });
            // A link shows when its model does (asOf, recordedAt).
            e.HasQueryFilter(l => (KnownBy == null && RecordedBefore == null) || Set<Model>().Any(m => m.Id == l.ModelId));
        });
        Fact<Deal>(b, e =>
        {
            e.HasOne(d => d.Organization).WithMany(o => o.Deals).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(d => d.Participants).WithOne().HasForeignKey(p => p.DealId).OnDelete(DeleteBehavior.Cascade);
            e.ComplexProperty(d => d.Amount, MoneyColumns);
            e.ComplexProperty(d => d.Valuation, MoneyColumns);
            e.HasIndex(d => d.Date);
            // The funding list's order (newest first, then by id): a page is read in index order, not sorted.
            e.HasIndex(d => new { d.Date, d.Id }, "IX_Deals_DateDesc_Id").IsDescending(true, false);
        });
        b.Entity<DealParticipant>(e =>
        {
            e.HasOne(p => p.Organization).WithMany().OnDelete(DeleteBehavior.Cascade);
            e.HasOne(p => p.Person).WithMany().OnDelete(DeleteBehavior.Cascade);
        });
        Fact<Event>(b, e =>
        {
            // The camp filter goes from a camp's organisations to their events: the second column makes that index covering.
            e.HasMany(v => v.Organizations).WithMany().UsingEntity("EventOrganizations", j => j.HasIndex("OrganizationsId", "EventId"));
            e.HasMany(v => v.People).WithMany().UsingEntity("EventPeople");
            e.HasMany(v => v.Models).WithMany().UsingEntity("EventModels");
            e.HasMany(v => v.Deals).WithMany().UsingEntity("EventDeals");
            e.HasIndex(v => v.Date);
        });
        b.Entity<FundingQuarter>(e => e.HasIndex(q => new { q.Year, q.Quarter, q.Camp }).IsUnique());
        b.Entity<FundingGroup>(e => e.HasIndex(g => new { g.Camp, g.Kind, g.Status }));
        Fact<Viewpoint>(b, e => e.HasOne(v => v.Person).WithMany().OnDelete(DeleteBehavior.Cascade));
        Fact<Statistic>(b, e =>
        {
            e.HasOne(s => s.Organization).WithMany().OnDelete(DeleteBehavior.SetNull);
            e.ComplexProperty(s => s.Value, Quantity);
        });
        Curation.CurationModel.Configure(b);
        if (Database.IsNpgsql()) UseCollationForText(b);
    }

    /// <summary>
    /// Answers equal to SQLite's (see <see cref="PostgreSql"/>): every column stored as text — strings, enums by name, partial
    /// dates, aliases — compares in code-point order and folds only ASCII case, whatever the database's default collation.
    /// </summary>
    private static void UseCollationForText(ModelBuilder b)
    {
        foreach (var entity in b.Model.GetEntityTypes()) Collate(entity);

        static void Collate(Microsoft.EntityFrameworkCore.Metadata.IMutableTypeBase type)
        {
            foreach (var property in type.GetDeclaredProperties())
            {
                var stored = property.GetProviderClrType() ?? property.GetValueConverter()?.ProviderClrType ?? property.ClrType;
                if (stored == typeof(string) || stored == typeof(List<string>)) property.SetCollation(PostgreSql.Collation);
            }
            foreach (var complex in type.GetDeclaredComplexProperties()) Collate(complex.ComplexType);
        }
    }

    /// <summary>
    /// An index that serves an ORDER BY, column by column ascending or descending. On PostgreSQL each column also says SQLite's
    /// NULL order, as the queries do (see <see cref="PostgreSql"/>: NULLS FIRST ascending, NULLS LAST descending): PostgreSQL reads
    /// an index in a query's order only when both agree on every column — a NOT NULL column included — and PostgreSQL's own
    /// default (NULLS LAST ascending) would leave every page of the directory to a sort of the whole camp.
    /// </summary>
    private void SortIndex<T>(IndexBuilder<T> index, params bool[] descending)
    {
        index.IsDescending(descending);
        if (Database.IsNpgsql()) index.HasNullSortOrder(descending.Select(d => d ? NullSortOrder.NullsLast : NullSortOrder.NullsFirst).ToArray());
    }

    private void Fact<T>(ModelBuilder b, Action<EntityTypeBuilder<T>> configure) where T : Fact => b.Entity<T>(e =>
    {
        e.HasIndex(f => f.Slug).IsUnique();
        e.Property(f => f.RecordedAt).HasConversion(Utc);
        // asOf and recordedAt in one place: a fact counts when a citing source was published by then (KnownFrom is the
        // earliest), and when LlmWatch had recorded it by then. Indexed for the views at scale: (KnownFrom, RecordedAt) covers the
        // filter, so a bounded count of an unfiltered list reads that index instead of the table.
        e.HasIndex(f => new { f.KnownFrom, f.RecordedAt });
        e.HasIndex(f => f.RecordedAt);
        e.HasQueryFilter(f => (KnownBy == null || f.KnownFrom <= KnownBy) && (RecordedBefore == null || f.RecordedAt < RecordedBefore));
        configure(e);
    });

    /// <summary>SQLite keeps no kind with a date and time: these are written and read back as UTC (PostgreSQL's timestamptz wants the kind said).</summary>
    private static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime> Utc = new(
        v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private static void MoneyColumns(ComplexPropertyBuilder<Money> m)
    {
        m.Property(x => x.Currency).HasMaxLength(3);
    }

    private static void Quantity(ComplexPropertyBuilder<Quantity> q) { }

    private sealed class PartialDateConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<PartialDate, string>(
        d => d.ToString(), s => PartialDate.Parse(s));

    private sealed class NotesConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<List<EditorNote>, string>(
        n => JsonSerializer.Serialize(n, JsonSerializerOptions.Web), s => JsonSerializer.Deserialize<List<EditorNote>>(s, JsonSerializerOptions.Web) ?? new List<EditorNote>());

    private sealed class BasesConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<List<FieldBasis>, string>(
        n => JsonSerializer.Serialize(n, BasesJson), s => JsonSerializer.Deserialize<List<FieldBasis>>(s, BasesJson) ?? new List<FieldBasis>());

    private sealed class BasesComparer() : ValueComparer<List<FieldBasis>>(
        (a, b) => a!.SequenceEqual(b!), n => n.Aggregate(0, (h, x) => HashCode.Combine(h, x)), n => n.ToList());

    private static readonly JsonSerializerOptions BasesJson = new(JsonSerializerOptions.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private sealed class FieldChangesConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<List<FieldChange>, string>(
        n => JsonSerializer.Serialize(n, JsonSerializerOptions.Web), s => JsonSerializer.Deserialize<List<FieldChange>>(s, JsonSerializerOptions.Web) ?? new List<FieldChange>());

    private sealed class FieldChangesComparer() : ValueComparer<List<FieldChange>>(
        (a, b) => a!.SequenceEqual(b!), n => n.Aggregate(0, (h, x) => HashCode.Combine(h, x)), n => n.ToList());

    private sealed class NotesComparer() : ValueComparer<List<EditorNote>>(
        (a, b) => a!.SequenceEqual(b!), n => n.Aggregate(0, (h, x) => HashCode.Combine(h, x)), n => n.ToList());
}
