using LlmWatch.Data;
using LlmWatch.Data.Synthetic;
using LlmWatch.Data.Values;
using LlmWatch.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Tests.Synthetic;

/// <summary>A generated landscape of a thousand organizations in a temporary file, shared by a test class.</summary>
public sealed class SyntheticDatabase : IAsyncLifetime
{
    public const int Organizations = 1000;
    public const ulong Seed = 7;

    public string File { get; } = NewFile();

    public static FxRates Rates { get; } = FxRates.Load(RepositoryData.Directory);

    public static string NewFile() => Path.Combine(Path.GetTempPath(), $"llmwatch-synthetic-{Guid.NewGuid():N}.db");

    public async Task InitializeAsync() =>
        await new SyntheticGenerator(Rates).GenerateAsync(File, new SyntheticOptions(Organizations, Seed), replace: false);

    public LlmWatchDbContext CreateContext() => new(new DbContextOptionsBuilder<LlmWatchDbContext>()
        .UseSqlite($"Data Source={File};Mode=ReadOnly;Pooling=False")
        .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
        .Options);

    public Task DisposeAsync()
    {
        Delete(File);
        return Task.CompletedTask;
    }

    public static void Delete(string file)
    {
        SqliteConnection.ClearAllPools();
        SyntheticGenerator.DeleteDatabase(file);
        SyntheticGenerator.DeleteDatabase(file + ".partial");
    }
}
