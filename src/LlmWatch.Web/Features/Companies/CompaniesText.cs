namespace LlmWatch.Web.Features.Companies;

/// <summary>The resource type of the directory's and profiles' strings (Resources/Features/Companies/CompaniesText*.resx).</summary>
public sealed class CompaniesText;
