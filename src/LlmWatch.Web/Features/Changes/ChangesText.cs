namespace LlmWatch.Web.Features.Changes;

/// <summary>The audit trail's strings (Resources/Features/Changes/ChangesText*.resx).</summary>
public sealed class ChangesText;
