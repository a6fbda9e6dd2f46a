using LlmWatch.Data.Seed;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LlmWatch.Data;

/// <summary>
/// The data settings: <c>Data:Directory</c>, <c>Data:WatchdogSeconds</c> and <c>ConnectionStrings:LlmWatch</c>, bound and
/// checked when the host starts (<see cref="DataServices.AddLlmWatchData"/>).
/// </summary>
public sealed class DataOptions
{
    public const string Section = "Data";

    /// <summary>The folder holding seed/, sources/ and fx/.</summary>
    public string Directory { get; set; } = "";

    public string ConnectionString { get; set; } = "";

    /// <summary>How often the watchdog looks for a deleted database file.</summary>
    public int WatchdogSeconds { get; set; } = 10;

    public TimeSpan WatchdogInterval => TimeSpan.FromSeconds(WatchdogSeconds);

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
        // Bound at resolution, not registration, so that hosts and tests can still change the configuration.
        services.AddOptions<DataOptions>()
            .BindConfiguration(DataOptions.Section)
            .Configure<IConfiguration>((o, configuration) => o.ConnectionString = configuration.GetConnectionString("LlmWatch") ?? "")
            .PostConfigure(o => Resolve(o, contentRoot))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DataOptions>>(new DataOptionsValidator(contentRoot));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DataOptions>>().Value);
        services.AddDbContextFactory<LlmWatchDbContext>((sp, o) => o.UseLlmWatchDatabase(sp.GetRequiredService<DataOptions>().ConnectionString));
        services.AddSingleton<SeedImporter>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<DatasetInfo>();
        services.AddSingleton<DatabaseBackup>();
        services.AddSingleton<DataChanges>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<Curation.CurationService>();
        services.AddSingleton<Curation.SourceIntake>();
        services.AddHostedService<DatabaseWatchdog>();
        return services;
    }

    /// <summary>The app's database: SQLite, no tracking, and every provider failure reported as <see cref="DataUnavailableException"/>.</summary>
    public static DbContextOptionsBuilder UseLlmWatchDatabase(this DbContextOptionsBuilder options, string connectionString) => options
        .UseSqlite(connectionString)
        .AddInterceptors(new CancellationInterrupt(), new DataUnavailableInterceptor())
        .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);

    private static void Resolve(DataOptions options, string contentRoot)
    {
        if (options.Directory is { Length: > 0 }) options.Directory = Path.GetFullPath(options.Directory, contentRoot);
        else if (TryFindDataDirectory(contentRoot) is { } found) options.Directory = found;
        if (options.ConnectionString is not { Length: > 0 } && options.Directory is { Length: > 0 })
            options.ConnectionString = $"Data Source={Path.Combine(options.Directory, "llmwatch.db")}";
        // An unparsable connection string is left as it is, for the validator to name.
        try { options.ConnectionString = WithDefaults(options.ConnectionString); } catch (ArgumentException) { }
    }

    public static string FindDataDirectory(string start) => TryFindDataDirectory(start)
        ?? throw new DirectoryNotFoundException($"No data/seed folder was found at or above {start}. Set Data:Directory.");

    private static string? TryFindDataDirectory(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data");
            if (System.IO.Directory.Exists(Path.Combine(candidate, "seed"))) return candidate;
        }
        return null;
    }

    private static string WithDefaults(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        // Wait for a writer rather than fail at once when another process holds the lock.
        if (builder.DefaultTimeout == 30) builder.DefaultTimeout = 10;
        return builder.ToString();
    }
}

/// <summary>Names the key of every bad data setting, so that the app refuses to start rather than fail at first use.</summary>
internal sealed class DataOptionsValidator(string contentRoot) : IValidateOptions<DataOptions>
{
    public ValidateOptionsResult Validate(string? name, DataOptions options)
    {
        var problems = new List<string>();
        if (options.Directory is not { Length: > 0 })
            problems.Add($"Data:Directory is not set and no data/ folder holding seed/ was found at or above {contentRoot}");
        else if (!Directory.Exists(options.Directory))
            problems.Add($"Data:Directory is '{options.Directory}': no such folder");
        if (options.WatchdogSeconds < 1)
            problems.Add($"Data:WatchdogSeconds is {options.WatchdogSeconds}: it must be 1 or more");
        try
        {
            _ = new SqliteConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException e)
        {
            // The message names the offending keyword, never the rest of the string (it may hold a password one day).
            problems.Add($"ConnectionStrings:LlmWatch is not a SQLite connection string: {e.Message}");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
