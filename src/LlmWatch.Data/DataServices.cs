using LlmWatch.Data.Seed;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LlmWatch.Data;

public sealed class DataOptions
{
    /// <summary>The folder holding seed/, sources/ and fx/.</summary>
    public required string Directory { get; init; }

    public required string ConnectionString { get; init; }

    /// <summary>The database file the connection string names, for messages and health checks.</summary>
    public string DatabaseFile => new SqliteConnectionStringBuilder(ConnectionString).DataSource;
}

public static class DataServices
{
    /// <summary>
    /// Registers the DbContext factory, the importer and <see cref="DataOptions"/>. The data folder is
    /// <c>Data:Directory</c>, else the nearest <c>data/</c> holding <c>seed/</c> above <paramref name="contentRoot"/>;
    /// the database is <c>ConnectionStrings:LlmWatch</c>, else <c>data/llmwatch.db</c> in it.
    /// </summary>
    public static IServiceCollection AddLlmWatchData(this IServiceCollection services, string contentRoot)
    {
        // Read at resolution, not registration, so that hosts and tests can still change the configuration.
        services.AddSingleton(sp => CreateOptions(sp.GetRequiredService<IConfiguration>(), contentRoot));
        services.AddDbContextFactory<LlmWatchDbContext>((sp, o) => o.UseLlmWatchDatabase(sp.GetRequiredService<DataOptions>().ConnectionString));
        services.AddSingleton<SeedImporter>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<DatasetInfo>();
        services.AddSingleton<DatabaseBackup>();
        services.AddSingleton<DataChanges>();
        services.AddHostedService<DatabaseWatchdog>();
        return services;
    }

    /// <summary>The app's database: SQLite, no tracking, and every provider failure reported as <see cref="DataUnavailableException"/>.</summary>
    public static DbContextOptionsBuilder UseLlmWatchDatabase(this DbContextOptionsBuilder options, string connectionString) => options
        .UseSqlite(connectionString)
        .AddInterceptors(new DataUnavailableInterceptor())
        .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);

    public static DataOptions CreateOptions(IConfiguration configuration, string contentRoot)
    {
        var directory = configuration["Data:Directory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, contentRoot)
            : FindDataDirectory(contentRoot);
        var connectionString = configuration.GetConnectionString("LlmWatch") is { Length: > 0 } cs
            ? cs
            : $"Data Source={Path.Combine(directory, "llmwatch.db")}";
        return new DataOptions { Directory = directory, ConnectionString = WithDefaults(connectionString) };
    }

    public static string FindDataDirectory(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data");
            if (System.IO.Directory.Exists(Path.Combine(candidate, "seed"))) return candidate;
        }
        throw new DirectoryNotFoundException($"No data/seed folder was found at or above {start}. Set Data:Directory.");
    }

    private static string WithDefaults(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        // Wait for a writer rather than fail at once when another process holds the lock.
        if (builder.DefaultTimeout == 30) builder.DefaultTimeout = 10;
        return builder.ToString();
    }
}
