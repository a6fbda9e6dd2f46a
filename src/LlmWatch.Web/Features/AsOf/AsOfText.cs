namespace LlmWatch.Web.Features.AsOf;

/// <summary>The as-of views' strings (Resources/Features/AsOf/AsOfText*.resx).</summary>
public sealed class AsOfText;
