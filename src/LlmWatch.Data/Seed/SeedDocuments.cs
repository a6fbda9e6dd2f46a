using System.Text.Json.Serialization;

namespace LlmWatch.Data.Seed;

// The shapes of data/seed/*.json and data/sources/*.json, one record per file entry. Enum-like fields stay
// strings here so that the validator can name the allowed values in its message.

/// <summary>
/// A verbatim quote: of an article's text, or — with <see cref="Row"/> and <see cref="Columns"/> — of a dataset's cells (the
/// row's cells of those columns joined by " | ", of which the quote is a verbatim span).
/// </summary>
public sealed record SeedCitation(string SourceId, string Quote, string? Note = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Row = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] List<string>? Columns = null)
{
    /// <summary>Made by the import from a dataset row rather than read from a file (see <see cref="DatasetFacts"/>).</summary>
    [JsonIgnore] public bool Derived { get; init; }
}
public sealed record SeedNote(string Zh, string En);
public sealed record SeedMoney(string Currency, long Min, long? Max, string Text, bool Approximate = false);
public sealed record SeedQuantity(long Min, long? Max, string Text, bool Approximate = false);

/// <summary>The basis of one field that is not plainly stated: <c>inferred</c>, <c>name</c>, <c>outside-knowledge</c> (or <c>stated</c>).</summary>
public sealed record SeedBasis(string Field, string Basis, string? ReasonZh = null, string? ReasonEn = null);

public abstract record SeedFact
{
    public required string Slug { get; init; }
    public List<SeedNote> Notes { get; init; } = [];
    public List<SeedBasis> Bases { get; init; } = [];
    public required List<SeedCitation> Citations { get; init; }

    /// <summary>The dataset source the import made this entry from (no file holds it); null for a file's entry.</summary>
    [JsonIgnore] public string? Dataset { get; init; }
}

public sealed record SeedSource
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public string? TitleEn { get; init; }
    public required string Publisher { get; init; }
    public string? Outlet { get; init; }
    public string? Url { get; init; }
    public required DateTimeOffset PublishedAt { get; init; }
    public required string Language { get; init; }
    public required string TextFile { get; init; }
    public string? Note { get; init; }

    // A dataset's metadata; an article leaves them out (so its file keeps its shape).
    /// <summary><c>"dataset"</c> for a table (its textFile a CSV); absent for an article.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Kind { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Licence { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Credit { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? RetrievedOn { get; init; }

    [JsonIgnore] public bool IsDataset => Kind == "dataset";
}

/// <summary>
/// One entry of <c>data/seed/epoch-organizations.json</c>: an organisation name as the dataset writes it, and either the
/// existing organisation it is (<see cref="Organization"/>) or the one the import creates for it (<see cref="Create"/>),
/// with the basis of the match in both languages.
/// </summary>
public sealed record SeedOrganizationMapping
{
    public required string Name { get; init; }
    public string? Organization { get; init; }
    public SeedMappedOrganization? Create { get; init; }
    public required string Basis { get; init; }
    public required string ReasonZh { get; init; }
    public required string ReasonEn { get; init; }
}

/// <summary>An organisation a dataset names that the files do not hold: what the import creates (cited to the first row naming it).</summary>
public sealed record SeedMappedOrganization
{
    public required string Slug { get; init; }
    public required string NameZh { get; init; }
    public required string NameEn { get; init; }
    public List<string> Aliases { get; init; } = [];
    public required string Kind { get; init; }
    public string? Country { get; init; }
    public string? City { get; init; }
    public List<SeedBasis> Bases { get; init; } = [];
}

/// <summary>
/// One entry of <c>data/seed/epoch-models.json</c>: a dataset row, by its identity (model, organisation cells), and what it
/// is: the same model as a file's entry (<see cref="Link"/>: no twin is made), or a model the import makes under a chosen
/// <see cref="Slug"/>; with notes (a contradiction with another source) and the basis of the decision.
/// </summary>
public sealed record SeedModelMapping
{
    public required string Model { get; init; }
    public required string Organization { get; init; }
    public string? Link { get; init; }
    public string? Slug { get; init; }
    /// <summary>The base model's slug when the row's <c>Base model</c> cell names it differently from its row.</summary>
    public string? BaseModel { get; init; }
    public List<SeedNote> Notes { get; init; } = [];
    public required string Basis { get; init; }
    public required string ReasonZh { get; init; }
    public required string ReasonEn { get; init; }
}

/// <summary>A dataset source's table as read: header, rows (cells verbatim) and each row's first physical line.</summary>
public sealed record SeedDataset(string SourceId, string File, IReadOnlyList<string> Columns, IReadOnlyList<SeedDatasetRow> Rows)
{
    public int Column(string name) => Columns.ToList().IndexOf(name);

    public string Cell(SeedDatasetRow row, string column) => Column(column) is var i and >= 0 ? row.Cells[i] : "";
}

/// <summary>One data row: its number (1 = first under the header), the line it starts on, its cells in header order.</summary>
public sealed record SeedDatasetRow(int Number, int Line, IReadOnlyList<string> Cells);

public sealed record SeedOrganization : SeedFact
{
    public required string NameZh { get; init; }
    public required string NameEn { get; init; }
    public List<string> Aliases { get; init; } = [];
    public string? Pinyin { get; init; }
    public required string Kind { get; init; }
    public string? Country { get; init; }
    public string? City { get; init; }
    public string? FoundedOn { get; init; }
    public required string Status { get; init; }
    public string? AcquiredBy { get; init; }
    public string? SummaryZh { get; init; }
    public string? SummaryEn { get; init; }
}

