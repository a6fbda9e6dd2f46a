namespace LlmWatch.Web.Features.Timeline;

/// <summary>The timeline's strings (Resources/Features/Timeline/TimelineText*.resx).</summary>
public sealed class TimelineText;
