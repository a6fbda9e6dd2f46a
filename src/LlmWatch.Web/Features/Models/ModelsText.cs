namespace LlmWatch.Web.Features.Models;

/// <summary>The model registry's strings (Resources/Features/Models/ModelsText*.resx).</summary>
public sealed class ModelsText;
