namespace LlmWatch.Web.Components.Shared;

/// <summary>Which list a <see cref="FilterPicker"/> island searches: a plain value, so it crosses from the static page to the circuit.</summary>
public enum FilterPickerSource
{
    ModelOrganizations,
    PeopleOrganizations,
    TimelineCompanies,
    TimelinePeople,
    FundingCompanies,
    FundingInvestors,
}
