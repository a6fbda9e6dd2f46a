using LlmWatch.Data.Seed;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LlmWatch.Data;

/// <summary>
/// The data settings: <c>Data:Directory</c>, <c>Data:WatchdogSeconds</c>, <c>Database:Provider</c> and
/// <c>ConnectionStrings:LlmWatch</c>, bound and checked when the host starts (<see cref="DataServices.AddLlmWatchData"/>).
/// </summary>
public sealed class DataOptions
{
    public const string Section = "Data";

    /// <summary>The configuration key naming the database engine.</summary>
    public const string ProviderKey = "Database:Provider";

    /// <summary><c>Database:Provider</c> as configured: <c>Sqlite</c> (the default) or <c>PostgreSQL</c>.</summary>
    public string Provider { get; set; } = nameof(DatabaseEngine.Sqlite);

    /// <summary>The engine <see cref="Provider"/> names, or null when it names none (the app then serves the unavailable notice).</summary>
    public DatabaseEngine? Engine => DatabaseEngines.Parse(Provider);

    public bool IsPostgreSql => Engine == DatabaseEngine.PostgreSQL;

    /// <summary>Why no database can be used whatever the server does, or null: an unknown provider.</summary>
    public string? ProviderProblem => Engine is null
        ? $"{ProviderKey} is '{Provider}': it must be {nameof(DatabaseEngine.Sqlite)} or {nameof(DatabaseEngine.PostgreSQL)}"
        : null;

    /// <summary>The folder holding seed/, sources/ and fx/.</summary>
    public string Directory { get; set; } = "";

    public string ConnectionString { get; set; } = "";

    /// <summary>How often the watchdog looks for a deleted database file.</summary>
    public int WatchdogSeconds { get; set; } = 10;

    public TimeSpan WatchdogInterval => TimeSpan.FromSeconds(WatchdogSeconds);

    /// <summary>The database file the connection string names, for messages and health checks; empty unless the provider is SQLite.</summary>
    public string DatabaseFile => Engine == DatabaseEngine.Sqlite ? new SqliteConnectionStringBuilder(ConnectionString).DataSource : "";

    /// <summary>Where the data live, for log lines: the file, or the server and database (never a password).</summary>
    public string DatabaseDescription => Engine switch
    {
        DatabaseEngine.Sqlite => Path.GetFullPath(DatabaseFile),
        DatabaseEngine.PostgreSQL => DescribeServer(ConnectionString),
        _ => $"no database ({ProviderProblem})",
    };

    private static string DescribeServer(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
        }
        catch (ArgumentException)
        {
            return "PostgreSQL (unparsable connection string)";
        }
    }
}

/// <summary>The database engines the app runs on; Data hides their differences behind its methods.</summary>
public enum DatabaseEngine
{
    Sqlite,
    PostgreSQL,
}

