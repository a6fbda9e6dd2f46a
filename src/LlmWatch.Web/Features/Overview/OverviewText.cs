namespace LlmWatch.Web.Features.Overview;

/// <summary>The resource type of the overview's own strings (Resources/Features/Overview/OverviewText*.resx).</summary>
public sealed class OverviewText;
