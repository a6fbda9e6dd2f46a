using LlmWatch.Data.Values;

namespace LlmWatch.Data.Entities;

/// <summary>A visible editor's note in both languages: a contradiction in the source, a judgement made when extracting.</summary>
public sealed record EditorNote(string Zh, string En);

public sealed class Source
{
    public required string Id { get; set; }
    public required string Title { get; set; }
    public string? TitleEn { get; set; }
    public required string Publisher { get; set; }
    public string? Outlet { get; set; }
    public string? Url { get; set; }
    public DateTimeOffset PublishedAt { get; set; }

    /// <summary>The day of <see cref="PublishedAt"/> as the source dates itself (its own offset): what <c>asOf</c> compares. Kept by <see cref="DatabaseMaintenance"/>.</summary>
    public DateOnly? PublishedOn { get; set; }

    public required string Language { get; set; }

    /// <summary>An article's text, or a dataset's file exactly as published (its CSV, header included).</summary>
    public required string Text { get; set; }

    public string? Note { get; set; }

    /// <summary>An article (quoted by substring) or a dataset (a table: quoted by row and column, see <see cref="DatasetRow"/>).</summary>
    public SourceKind Kind { get; set; }

    /// <summary>A dataset's licence ("CC BY 4.0"); null for an article.</summary>
    public string? Licence { get; set; }

    /// <summary>The attribution the licence asks for, verbatim as the publisher words it; shown wherever the data is shown or shared.</summary>
    public string? Credit { get; set; }

    /// <summary>The day the dataset was retrieved (the export it is); null for an article.</summary>
    public DateOnly? RetrievedOn { get; set; }

    /// <summary>A dataset's header, in file order: the names <see cref="DatasetRow.Cells"/> and a citation's columns use. Empty for an article.</summary>
    public List<string> Columns { get; set; } = [];
}

/// <summary>
/// One row of a dataset source, as the file holds it: its cells in header order, verbatim. Identified across exports by
/// (<see cref="Model"/>, <see cref="Organization"/>), numbered by its place in the file. Its own reference (<see cref="Link"/>)
/// and date (<see cref="PublishedOn"/>) date the facts cited to it, not the day the dataset was retrieved.
/// </summary>
public sealed class DatasetRow
{
    public int Id { get; set; }
    public required string SourceId { get; set; }

    /// <summary>1 for the first row under the header: what a citation's <see cref="Citation.Row"/> names.</summary>
    public int Number { get; set; }

    /// <summary>The physical line of the file the row starts on (the header is line 1; a cell may hold line breaks).</summary>
    public int Line { get; set; }

    /// <summary>The row's <c>Model</c> cell: with <see cref="Organization"/>, its identity from one export to the next.</summary>
    public required string Model { get; set; }

    /// <summary>The row's <c>Organization</c> cell, as written (comma-separated for joint work).</summary>
    public required string Organization { get; set; }

    /// <summary>The row's <c>Publication date</c>; null when the cell is empty.</summary>
    public DateOnly? PublishedOn { get; set; }

    /// <summary>From when the row counts under <c>asOf</c>: <see cref="PublishedOn"/>, else the day the dataset was retrieved.</summary>
    public DateOnly KnownFrom { get; set; }

    /// <summary>The row's primary reference (<c>Link</c>: one or several URLs) and its title (<c>Reference</c>).</summary>
    public string? Link { get; set; }
    public string? Reference { get; set; }

    /// <summary>Every cell in header order (<see cref="Source.Columns"/>), verbatim.</summary>
    public List<string> Cells { get; set; } = [];

    /// <summary>The cells lower-cased and joined, for the source page's search.</summary>
    public required string SearchText { get; set; }

    /// <summary>The model the row made, or the file's model it is linked to (the row's figures are that model's). Kept by the import.</summary>
    public int? ModelId { get; set; }
    public Model? ModelFact { get; set; }
}

/// <summary>A verbatim quote of a source that states a fact; the fact is named by its type and row id.</summary>
public sealed class Citation
{
    public int Id { get; set; }
    public SubjectType SubjectType { get; set; }
    public int SubjectId { get; set; }
    public int Ordinal { get; set; }
    public required string SourceId { get; set; }
    public required string Quote { get; set; }
    public string? Note { get; set; }

    /// <summary>A dataset citation's row (<see cref="DatasetRow.Number"/>); null for an article's quote.</summary>
    public int? Row { get; set; }

