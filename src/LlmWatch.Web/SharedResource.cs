namespace LlmWatch.Web;

/// <summary>The marker type for the UI's strings in Resources/SharedResource(.zh-CN).resx.</summary>
public sealed class SharedResource;
