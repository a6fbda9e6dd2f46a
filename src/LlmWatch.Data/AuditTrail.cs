using LlmWatch.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace LlmWatch.Data;

/// <summary>An attempt to change or delete a record of the audit trail, which only ever grows.</summary>
public sealed class AuditRecordImmutableException(string message) : InvalidOperationException(message);

/// <summary>Keeps the audit trail append-only: records may be added, never modified or deleted.</summary>
public static class AuditTrail
{
    /// <summary>The triggers the AccountsAndAudit migration creates, so that raw SQL and bulk updates are refused too.</summary>
    public const string NoUpdateTrigger = "ChangeRecords_NoUpdate";
    public const string NoDeleteTrigger = "ChangeRecords_NoDelete";

    internal static void RefuseRewrites(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries<ChangeRecord>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
                throw new AuditRecordImmutableException(
                    $"Change record {entry.Entity.Id} cannot be {(entry.State == EntityState.Deleted ? "deleted" : "modified")}: the audit trail is append-only.");
        }
    }
}
