using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;
using LlmWatch.Web.Components.Shared;
using LlmWatch.Web.Features.Changes;
using LlmWatch.Web.Features.Funding;
using LlmWatch.Web.Features.Models;
using LlmWatch.Web.Features.People;
using LlmWatch.Web.Features.Sources;
using LlmWatch.Web.Features.Timeline;
using Companies = LlmWatch.Web.Features.Companies;

namespace LlmWatch.Web.Features.Api;

// The JSON API's shapes (camelCase on the wire), each with the mapping from the feature query's record it shows. Lists are
// LlmWatch.Data.Paged<T>. Enum values are the API spellings ("built-on-others"); dates are ISO partial dates ("2023",
// "2023-04", "2023-07-11"); amounts are whole units.

public sealed record ApiCitation(string SourceId, string Quote)
{
    /// <summary>A dataset citation's row and the column(s) it quotes (the quote is those cells verbatim); absent for an article's quote.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? Row { get; init; }

    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Columns { get; init; }

    public static List<ApiCitation> From(IEnumerable<CitationView> citations) =>
        citations.Select(c => new ApiCitation(c.SourceId, c.Quote) { Row = c.Row, Columns = c.Columns }).ToList();
}

public sealed record ApiText(string Zh, string En)
{
    public static ApiText? Of(string? zh, string? en) => zh is null && en is null ? null : new ApiText(zh ?? en!, en ?? zh!);
}

public sealed record ApiMoney(string Currency, long Min, long? Max, string Text, bool Approximate = false)
{
    public static ApiMoney? From(Money? money) => money is null ? null : new(money.Currency, money.Min, money.Max, money.Text, money.Approximate);
}

public sealed record ApiQuantity(long Min, long? Max, string Text, bool Approximate = false)
{
    public static ApiQuantity? From(Quantity? quantity) => quantity is null ? null : new(quantity.Min, quantity.Max, quantity.Text, quantity.Approximate);
}

/// <summary>How a field not plainly stated was arrived at: "inferred", "name", "outside-knowledge" (or "stated"), with its reason.</summary>
public sealed record ApiBasis(string Field, string Basis, ApiText? Reason)
{
    public static List<ApiBasis> From(IEnumerable<FieldBasis> bases) => bases
        .Select(b => new ApiBasis(b.Field, b.Basis.ToApi(), b.ReasonZh is null && b.ReasonEn is null ? null : new ApiText(b.ReasonZh ?? b.ReasonEn!, b.ReasonEn ?? b.ReasonZh!)))
        .ToList();
}

public sealed record CompanyItem(string Slug, string NameZh, string NameEn, string Kind, string Camp, string? FoundedOn, string Status, string? AcquiredBy, string? City, string? Country)
{
    public static CompanyItem From(Companies.CompanyRow r) =>
        new(r.Slug, r.NameZh, r.NameEn, r.Kind.ToApi(), r.Camp.ToApi(), r.FoundedOn?.ToString(), r.Status.ToApi(), r.AcquiredBySlug, r.City, r.Country);
}

public sealed record CompanyDetail(
    string Slug, string NameZh, string NameEn, string Kind, string Camp, string? FoundedOn, string Status, string? AcquiredBy, string? City, string? Country,
    IReadOnlyList<string> Aliases, ApiText? Summary, IReadOnlyList<ApiText> Notes,
    IReadOnlyList<CompanyPerson> People, IReadOnlyList<ModelItem> Models, IReadOnlyList<FundingRoundItem> FundingRounds,
    IReadOnlyList<EventItem> Events, IReadOnlyList<CampHistoryItem> CampHistory, IReadOnlyList<ApiCitation> Citations)
{
    public IReadOnlyList<ApiBasis> Bases { get; init; } = [];

    public static CompanyDetail From(Companies.CompanyProfile p, IEnumerable<ModelRow> models, IEnumerable<DealRow> rounds, IEnumerable<TimelineEvent> events) =>
        new(p.Slug, p.NameZh, p.NameEn, p.Kind.ToApi(), p.Camp.ToApi(), p.FoundedOn?.ToString(), p.Status.ToApi(), p.AcquiredBy?.Slug, p.City, p.Country,
            p.Aliases, ApiText.Of(p.SummaryZh, p.SummaryEn), p.Notes.Select(n => new ApiText(n.Zh, n.En)).ToList(),
            p.People.Select(r => new CompanyPerson(r.PersonSlug, r.NameZh, r.NameEn, new ApiText(r.TitleZh, r.TitleEn), r.From?.ToString(), r.To?.ToString())).ToList(),
            models.Select(ModelItem.From).ToList(), rounds.Select(FundingRoundItem.From).ToList(), events.Select(EventItem.From).ToList(),
            p.CampHistory.Select(a => new CampHistoryItem(a.Camp.ToApi(), a.From?.ToString(), a.AsOf?.ToString(), a.Basis.ToApi(), ApiText.Of(a.ReasonZh, a.ReasonEn), ApiCitation.From(a.Citations))).ToList(),
            ApiCitation.From(p.Citations)) { Bases = ApiBasis.From(p.Bases) };
}