    /// <summary>A dataset citation's column names; the quote stands verbatim in those cells (joined by " | " when several).</summary>
    public List<string>? Columns { get; set; }

    /// <summary>A dataset citation's day: its row's publication day (else the dataset's retrieval day). Null for an article, whose source's day counts.</summary>
    public DateOnly? KnownFrom { get; set; }

    /// <summary>Made by the import from a dataset row (not held by a seed file): an export leaves it out, the next import makes it again.</summary>
    public bool Derived { get; set; }
}

public abstract class Fact
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public List<EditorNote> Notes { get; set; } = [];

    /// <summary>The fields of this fact that are not plainly stated, each with its basis and reason.</summary>
    public List<FieldBasis> Bases { get; set; } = [];

    /// <summary>
    /// The earliest publication day of the sources citing this fact: from then on the public record knew it (<c>asOf</c>).
    /// Null only for a fact without citations, which no <c>asOf</c> view shows. Kept by <see cref="FactTimes"/>.
    /// </summary>
    public DateOnly? KnownFrom { get; set; }

    /// <summary>The publication day of the source of the version this row holds (a correction's source for a corrected fact); earlier versions are in <see cref="FactVersion"/>.</summary>
    public DateOnly? ValidFrom { get; set; }

    /// <summary>When LlmWatch first recorded this fact (the import or the approval that brought it), in UTC.</summary>
    public DateTime? RecordedAt { get; set; }
}

/// <summary>
/// A version of a fact that a later approved change replaced or retired: the entry as it stood (the seed JSON of
/// <see cref="Curation.FactDocuments"/>), when the public record knew it (<see cref="ValidFrom"/>, a source's day), when
/// LlmWatch recorded it and when it was superseded. With the fact's current row, the whole history of what was shown.
/// </summary>
public sealed class FactVersion
{
    public long Id { get; set; }
    public SubjectType Kind { get; set; }
    public required string Slug { get; set; }

    /// <summary>The organisation the fact belongs to, for the profile's history and its diff.</summary>
    public string? OrganizationSlug { get; set; }

    /// <summary>The entry as it was, as seed JSON.</summary>
    public required string Payload { get; set; }

    /// <summary>The earliest day a citing source of this version was published.</summary>
    public DateOnly? KnownFrom { get; set; }

    /// <summary>The day of the source this version rested on (its first recorded source for an imported fact).</summary>
    public DateOnly? ValidFrom { get; set; }

    /// <summary>When LlmWatch recorded this version, in UTC.</summary>
    public DateTime RecordedAt { get; set; }

    /// <summary>When the approval that replaced (or retired) it was applied, in UTC.</summary>
    public DateTime SupersededAt { get; set; }

    /// <summary>The publication day of the source of the replacing change; null when it retired the fact.</summary>
    public DateOnly? SupersededFrom { get; set; }

    /// <summary>True when the change retired the fact rather than replacing it.</summary>
    public bool Retired { get; set; }

    public long? ChangeRecordId { get; set; }
}

public sealed class Organization : Fact
{
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }
    public List<string> Aliases { get; set; } = [];
    public string? Pinyin { get; set; }
    public OrganizationKind Kind { get; set; }
    public string? Country { get; set; }
    public string? City { get; set; }
    public PartialDate? FoundedOn { get; set; }
    public OrganizationStatus Status { get; set; }
    public int? AcquiredById { get; set; }
    public Organization? AcquiredBy { get; set; }
    public string? SummaryZh { get; set; }
    public string? SummaryEn { get; set; }

    /// <summary>The camp of the latest assignment, kept here so the directory filters without a join.</summary>
    public Camp Camp { get; set; } = Camp.None;

    /// <summary>The lower bound of the latest known valuation in US dollars (at the rate of its date), for sorting; null when none is known.</summary>
    public long? LatestValuationUsd { get; set; }

    /// <summary>The sum of the lower bounds of disclosed amounts raised (equity rounds, founder capital) in US dollars, for sorting.</summary>
    public long? DisclosedFundingUsd { get; set; }

    public List<CampAssignment> CampAssignments { get; set; } = [];
    public List<Role> Roles { get; set; } = [];
    public List<Model> Models { get; set; } = [];
    public List<Deal> Deals { get; set; } = [];

    /// <summary>Every model the organisation made or co-made (joint work included), through <see cref="ModelOrganization"/>.</summary>
    public List<ModelOrganization> ModelLinks { get; set; } = [];

    /// <summary>The dataset source whose organisation mapping created this organisation (no seed file holds it); null otherwise.</summary>
    public string? FromDataset { get; set; }
}