public sealed record SeedCampAssignment : SeedFact
{
    public required string Organization { get; init; }
    public required string Camp { get; init; }
    public string? From { get; init; }
    public string? AsOf { get; init; }
    public required string Basis { get; init; }
    public string? ReasonZh { get; init; }
    public string? ReasonEn { get; init; }
}

public sealed record SeedPerson : SeedFact
{
    public required string NameZh { get; init; }
    public required string NameEn { get; init; }
    public List<string> Aliases { get; init; } = [];
    public bool IsPseudonym { get; init; }
    public string? SummaryZh { get; init; }
    public string? SummaryEn { get; init; }
}

public sealed record SeedRole : SeedFact
{
    public required string Person { get; init; }
    public required string Organization { get; init; }
    public required string TitleZh { get; init; }
    public required string TitleEn { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
}

public sealed record SeedModel : SeedFact
{
    public required string Name { get; init; }
    public string? Organization { get; init; }
    public string? ReleasedOn { get; init; }
    public SeedQuantity? Parameters { get; init; }
    public bool? OpenSource { get; init; }
    public required string CommercialUse { get; init; }
    public string? BaseModel { get; init; }
    public string? SummaryZh { get; init; }
    public string? SummaryEn { get; init; }
}

public sealed record SeedParticipant
{
    public string? Organization { get; init; }
    public string? Person { get; init; }
    public required string Role { get; init; }
}

public sealed record SeedDeal : SeedFact
{
    public required string Organization { get; init; }
    public required string Kind { get; init; }
    public required string Stage { get; init; }
    public string? StageText { get; init; }
    public string? Date { get; init; }
    public required string Status { get; init; }
    public SeedMoney? Amount { get; init; }
    public SeedMoney? Valuation { get; init; }
    public bool ValuationIsRaisingAt { get; init; }
    public List<SeedParticipant> Participants { get; init; } = [];
    public string? NoteZh { get; init; }
    public string? NoteEn { get; init; }
}

public sealed record SeedEvent : SeedFact
{
    public string? Date { get; init; }
    public required string Kind { get; init; }
    public required string TitleZh { get; init; }
    public required string TitleEn { get; init; }
    public List<string> Organizations { get; init; } = [];
    public List<string> People { get; init; } = [];
    public List<string> Models { get; init; } = [];
    public List<string> Deals { get; init; } = [];
}

public sealed record SeedViewpoint : SeedFact
{
    public string? Person { get; init; }
    public string? SpeakerZh { get; init; }
    public string? SpeakerEn { get; init; }
    public string? Camp { get; init; }
    public required string TopicZh { get; init; }
    public required string TopicEn { get; init; }
    public required string Stance { get; init; }
    public string? Date { get; init; }
    public string? SummaryZh { get; init; }
    public string? SummaryEn { get; init; }
}

public sealed record SeedStatistic : SeedFact
{
    public required string LabelZh { get; init; }
    public required string LabelEn { get; init; }
    public required SeedQuantity Value { get; init; }
    public required string Unit { get; init; }
    public string? Date { get; init; }
    public string? Organization { get; init; }
}

/// <summary>Everything under data/: read, not yet validated.</summary>
public sealed record SeedSet
{
    public List<(SeedSource Source, string Text)> Sources { get; init; } = [];
    public List<SeedOrganization> Organizations { get; init; } = [];
    public List<SeedCampAssignment> Camps { get; init; } = [];
    public List<SeedPerson> People { get; init; } = [];
    public List<SeedRole> Roles { get; init; } = [];
    public List<SeedModel> Models { get; init; } = [];
    public List<SeedDeal> Deals { get; init; } = [];
    public List<SeedEvent> Events { get; init; } = [];
    public List<SeedViewpoint> Viewpoints { get; init; } = [];
    public List<SeedStatistic> Statistics { get; init; } = [];

    /// <summary>Values other sources reported beside the preferred ones (<c>seed/alsoReported.json</c>, optional).</summary>
    public List<SeedAlsoReported> AlsoReported { get; init; } = [];
    /// <summary>The tables of the dataset sources, parsed (the sources' texts are their files verbatim).</summary>
    public List<SeedDataset> Datasets { get; init; } = [];

    /// <summary>data/seed/epoch-organizations.json and epoch-models.json: how the datasets' names map onto facts.</summary>
    public List<SeedOrganizationMapping> OrganizationMappings { get; init; } = [];
    public List<SeedModelMapping> ModelMappings { get; init; } = [];

    /// <summary>The mapping files' text as read, by path under data/ ("seed/epoch-models.json"): stored, and exported, verbatim.</summary>
    public Dictionary<string, string> MappingTexts { get; init; } = new(StringComparer.Ordinal);

    /// <summary>What the dataset rows add to the models they describe (made by <see cref="DatasetFacts"/>), by model slug.</summary>
    public Dictionary<string, DatasetModelFigures> DatasetFigures { get; init; } = new(StringComparer.Ordinal);

    public int FactCount => Organizations.Count + Camps.Count + People.Count + Roles.Count + Models.Count
        + Deals.Count + Events.Count + Viewpoints.Count + Statistics.Count;
}

/// <summary>One reason a seed file is refused: which file, where in it (a JSON path) and why.</summary>
public sealed record SeedError(string File, string Path, string Reason)
{
    public override string ToString() => $"{File} {Path}: {Reason}";
}

public sealed class SeedValidationException(IReadOnlyList<SeedError> errors)
    : Exception($"The seed data has {errors.Count} error(s); nothing was imported. First: {errors[0]}")
{
    public IReadOnlyList<SeedError> Errors { get; } = errors;
}
