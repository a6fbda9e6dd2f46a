using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;
using LlmWatch.Web.Components.Shared;

namespace LlmWatch.Web.Features.Api;

// The JSON API's shapes (camelCase on the wire). Enum values are the API spellings ("built-on-others");
// dates are ISO partial dates ("2023", "2023-04", "2023-07-11"); amounts are whole units.

public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

public sealed record ApiCitation(string SourceId, string Quote)
{
    public static List<ApiCitation> From(IEnumerable<CitationView> citations) => citations.Select(c => new ApiCitation(c.SourceId, c.Quote)).ToList();
}

public sealed record ApiText(string Zh, string En);

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

public sealed record CompanyItem(string Slug, string NameZh, string NameEn, string Kind, string Camp, string? FoundedOn, string Status, string? AcquiredBy, string? City, string? Country);

public sealed record CompanyDetail(
    string Slug, string NameZh, string NameEn, string Kind, string Camp, string? FoundedOn, string Status, string? AcquiredBy, string? City, string? Country,
    IReadOnlyList<string> Aliases, ApiText? Summary, IReadOnlyList<ApiText> Notes,
    IReadOnlyList<CompanyPerson> People, IReadOnlyList<ModelItem> Models, IReadOnlyList<FundingRoundItem> FundingRounds,
    IReadOnlyList<EventItem> Events, IReadOnlyList<CampHistoryItem> CampHistory, IReadOnlyList<ApiCitation> Citations)
{
    public IReadOnlyList<ApiBasis> Bases { get; init; } = [];
}

public sealed record CompanyPerson(string Slug, string NameZh, string NameEn, ApiText Title, string? From, string? To);

/// <summary>A camp assignment: <c>from</c> when the source dates its start, else null; <c>asOf</c> the date of the source that reports it.</summary>
public sealed record CampHistoryItem(string Camp, string? From, string? AsOf, string Basis, ApiText? Reason, IReadOnlyList<ApiCitation> Citations);

public sealed record ParticipantItem(string? Organization, string? Person, string Role);

public sealed record FundingRoundItem(
    string Id, string Company, string? Date, string Kind, string Stage, string? StageText, string Status,
    ApiMoney? Amount, ApiMoney? Valuation, bool ValuationIsRaisingAt, IReadOnlyList<string> Investors, IReadOnlyList<ParticipantItem> Participants,
    ApiText? Note, IReadOnlyList<ApiCitation> Citations);

public sealed record ModelItem(string Slug, string Name, string? Company, string? ReleasedOn, ApiQuantity? Parameters, bool? OpenSource, string CommercialUse, string? BaseModel, IReadOnlyList<ApiCitation> Citations)
{
    public IReadOnlyList<ApiBasis> Bases { get; init; } = [];
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
}

public sealed record EventItem(string Slug, string? Date, string Kind, string TitleZh, string TitleEn, IReadOnlyList<string> Companies, IReadOnlyList<string> People, IReadOnlyList<string> Models, IReadOnlyList<ApiCitation> Citations);

public sealed record SourceItem(string Id, string Title, string? TitleEn, string Publisher, string? Outlet, string? Url, DateTimeOffset PublishedAt, string Language);

public sealed record SourceDetail(string Id, string Title, string? TitleEn, string Publisher, string? Outlet, string? Url, DateTimeOffset PublishedAt, string Language, string? Note, string Text);
