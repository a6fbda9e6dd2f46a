using LlmWatch.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Data.Curation;

public enum ProposalAction { Add, Change, Retire }

public enum ProposalStatus { Open, Approved, Rejected, Withdrawn }

/// <summary>
/// An editor's proposed fact: one seed entry (<see cref="Payload"/>, the shape of data/seed) citing a quote of one
/// source, with the editor's reason, waiting for someone else's review. <see cref="BaseVersion"/> is the version of
/// the fact it changes at the time it was made, so a review never applies it over a change it has not seen.
/// </summary>
public sealed class Proposal
{
    public int Id { get; set; }
    public SubjectType Kind { get; set; }
    public ProposalAction Action { get; set; }
    public required string TargetSlug { get; set; }
    public required string Payload { get; set; }
    public required string SourceId { get; set; }
    public required string Quote { get; set; }
    public int? SentenceNumber { get; set; }
    public required string ProposedById { get; set; }
    public required string ProposedByName { get; set; }
    public required string Reason { get; set; }
    public ProposalStatus Status { get; set; }
    public string? ReviewedById { get; set; }
    public string? ReviewedByName { get; set; }
    public string? ReviewReason { get; set; }
    public string? BaseVersion { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Grows with every revision and review; a review or revision of a stale copy changes nothing.</summary>
    public int Revision { get; set; }
}

/// <summary>
/// A value a source reported for a field of a fact that is not the one shown as preferred: kept beside the fact with its
/// citation ("also reported"), never overwritten.
/// </summary>
public sealed class AlsoReported
{
    public int Id { get; set; }
    public SubjectType SubjectType { get; set; }
    public int SubjectId { get; set; }
    public required string Field { get; set; }

    /// <summary>The field's value as seed JSON (an amount, a date, a camp).</summary>
    public required string Value { get; set; }

    public required string SourceId { get; set; }
    public required string Quote { get; set; }
    public int? ProposalId { get; set; }
    public DateTime RecordedAt { get; set; }
}

internal static class CurationModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Proposal>(e =>
        {
            e.HasIndex(p => new { p.Status, p.CreatedAt });
            e.HasIndex(p => new { p.Kind, p.TargetSlug, p.Status });
            e.HasIndex(p => p.SourceId);
            e.HasIndex(p => p.ProposedById);
            e.Property(p => p.Revision).IsConcurrencyToken();
        });
        b.Entity<AlsoReported>(e =>
        {
            e.HasIndex(a => new { a.SubjectType, a.SubjectId });
            e.HasOne<Source>().WithMany().HasForeignKey(a => a.SourceId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
