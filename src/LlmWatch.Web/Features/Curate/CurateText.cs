namespace LlmWatch.Web.Features.Curate;

/// <summary>The curation pages' strings (Resources/Features/Curate/CurateText*.resx).</summary>
public sealed class CurateText;