public sealed class CampAssignment : Fact
{
    public int OrganizationId { get; set; }
    public Organization Organization { get; set; } = null!;
    public Camp Camp { get; set; }

    /// <summary>When the organization started on this route, only when the source dates it; null otherwise.</summary>
    public PartialDate? From { get; set; }

    /// <summary>The date of the source that reports the assignment: true as of then, whenever it began.</summary>
    public PartialDate? AsOf { get; set; }

    public CampBasis Basis { get; set; }
    public string? ReasonZh { get; set; }
    public string? ReasonEn { get; set; }
}

public sealed class Person : Fact
{
    public required string NameZh { get; set; }
    /// <summary>In the order the person publishes under (Luo Si, Rong Jin), else pinyin with the family name first.</summary>
    public required string NameEn { get; set; }

    /// <summary>Other orders and names (Si Luo, Robin Li), searchable.</summary>
    public List<string> Aliases { get; set; } = [];

    public bool IsPseudonym { get; set; }
    public string? SummaryZh { get; set; }
    public string? SummaryEn { get; set; }
    public List<Role> Roles { get; set; } = [];
}

public sealed class Role : Fact
{
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public int OrganizationId { get; set; }
    public Organization Organization { get; set; } = null!;
    public required string TitleZh { get; set; }
    public required string TitleEn { get; set; }
    public PartialDate? From { get; set; }
    public PartialDate? To { get; set; }
}

public sealed class Model : Fact
{
    public required string Name { get; set; }
    public int? OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public PartialDate? ReleasedOn { get; set; }
    public Quantity? Parameters { get; set; }
    public bool? OpenSource { get; set; }
    public CommercialUse CommercialUse { get; set; }
    public int? BaseModelId { get; set; }
    public Model? BaseModel { get; set; }
    public string? SummaryZh { get; set; }
    public string? SummaryEn { get; set; }

    /// <summary>Every organisation of the model in order, the first being <see cref="Organization"/> (joint work has several).</summary>
    public List<ModelOrganization> OrganizationLinks { get; set; } = [];

    /// <summary>The dataset row this model's dataset figures come from (the row's date and reference date them); null when none. Keyed by <see cref="DatasetRow.ModelId"/>.</summary>
    public DatasetRow? DatasetRow { get; set; }

    /// <summary>The dataset source from whose rows the import made this model (no seed file holds it); null for a file's model (linked to a row or not).</summary>
    public string? FromDataset { get; set; }

    /// <summary>The dataset's confidence in the row's figures (Epoch AI's <c>Confidence</c>): the basis of parameters and training compute. Null when the cell is empty.</summary>
    public DatasetConfidence? Confidence { get; set; }

    /// <summary>How the model can be used (Epoch AI's <c>Model accessibility</c>); <see cref="OpenSource"/> follows it for a dataset model.</summary>
    public ModelAccessibility? Accessibility { get; set; }

    /// <summary>The dataset's notes on the parameter count, verbatim.</summary>
    public string? ParametersNote { get; set; }

    /// <summary>Training compute in FLOP (beyond a 64-bit integer's range, so a double), with the cell as written and the dataset's notes.</summary>
    public double? TrainingCompute { get; set; }
    public string? TrainingComputeText { get; set; }
    public string? TrainingComputeNote { get; set; }

    /// <summary>The dataset's domains and tasks (comma-separated cells, verbatim).</summary>
    public string? Domain { get; set; }
    public string? Task { get; set; }
}

/// <summary>
/// A file of data/seed/ that holds no facts but that the import needs as it is (a dataset's mapping files): kept verbatim so
/// that an export writes it back without the data folder.
/// </summary>
public sealed class SeedFile
{
    /// <summary>Its path under data/ ("seed/epoch-organizations.json").</summary>
    public required string Path { get; set; }
    public required string Content { get; set; }
}

/// <summary>One organisation of a model, in order (0: the model's <see cref="Model.Organization"/>). Kept by the import.</summary>
public sealed class ModelOrganization
{
    public int ModelId { get; set; }
    public Model Model { get; set; } = null!;
    public int OrganizationId { get; set; }
    public Organization Organization { get; set; } = null!;
    public int Ordinal { get; set; }
}