public sealed record CompanyPerson(string Slug, string NameZh, string NameEn, ApiText Title, string? From, string? To);

/// <summary>A camp assignment: <c>from</c> when the source dates its start, else null; <c>asOf</c> the date of the source that reports it.</summary>
public sealed record CampHistoryItem(string Camp, string? From, string? AsOf, string Basis, ApiText? Reason, IReadOnlyList<ApiCitation> Citations);

public sealed record ParticipantItem(string? Organization, string? Person, string Role);

public sealed record FundingRoundItem(
    string Id, string Company, string? Date, string Kind, string Stage, string? StageText, string Status,
    ApiMoney? Amount, ApiMoney? Valuation, bool ValuationIsRaisingAt, IReadOnlyList<string> Investors, IReadOnlyList<ParticipantItem> Participants,
    ApiText? Note, IReadOnlyList<ApiCitation> Citations)
{
    /// <summary>Whether the round's money counts as raised (completed equity rounds and founder capital), by the rule every page sums by.</summary>
    public bool CountsAsRaised { get; init; }

    public static FundingRoundItem From(DealRow d) =>
        new(d.Slug, d.CompanySlug, d.Date?.ToString(), d.Kind.ToApi(), d.Stage.ToApi(), d.StageText, d.Status.ToApi(),
            ApiMoney.From(d.Amount), ApiMoney.From(d.Valuation), d.ValuationIsRaisingAt,
            d.Participants.Where(p => p.Role is ParticipantRole.Investor or ParticipantRole.Lead && !p.IsPerson).Select(p => p.Slug).ToList(),
            d.Participants.Select(p => new ParticipantItem(p.IsPerson ? null : p.Slug, p.IsPerson ? p.Slug : null, p.Role.ToApi())).ToList(),
            ApiText.Of(d.NoteZh, d.NoteEn), ApiCitation.From(d.Citations)) { CountsAsRaised = LlmWatch.Data.OrganizationFigures.CountsAsRaised(d.Kind, d.Status) };
}

public sealed record ModelItem(string Slug, string Name, string? Company, string? ReleasedOn, ApiQuantity? Parameters, bool? OpenSource, string CommercialUse, string? BaseModel, IReadOnlyList<ApiCitation> Citations)
{
    public IReadOnlyList<ApiBasis> Bases { get; init; } = [];

    /// <summary>Every organisation of the model in order (a joint row has several); <see cref="Company"/> is the first.</summary>
    public IReadOnlyList<string> Companies { get; init; } = [];

    /// <summary>The dataset's confidence in the model's figures (Epoch AI's <c>Confidence</c>: confident, likely, speculative, unknown); absent for an article's model.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Confidence { get; init; }

    /// <summary>How the model can be used, as the dataset gives it (Epoch AI's <c>Model accessibility</c>); absent for an article's model.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Accessibility { get; init; }

