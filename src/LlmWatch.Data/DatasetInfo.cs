namespace LlmWatch.Data;

/// <summary>What the app learned about its database when it started, so that pages need not ask on every request.</summary>
public sealed class DatasetInfo
{
    /// <summary>The database holds generated data (it has the synthetic source), not the curated seed.</summary>
    public bool IsSynthetic { get; set; }
}
