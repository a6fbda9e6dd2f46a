namespace LlmWatch.Web.Features.Compare;

/// <summary>The comparison's strings (Resources/Features/Compare/CompareText*.resx).</summary>
public sealed class CompareText;
