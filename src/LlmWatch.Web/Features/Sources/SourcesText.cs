namespace LlmWatch.Web.Features.Sources;

/// <summary>The source reader's strings (Resources/Features/Sources/SourcesText*.resx).</summary>
public sealed class SourcesText;
