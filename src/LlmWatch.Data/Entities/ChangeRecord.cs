namespace LlmWatch.Data.Entities;

/// <summary>What an approved change did to a fact.</summary>
public enum ChangeAction { Added, Changed, Retired, Preferred }

/// <summary>The kind of fact a change touched: the citation subjects (<see cref="SubjectType"/>) plus sources themselves.</summary>
public enum FactKind { Organization, CampAssignment, Person, Role, Model, Deal, Event, Viewpoint, Statistic, Source }

/// <summary>One field of a fact before and after a change; null where the field had or has no value.</summary>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>
/// One approved change, as the audit trail keeps it: who proposed it and who approved it (by display name, as public
/// pages show them), when, why, and each field before and after. Append-only: <see cref="LlmWatchDbContext"/> refuses
/// to save a modified or deleted record, and the database refuses to update or delete one.
/// </summary>
public sealed class ChangeRecord
{
    public const int ReasonMaxLength = 2000;

    public long Id { get; set; }

    /// <summary>When the change was approved and applied, in UTC.</summary>
    public DateTime RecordedAt { get; set; }

    public ChangeAction Action { get; set; }
    public FactKind FactKind { get; set; }

    /// <summary>The slug of the fact (a source's id for <see cref="FactKind.Source"/>).</summary>
    public required string FactKey { get; set; }

    /// <summary>The organisation the fact belongs to, if any: the filter of /changes and the profile's History.</summary>
    public string? OrganizationSlug { get; set; }

    /// <summary>The source the change cites.</summary>
    public string? SourceId { get; set; }

    /// <summary>The proposal that carried the change; no foreign key, so the trail outlives any workflow table.</summary>
    public long? ProposalId { get; set; }

    public required string ProposedById { get; set; }
    public required string ProposedByName { get; set; }
    public required string ApprovedById { get; set; }
    public required string ApprovedByName { get; set; }
    public string? ProposerReason { get; set; }
    public string? ReviewerReason { get; set; }

    public List<FieldChange> Fields { get; set; } = [];
}
