using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmWatch.Data.Curation;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Seed;

namespace LlmWatch.Web.Features.Curate;

public enum EntryFieldType { Text, Choice, Reference, References, Date, Flag, OptionalFlag, Money, Quantity, List, Participants }

/// <summary>One field of a proposal's form: its seed name (the JSON path after "$."), how it is edited, and its closed set or the kind of fact it names.</summary>
public sealed record EntryField(string Name, EntryFieldType Type, bool Required, IReadOnlyList<string> Choices, string? RefersTo = null);

/// <summary>
/// The form of each kind of fact, read off its seed record — so the form asks for exactly what the importer's file holds,
/// and the validator's messages ("$.amount.max") land on the field they name.
/// </summary>
public static class EntryFields
{
    private static readonly HashSet<string> Dates = ["foundedOn", "from", "to", "asOf", "date", "releasedOn"];
    private static readonly HashSet<string> Skipped = ["notes", "bases", "citations", "dataset"]; // dataset: set by the import for facts a dataset's rows make, never by an editor

    public static readonly IReadOnlyList<SubjectType> Kinds = Enum.GetValues<SubjectType>();

    public static IReadOnlyList<EntryField> For(SubjectType kind) =>
        FactDocuments.SeedTypeOf(kind).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && !Skipped.Contains(Name(p)))
            .OrderBy(p => p.Name == "Slug" ? 0 : 1)
            .Select(p => Describe(kind, p)).ToList();

    private static string Name(PropertyInfo p) => JsonNamingPolicy.CamelCase.ConvertName(p.Name);

    private static EntryField Describe(SubjectType kind, PropertyInfo property)
    {
        var name = Name(property);
        var required = property.GetCustomAttribute<RequiredMemberAttribute>() is not null;
        var type = property.PropertyType;
        if (type == typeof(bool)) return new(name, EntryFieldType.Flag, false, []);
        if (type == typeof(bool?)) return new(name, EntryFieldType.OptionalFlag, false, []);
        if (type == typeof(SeedMoney)) return new(name, EntryFieldType.Money, required, Data.Values.Money.Currencies.Order().ToList());
        if (type == typeof(SeedQuantity)) return new(name, EntryFieldType.Quantity, required, []);
        if (type == typeof(List<SeedParticipant>)) return new(name, EntryFieldType.Participants, false, ApiNames.AllApi<ParticipantRole>());
        if (type == typeof(List<string>))
            return ReferenceKind(name) is { } many ? new(name, EntryFieldType.References, false, [], many) : new(name, EntryFieldType.List, false, []);
        if (Choices(kind, name) is { } choices) return new(name, EntryFieldType.Choice, required, choices);
        if (name != "slug" && ReferenceKind(name) is { } one) return new(name, EntryFieldType.Reference, required, [], one);
        if (Dates.Contains(name)) return new(name, EntryFieldType.Date, required, []);
        return new(name, EntryFieldType.Text, required, []);
    }

    private static string? ReferenceKind(string name) => name switch
    {
        "organization" or "acquiredBy" or "organizations" => "organization",
        "person" or "people" => "person",
        "baseModel" or "models" => "model",
        "deals" => "deal",
        _ => null,
    };

    private static IReadOnlyList<string>? Choices(SubjectType kind, string name) => (kind, name) switch
    {
        (SubjectType.Organization, "kind") => ApiNames.AllApi<OrganizationKind>(),
        (SubjectType.Organization, "status") => ApiNames.AllApi<OrganizationStatus>(),
        (SubjectType.Deal, "kind") => ApiNames.AllApi<DealKind>(),
        (SubjectType.Deal, "stage") => ApiNames.AllApi<DealStage>(),
        (SubjectType.Deal, "status") => ApiNames.AllApi<DealStatus>(),
        (SubjectType.Event, "kind") => ApiNames.AllApi<EventKind>(),
        (_, "camp") => ApiNames.AllApi<Camp>(),
        (SubjectType.CampAssignment, "basis") => ApiNames.AllApi<CampBasis>(),
        (_, "stance") => ApiNames.AllApi<Stance>(),
        (_, "unit") => ApiNames.AllApi<StatisticUnit>(),
        (_, "commercialUse") => ApiNames.AllApi<CommercialUse>(),
        _ => null,
    };

    /// <summary>A blank entry of this kind: every required text present but empty, so the validator names each missing one.</summary>
    public static JsonObject Blank(SubjectType kind)
    {
        var entry = new JsonObject { ["citations"] = new JsonArray() };
        foreach (var field in For(kind))
        {
            if (field.Type == EntryFieldType.Quantity && field.Required) entry[field.Name] = new JsonObject { ["min"] = 0L, ["max"] = null, ["text"] = "" };
            else if (field.Required && field.Type is EntryFieldType.Text or EntryFieldType.Choice or EntryFieldType.Reference or EntryFieldType.Date) entry[field.Name] = "";
        }
        return entry;
    }

    /// <summary>The entry a recorded fact is, as a form to change.</summary>
    public static JsonObject From(SeedFact fact) => JsonSerializer.SerializeToNode(fact, fact.GetType(), FactDocuments.Json)!.AsObject();
}
