namespace LlmWatch.Web.Features.Camps;

/// <summary>The resource type of the camp map's strings (Resources/Features/Camps/CampsText*.resx).</summary>
public sealed class CampsText;