public sealed class Deal : Fact
{
    public int OrganizationId { get; set; }
    public Organization Organization { get; set; } = null!;
    public DealKind Kind { get; set; }
    public DealStage Stage { get; set; }
    public string? StageText { get; set; }
    public PartialDate? Date { get; set; }
    public DealStatus Status { get; set; }
    public Money? Amount { get; set; }
    public Money? Valuation { get; set; }
    public bool ValuationIsRaisingAt { get; set; }
    public string? NoteZh { get; set; }
    public string? NoteEn { get; set; }
    public List<DealParticipant> Participants { get; set; } = [];
}

public sealed class DealParticipant
{
    public int Id { get; set; }
    public int DealId { get; set; }
    public int Ordinal { get; set; }
    public int? OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public int? PersonId { get; set; }
    public Person? Person { get; set; }
    public ParticipantRole Role { get; set; }
}

public sealed class Event : Fact
{
    public PartialDate? Date { get; set; }
    public EventKind Kind { get; set; }
    public required string TitleZh { get; set; }
    public required string TitleEn { get; set; }
    public List<Organization> Organizations { get; set; } = [];
    public List<Person> People { get; set; } = [];
    public List<Model> Models { get; set; } = [];
    public List<Deal> Deals { get; set; } = [];
}

public sealed class Viewpoint : Fact
{
    public int? PersonId { get; set; }
    public Person? Person { get; set; }
    public string? SpeakerZh { get; set; }
    public string? SpeakerEn { get; set; }
    public Camp? Camp { get; set; }
    public required string TopicZh { get; set; }
    public required string TopicEn { get; set; }
    public Stance Stance { get; set; }
    public PartialDate? Date { get; set; }
    public string? SummaryZh { get; set; }
    public string? SummaryEn { get; set; }
}

public sealed class Statistic : Fact
{
    public required string LabelZh { get; set; }
    public required string LabelEn { get; set; }
    public required Quantity Value { get; set; }
    public StatisticUnit Unit { get; set; }
    public PartialDate? Date { get; set; }
    public int? OrganizationId { get; set; }
    public Organization? Organization { get; set; }
}

/// <summary>
/// Derived, not a fact: every deal (of any kind and status) grouped by date, camp, currency (null: undisclosed), kind and status,
/// with its amounts summed in that currency. What the unfiltered funding page charts and counts, read as a few thousand rows instead
/// of aggregating every deal; rebuilt with <see cref="FundingQuarter"/> by <see cref="DatabaseMaintenance"/>.
/// </summary>
public sealed class FundingGroup
{
    public int Id { get; set; }
    public PartialDate? Date { get; set; }
    public Camp Camp { get; set; }
    public string? Currency { get; set; }
    public DealKind Kind { get; set; }
    public DealStatus Status { get; set; }
    public int Deals { get; set; }
    public long Min { get; set; }

    /// <summary>The sum of the upper bounds of the bounded amounts.</summary>
    public long Max { get; set; }

    /// <summary>Disclosed amounts with no upper bound.</summary>
    public int Open { get; set; }
}

/// <summary>
/// Derived, not a fact: the completed equity and founder rounds of one camp in one quarter, their disclosed amounts
/// summed in US dollars at each round's month. Rebuilt by <see cref="DatabaseMaintenance"/> after every import, so the
/// overview and the funding chart read a few hundred rows instead of aggregating every deal.
/// </summary>
public sealed class FundingQuarter
{
    public int Id { get; set; }

    /// <summary>Null for undated rounds.</summary>
    public int? Year { get; set; }

    /// <summary>Null when the round is dated by its year only (or not at all).</summary>
    public int? Quarter { get; set; }

    public Camp Camp { get; set; }
    public int Deals { get; set; }
    public int DisclosedDeals { get; set; }

    /// <summary>Disclosed rounds whose amount has no upper bound ("超过1亿元"): when any, the sum has no upper bound either.</summary>
    public int OpenDeals { get; set; }

    public long MinUsd { get; set; }

    /// <summary>The sum of the upper bounds of the bounded amounts; meaningful only when <see cref="OpenDeals"/> is 0.</summary>
    public long MaxUsd { get; set; }
}