public static class DatabaseEngines
{
    /// <summary>The engine a <c>Database:Provider</c> value names (any case; empty means the default, SQLite), or null.</summary>
    public static DatabaseEngine? Parse(string? provider) => provider?.Trim() switch
    {
        null or "" => DatabaseEngine.Sqlite,
        var p when p.Equals("Sqlite", StringComparison.OrdinalIgnoreCase) => DatabaseEngine.Sqlite,
        var p when p.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase) || p.Equals("Postgres", StringComparison.OrdinalIgnoreCase) => DatabaseEngine.PostgreSQL,
        _ => null,
    };

    /// <summary>Whether a connection (an open context's, say) is PostgreSQL's.</summary>
    public static bool IsPostgreSql(System.Data.Common.DbConnection connection) => connection is NpgsqlConnection;
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
            .Configure<IConfiguration>((o, configuration) =>
            {
                o.ConnectionString = configuration.GetConnectionString("LlmWatch") ?? "";
                o.Provider = configuration[DataOptions.ProviderKey] ?? nameof(DatabaseEngine.Sqlite);
            })
            .PostConfigure(o => Resolve(o, contentRoot))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DataOptions>>(new DataOptionsValidator(contentRoot));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DataOptions>>().Value);
        services.AddDbContextFactory<LlmWatchDbContext>((sp, o) => o.UseLlmWatchDatabase(sp.GetRequiredService<DataOptions>()));
        services.AddSingleton<SeedImporter>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<DatasetInfo>();
        services.AddSingleton<DatabaseBackup>();
        services.AddSingleton<DataChanges>();
        services.AddSingleton<DatasetCredits>();
        services.AddSingleton<DatabaseLock>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<Curation.CurationService>();
        services.AddSingleton<Curation.SourceIntake>();
        services.AddHostedService<DatabaseWatchdog>();
        services.AddHostedService<DataChangeListener>();
        return services;
    }

    /// <summary>The app's database: SQLite, no tracking, and every provider failure reported as <see cref="DataUnavailableException"/>.</summary>
    public static DbContextOptionsBuilder UseLlmWatchDatabase(this DbContextOptionsBuilder options, string connectionString) => options
        .UseSqlite(connectionString)
        .AddInterceptors(new CancellationInterrupt(), new DataUnavailableInterceptor())
        .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);

    /// <summary>
    /// The app's database on the configured engine. An unknown <c>Database:Provider</c> gives a context whose every
    /// connection fails with <see cref="DataUnavailableException"/> naming the setting, so the app serves the unavailable notice.
    /// </summary>
    public static DbContextOptionsBuilder UseLlmWatchDatabase(this DbContextOptionsBuilder options, DataOptions data) => data.Engine switch
    {
        DatabaseEngine.Sqlite => options.UseLlmWatchDatabase(data.ConnectionString),
        DatabaseEngine.PostgreSQL => options.UseLlmWatchPostgreSql(data.ConnectionString)
            .AddInterceptors(new DataUnavailableInterceptor(), new GuardedReaderInterceptor())
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking),
        _ => options.UseSqlite("Data Source=:memory:")
            .AddInterceptors(new NoProviderInterceptor(data.ProviderProblem!))
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking),
    };

    /// <summary>PostgreSQL the way the app needs it to answer exactly as SQLite does (see <see cref="PostgreSql"/>).</summary>
    public static DbContextOptionsBuilder UseLlmWatchPostgreSql(this DbContextOptionsBuilder options, string connectionString) =>
        PostgreSql.Configure(options, connectionString);

    private static void Resolve(DataOptions options, string contentRoot)
    {
        if (options.Directory is { Length: > 0 }) options.Directory = Path.GetFullPath(options.Directory, contentRoot);
        else if (TryFindDataDirectory(contentRoot) is { } found) options.Directory = found;
        if (options.ConnectionString is not { Length: > 0 } && options.Directory is { Length: > 0 } && options.Engine == DatabaseEngine.Sqlite)
            options.ConnectionString = $"Data Source={Path.Combine(options.Directory, "llmwatch.db")}";
        // An unparsable connection string is left as it is, for the validator to name.
        try { options.ConnectionString = WithDefaults(options); } catch (ArgumentException) { }
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

    private static string WithDefaults(DataOptions options)
    {
        if (options.Engine == DatabaseEngine.PostgreSQL)
        {
            var npgsql = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            // An unreachable server fails a request in seconds, not after the default 15.
            if (npgsql.Timeout == 15) npgsql.Timeout = 5;
            return npgsql.ToString();
        }
        if (options.Engine != DatabaseEngine.Sqlite) return options.ConnectionString;
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
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
        // An unknown provider is not refused here: the app starts, logs it once and serves the unavailable notice.
        if (options.Engine == DatabaseEngine.PostgreSQL)
        {
            if (options.ConnectionString is not { Length: > 0 })
                problems.Add($"ConnectionStrings:LlmWatch is not set: {DataOptions.ProviderKey} PostgreSQL needs a server's connection string (Host=…;Database=…;Username=…)");
            else
                try
                {
                    _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
                }
                catch (ArgumentException e)
                {
                    // The message names the offending keyword, never the rest of the string (it may hold a password).
                    problems.Add($"ConnectionStrings:LlmWatch is not a PostgreSQL connection string: {e.Message}");
                }
        }
        else if (options.Engine == DatabaseEngine.Sqlite)
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