    public static ModelItem From(ModelRow m) =>
        new(m.Slug, m.Name, m.OrganizationSlug, m.ReleasedOn?.ToString(), ApiQuantity.From(m.Parameters), m.OpenSource, m.CommercialUse.ToApi(), m.BaseSlug,
            ApiCitation.From(m.Citations))
        {
            Bases = ApiBasis.From(m.Bases),
            Companies = m.Organizations.Count > 0 ? m.Organizations.Select(o => o.Slug).ToList() : m.OrganizationSlug is { } slug ? [slug] : [],
            Confidence = m.Confidence?.ToApi(),
            Accessibility = m.Accessibility?.ToApi(),
        };
}

public sealed record RoleItem(string Company, ApiText Title, string? From, string? To)
{
    public IReadOnlyList<ApiBasis> Bases { get; init; } = [];
}

public sealed record PersonItem(string Slug, string NameZh, string NameEn, bool IsPseudonym, IReadOnlyList<RoleItem> Roles, IReadOnlyList<ApiCitation> Citations)
{
    /// <summary>Other orders and names the person is known by (Si Luo for Luo Si); searched by <c>q</c>.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    public IReadOnlyList<ApiBasis> Bases { get; init; } = [];

    public static PersonItem From(PersonListRow p) =>
        new(p.Slug, p.NameZh, p.NameEn, p.IsPseudonym,
            p.Roles.Select(r => new RoleItem(r.OrganizationSlug, new ApiText(r.TitleZh, r.TitleEn), r.From?.ToString(), r.To?.ToString()) { Bases = ApiBasis.From(r.Bases) }).ToList(),
            ApiCitation.From(p.Citations)) { Aliases = p.Aliases, Bases = ApiBasis.From(p.Bases) };
}

public sealed record EventItem(string Slug, string? Date, string Kind, string TitleZh, string TitleEn, IReadOnlyList<string> Companies, IReadOnlyList<string> People, IReadOnlyList<string> Models, IReadOnlyList<ApiCitation> Citations)
{
    public static EventItem From(TimelineEvent e) =>
        new(e.Slug, e.Date?.ToString(), e.Kind.ToApi(), e.TitleZh, e.TitleEn, Slugs(e, "company"), Slugs(e, "person"), Slugs(e, "model"), ApiCitation.From(e.Citations));

    private static List<string> Slugs(TimelineEvent e, string kind) =>
        e.Links.Where(l => l.Kind == kind).Select(l => l.Slug).Distinct().Order(StringComparer.Ordinal).ToList();
}

public sealed record SourceItem(string Id, string Title, string? TitleEn, string Publisher, string? Outlet, string? Url, DateTimeOffset PublishedAt, string Language)
{
    public static SourceItem From(SourceRow s) => new(s.Id, s.Title, s.TitleEn, s.Publisher, s.Outlet, s.Url, s.PublishedAt, s.Language);
}

public sealed record SourceDetail(string Id, string Title, string? TitleEn, string Publisher, string? Outlet, string? Url, DateTimeOffset PublishedAt, string Language, string? Note, string Text)
{
    public static SourceDetail From(SourceDocument s) => new(s.Id, s.Title, s.TitleEn, s.Publisher, s.Outlet, s.Url, s.PublishedAt, s.Language, s.Note, s.Text);
}

/// <summary>One approved change: what happened to which fact, who proposed and approved it (display names, never e-mails), when (UTC) and why.</summary>
public sealed record ChangeItem(
    long Id, DateTime RecordedAt, string Action, string Kind, string FactKey, string? Organization, string? Source, string ProposedBy,
    string ApprovedBy, string? ProposerReason, string? ReviewerReason, IReadOnlyList<ChangeField> Fields, string FactHref, string? SourceHref)
{
    public static ChangeItem From(ChangeRow c) => new(c.Id, c.RecordedAt, c.Action.ToApi(), c.Kind.ToApi(), c.FactKey, c.OrganizationSlug, c.SourceId,
        c.ProposedBy, c.ApprovedBy, c.ProposerReason, c.ReviewerReason, c.Fields.Select(f => new ChangeField(f.Field, f.Before, f.After)).ToList(),
        c.FactHref, c.SourceHref);
}

public sealed record ChangeField(string Field, string? Before, string? After);
