namespace LlmWatch.Web.Components.Shared;

/// <summary>Strings shared by the filterable money-and-time pages (Resources/Components/Shared/FilterText*.resx).</summary>
public sealed class FilterText;
