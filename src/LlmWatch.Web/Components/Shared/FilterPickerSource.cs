namespace LlmWatch.Web.Components.Shared;

/// <summary>Which list a <see cref="FilterPicker"/> searches: a plain value, so it crosses from the static page to the circuit.</summary>
public enum FilterPickerSource
{
    ModelOrganizations,
    PeopleOrganizations,
    TimelineCompanies,
    TimelinePeople,
    FundingCompanies,
    FundingInvestors,
}

/// <summary>One picker of a <see cref="FilterPicker"/> island: the query-string name the page parses ("org", "company", "person",
/// "investor"), the list it searches, its label, the current choice and its test id.</summary>
public sealed record PickerField(string Name, FilterPickerSource Source, string Label, FilterOption? Selected, string TestId);
