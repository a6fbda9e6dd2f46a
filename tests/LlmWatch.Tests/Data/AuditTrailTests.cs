using LlmWatch.Data;
using LlmWatch.Data.Accounts;
using LlmWatch.Data.Entities;
using LlmWatch.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Tests.Data;

public sealed class AuditTrailTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    internal static ChangeRecord Record(string factKey = "baichuan", string? organization = "baichuan") => new()
    {
        RecordedAt = new DateTime(2026, 12, 1, 9, 30, 0, DateTimeKind.Utc),
        Action = ChangeAction.Changed,
        FactKind = FactKind.Deal,
        FactKey = factKey,
        OrganizationSlug = organization,
        SourceId = "jiemian-2023-08-02",
        ProposalId = 7,
        ProposedById = "u1", ProposedByName = "Editor One",
        ApprovedById = "u2", ApprovedByName = "Reviewer Two",
        ProposerReason = "A later article", ReviewerReason = "Checked against the filing",
        Fields = [new FieldChange("amount", "USD 50M", "USD 50M–60M"), new FieldChange("stage", null, "a")],
    };

    [Fact]
    public async Task A_record_is_added_and_read_back_with_its_fields()
    {
        await using (var db = await _database.Factory.CreateDbContextAsync())
        {
            db.ChangeRecords.Add(Record());
            await db.SaveChangesAsync();
        }

        await using var read = await _database.Factory.CreateDbContextAsync();
        var record = await read.ChangeRecords.SingleAsync();
        Assert.Equal(new DateTime(2026, 12, 1, 9, 30, 0, DateTimeKind.Utc), record.RecordedAt);
        Assert.Equal(DateTimeKind.Utc, record.RecordedAt.Kind);
        Assert.Equal([new FieldChange("amount", "USD 50M", "USD 50M–60M"), new FieldChange("stage", null, "a")], record.Fields);
        Assert.Equal((ChangeAction.Changed, FactKind.Deal, "Editor One", "Reviewer Two"),
            (record.Action, record.FactKind, record.ProposedByName, record.ApprovedByName));
    }

    [Fact]
    public async Task A_tracked_record_cannot_be_modified_or_deleted()
    {
        await using var db = await _database.Factory.CreateDbContextAsync();
        var record = Record();
        db.ChangeRecords.Add(record);
        await db.SaveChangesAsync();

        record.ReviewerReason = "rewritten";
        await Assert.ThrowsAsync<AuditRecordImmutableException>(() => db.SaveChangesAsync());
        db.Entry(record).State = EntityState.Unchanged;
        db.ChangeRecords.Remove(record);
        Assert.Throws<AuditRecordImmutableException>(() => db.SaveChanges());

        await using var read = await _database.Factory.CreateDbContextAsync();
        Assert.Equal("Checked against the filing", (await read.ChangeRecords.SingleAsync()).ReviewerReason);
    }

    [Fact]
    public async Task The_database_refuses_bulk_and_raw_rewrites()
    {
        await using var db = await _database.Factory.CreateDbContextAsync();
        db.ChangeRecords.Add(Record());
        await db.SaveChangesAsync();

        await Assert.ThrowsAsync<SqliteException>(() => db.ChangeRecords.ExecuteUpdateAsync(s => s.SetProperty(c => c.ApprovedByName, "someone else")));
        await Assert.ThrowsAsync<SqliteException>(() => db.ChangeRecords.ExecuteDeleteAsync());
        await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM ChangeRecords"));

        Assert.Equal("Reviewer Two", (await db.ChangeRecords.SingleAsync()).ApprovedByName);
    }

    [Fact]
    public async Task A_fresh_database_migrates_imports_the_seed_and_holds_the_three_roles()
    {
        await _database.Importer.ImportAsync(RepositoryData.Directory);

        await using var db = await _database.Factory.CreateDbContextAsync();
        Assert.True(await db.Organizations.AnyAsync());
        Assert.True(await db.Roles.AnyAsync(), "people's roles at organisations are still facts");
        Assert.Equal(Roles.All.Order(), (await db.Set<IdentityRole>().Select(r => r.Name!).ToListAsync()).Order());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }
}
