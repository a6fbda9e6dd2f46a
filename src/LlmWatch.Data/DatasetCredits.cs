using LlmWatch.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Data;

/// <summary>
/// The credit lines the datasets' licences ask for (Epoch AI's CC BY 4.0), read from the sources and kept until the data change
/// (<see cref="DataChanges.Version"/>): what the API's answers and the export carry as their metadata.
/// </summary>
public sealed class DatasetCredits(IDbContextFactory<LlmWatchDbContext> dbFactory, DataChanges changes)
{
    /// <summary>The response header every /api answer (the export included) names the credits in, one value per dataset.</summary>
    public const string Header = "X-Data-Credit";

    private volatile Cached? _cached;

    private sealed record Cached(long Version, IReadOnlyList<string> Credits);

    public async Task<IReadOnlyList<string>> GetAsync(CancellationToken ct = default)
    {
        var version = changes.Version;
        if (_cached is { } cached && cached.Version == version) return cached.Credits;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var credits = await SeedExporter.CreditsAsync(db, ct);
        _cached = new Cached(version, credits);
        return credits;
    }
}
