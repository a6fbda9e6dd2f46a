namespace LlmWatch.Tests.Infrastructure;

/// <summary>
/// Per-client page and hub limits (README, "Doors") out of the way, for test hosts whose one client is the test itself; the
/// tests of those limits set their own.
/// </summary>
public static class UnlimitedClients
{
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["RateLimiting:Pages:BurstLimit"] = "1000000",
        ["RateLimiting:Pages:PerSecond"] = "1000000",
        ["RateLimiting:Pages:CostlyConcurrency"] = "1000",
        ["Circuits:Hub:MaxPerClient"] = "10000",
        ["Circuits:Hub:MaxTotal"] = "10000",
        // Tests run the build output, not a publish, in Production; they know it (README, "Doors": only a publish is served as in production).
        ["StaticAssets:ServeBuildOutput"] = "true",
    };
}
