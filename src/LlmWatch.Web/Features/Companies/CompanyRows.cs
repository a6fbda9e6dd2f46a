using System.Text.Json.Serialization;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;
using LlmWatch.Web.Components.Shared;

namespace LlmWatch.Web.Features.Companies;

/// <summary>A directory row; money stays in the source's currency and words, the page converts it for display.</summary>
public sealed record CompanyRow(
    string Slug, string NameZh, string NameEn, OrganizationKind Kind, string? City, PartialDate? FoundedOn, OrganizationStatus Status, Camp Camp,
    Money? LatestValuation, PartialDate? LatestValuationDate, bool LatestValuationIsRaisingAt, long? LatestValuationUsd,
    Money? DisclosedFunding, int UndisclosedRounds, string? Country = null, string? AcquiredBySlug = null);

public sealed record OrganizationLink(string Slug, string NameZh, string NameEn);

public sealed record CampHistoryItem(Camp Camp, PartialDate? From, CampBasis Basis, string? ReasonZh, string? ReasonEn, IReadOnlyList<CitationView> Citations)
{
    public PartialDate? AsOf { get; init; }
}

public sealed record ParticipantItem(ParticipantRole Role, string? OrganizationSlug, string? PersonSlug, string NameZh, string NameEn);

public sealed record DealItem(
    DealKind Kind, DealStage Stage, string? StageText, PartialDate? Date, DealStatus Status, Money? Amount, Money? Valuation, bool ValuationIsRaisingAt,
    string? NoteZh, string? NoteEn, IReadOnlyList<EditorNote> Notes, IReadOnlyList<ParticipantItem> Participants, IReadOnlyList<CitationView> Citations)
{
    /// <summary>The deal's slug, which the funding timeline tells deals apart by.</summary>
    public string Slug { get; init; } = "";
}

public sealed record RoleItem(string PersonSlug, string NameZh, string NameEn, bool IsPseudonym, string TitleZh, string TitleEn, PartialDate? From, PartialDate? To, IReadOnlyList<CitationView> Citations);

public sealed record ModelItem(string Slug, string Name, PartialDate? ReleasedOn, Quantity? Parameters, bool? OpenSource, IReadOnlyList<CitationView> Citations)
{
    public IReadOnlyList<FieldBasis> Bases { get; init; } = [];

    /// <summary>The other organisations of a joint model, in the row's order (empty when the profile's organisation made it alone).</summary>
    public IReadOnlyList<OrganizationLink> Partners { get; init; } = [];

    /// <summary>The editors' notes on the model, among them where its sources disagree on who made it.</summary>
    public IReadOnlyList<EditorNote> Notes { get; init; } = [];

    /// <summary>The dataset row the model's figures come from, with that row's own date and reference; null for an article's model.</summary>
    public LlmWatch.Data.ModelReport? Report { get; init; }
}

public sealed record EventItem(PartialDate? Date, EventKind Kind, string TitleZh, string TitleEn, IReadOnlyList<CitationView> Citations);

/// <summary>A key figure with the facts behind it: the figure, its date, and the quotes that state it.</summary>
public sealed record KeyFigure(Money? Value, PartialDate? Date, bool IsRaisingAt, int Undisclosed, IReadOnlyList<CitationView> Citations);

public sealed record CompanyProfile(
    string Slug, string NameZh, string NameEn, IReadOnlyList<string> Aliases, OrganizationKind Kind, string? City, PartialDate? FoundedOn,
    OrganizationStatus Status, OrganizationLink? AcquiredBy, string? SummaryZh, string? SummaryEn, IReadOnlyList<EditorNote> Notes, Camp Camp,
    IReadOnlyList<CampHistoryItem> CampHistory, KeyFigure LatestValuation, KeyFigure DisclosedFunding,
    IReadOnlyList<DealItem> Deals, IReadOnlyList<RoleItem> People, IReadOnlyList<ModelItem> Models, IReadOnlyList<EventItem> Events,
    IReadOnlyList<CitationView> Citations, IReadOnlyList<CitationView> AllCitations, string? Country = null)
{
    /// <summary>The bases of the profile's fields that are not plainly stated (foundedOn inferred from context…).</summary>
    public IReadOnlyList<FieldBasis> Bases { get; init; } = [];

    /// <summary>The deals the organisation took part in as an investor, lead, acquirer, lender, seller or buyer: its portfolio.</summary>
    public IReadOnlyList<PortfolioDeal> Portfolio { get; init; } = [];
}

/// <summary>A deal in an investor's portfolio: its role in it, and the company the deal was for.</summary>
public sealed record PortfolioDeal(
    ParticipantRole Role, PartialDate? Date, DealKind Kind, DealStage Stage, string? StageText, DealStatus Status, Money? Amount,
    string CompanySlug, string CompanyZh, string CompanyEn, Camp Camp, IReadOnlyList<CitationView> Citations);
