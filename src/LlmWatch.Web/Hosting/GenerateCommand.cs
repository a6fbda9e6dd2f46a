using System.Globalization;
using System.Text;
using LlmWatch.Data;
using LlmWatch.Data.Synthetic;
using LlmWatch.Data.Values;
using Npgsql;

namespace LlmWatch.Web.Hosting;

/// <summary>
/// <c>generate --organizations N --db FILE [--seed S] [--replace]</c>: a synthetic landscape in a database file of its own;
/// <c>--provider PostgreSQL --connection "Host=…;Database=…"</c> instead of <c>--db</c>: in a PostgreSQL database of its own.
/// Exit codes: 0 written, 64 usage error, 2 refused (the app's own database, an existing one, a bad combination), 1 failed, 130 cancelled.
/// </summary>
public static class GenerateCommand
{
    public const string Usage = "Usage: generate --organizations <1..5000000> (--db <file> | --provider PostgreSQL --connection <connection string>) [--seed <0..2^63>] [--replace]";

    /// <param name="Database">The SQLite file (<see cref="DatabaseEngine.Sqlite"/>) or the PostgreSQL connection string.</param>
    public sealed record Arguments(int Organizations, string Database, ulong Seed, bool Replace, DatabaseEngine Engine = DatabaseEngine.Sqlite);

    public static async Task<int> RunAsync(string[] args, DataOptions data, FxRates rates, ILoggerFactory loggers,
        TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        if (!TryParse(args, out var arguments, out var problem, out var refused))
        {
            error.WriteLine(problem);
            if (refused) return 2;
            error.WriteLine(Usage);
            return 64;
        }
        if (arguments.Engine == DatabaseEngine.PostgreSQL) return await RunPostgreSqlAsync(arguments, data, rates, loggers, output, error, cancellationToken);
        var target = Path.GetFullPath(arguments.Database);
        if (IsSameFile(target, data.DatabaseFile))
        {
            error.WriteLine($"Refused: {target} is the app's configured database. Generated data go into a file of their own; name another --db.");
            return 2;
        }
        if (File.Exists(target) && !arguments.Replace)
        {
            error.WriteLine($"Refused: {target} exists. Pass --replace to overwrite it.");
            return 2;
        }
        try
        {
            var generator = new SyntheticGenerator(rates, loggers.CreateLogger<SyntheticGenerator>());
            var result = await generator.GenerateAsync(target, new SyntheticOptions(arguments.Organizations, arguments.Seed), arguments.Replace, cancellationToken);
            output.WriteLine(Report(arguments, result));
            output.WriteLine($"Serve it with: ConnectionStrings__LlmWatch=\"Data Source={result.File}\" dotnet run --project src/LlmWatch.Web   (or: -- --db {result.File})");
            return 0;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine($"Cancelled; nothing was written to {target}.");
            return 130;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DataUnavailableException)
        {
            error.WriteLine($"The generation failed, and nothing was written to {target}: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> RunPostgreSqlAsync(Arguments arguments, DataOptions data, FxRates rates, ILoggerFactory loggers,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        // Parsed already (TryParse refuses what Npgsql cannot read); messages name the server and database, never a password.
        var target = new NpgsqlConnectionStringBuilder(arguments.Database);
        var where = $"{target.Host}:{target.Port}/{target.Database}";
        if (data.IsPostgreSql && IsSameDatabase(target, data.ConnectionString))
        {
            error.WriteLine($"Refused: {where} is the app's configured database. Generated data go into a database of their own; name another Database in --connection.");
            return 2;
        }
        var partial = SyntheticGenerator.PartialDatabase(target.Database!);
        try
        {
            if (await SyntheticGenerator.PostgreSqlDatabaseExistsAsync(target.ConnectionString, cancellationToken) && !arguments.Replace)
            {
                error.WriteLine($"Refused: the database {where} exists. Pass --replace to overwrite it.");
                return 2;
            }
            var generator = new SyntheticGenerator(rates, loggers.CreateLogger<SyntheticGenerator>());
            var result = await generator.GeneratePostgreSqlAsync(target.ConnectionString, new SyntheticOptions(arguments.Organizations, arguments.Seed),
                arguments.Replace, cancellationToken);
            output.WriteLine(Report(arguments, result));
            output.WriteLine($"Serve it with: Database__Provider=PostgreSQL ConnectionStrings__LlmWatch=\"<the same connection string>\" dotnet run --project src/LlmWatch.Web");
            return 0;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine($"Cancelled; the database {where} was left as it was (the partial {partial} was dropped).");
            return 130;
        }
        catch (Exception e) when (e is IOException or DataUnavailableException or NpgsqlException or TimeoutException)
        {
            error.WriteLine($"The generation failed, and the database {where} was left as it was: {e.Message}");
            return 1;
        }
    }

    private static string Report(Arguments arguments, SyntheticResult result) => string.Create(CultureInfo.InvariantCulture,
        $"Generated {arguments.Organizations} organizations (seed {arguments.Seed}) into {result.File}: {result.Rows} rows, {result.Bytes / 1048576.0:F1} MiB in {result.Elapsed.TotalSeconds:F1} s ({result.Rows / result.Elapsed.TotalSeconds:F0} rows/s).");

    /// <summary>The same server (host and port, as written) and database.</summary>
    private static bool IsSameDatabase(NpgsqlConnectionStringBuilder target, string configured)
    {
        try
        {
            var app = new NpgsqlConnectionStringBuilder(configured);
            return string.Equals(app.Host, target.Host, StringComparison.OrdinalIgnoreCase) && app.Port == target.Port
                && string.Equals(app.Database ?? app.Username, target.Database, StringComparison.Ordinal);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <param name="refused">The arguments parse but do not go together (exit 2 rather than 64).</param>
    public static bool TryParse(string[] args, out Arguments arguments, out string problem, out bool refused)
    {
        arguments = null!;
        refused = false;
        int? organizations = null;
        string? database = null, connection = null;
        DatabaseEngine? engine = null;
        ulong seed = SyntheticGenerator.DefaultSeed;
        var replace = false;
        for (var i = args.Length > 0 && args[0] == "generate" ? 1 : 0; i < args.Length; i++)
        {
            var (name, value) = args[i].Split('=', 2) is [var n, var v] ? (n, (string?)v) : (args[i], null);
            if (name == "--replace" && value is null)
            {
                replace = true;
                continue;
            }
            if (name is not ("--organizations" or "--db" or "--seed" or "--provider" or "--connection"))
            {
                problem = $"Unknown argument '{args[i]}'.";
                return false;
            }
            if (value is null)
            {
                if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    problem = $"{name} needs a value.";
                    return false;
                }
                value = args[++i];
            }
            switch (name)
            {
                case "--organizations":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > SyntheticLandscape.MaxOrganizations)
                    {
                        problem = $"--organizations must be a whole number from 1 to {SyntheticLandscape.MaxOrganizations}, not '{value}'.";
                        return false;
                    }
                    organizations = count;
                    break;
                case "--seed":
                    if (!ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out seed) || seed > long.MaxValue)
                    {
                        problem = $"--seed must be a whole number from 0 to {long.MaxValue}, not '{value}'.";
                        return false;
                    }
                    break;
                case "--provider":
                    engine = DatabaseEngines.Parse(value);
                    if (engine is null || string.IsNullOrWhiteSpace(value))
                    {
                        problem = $"--provider must be {nameof(DatabaseEngine.Sqlite)} or {nameof(DatabaseEngine.PostgreSQL)}, not '{value}'.";
                        return false;
                    }
                    break;
                case "--connection":
                    if (string.IsNullOrWhiteSpace(value))
                    {
                        problem = "--connection needs a PostgreSQL connection string (Host=…;Database=…;Username=…).";
                        return false;
                    }
                    connection = value;
                    break;
                default:
                    if (string.IsNullOrWhiteSpace(value))
                    {
                        problem = "--db needs a file name.";
                        return false;
                    }
                    database = value;
                    break;
            }
        }
        if (organizations is null)
        {
            problem = "--organizations is required.";
            return false;
        }
        if (engine == DatabaseEngine.PostgreSQL)
            return TryPostgreSql(organizations.Value, database, connection, seed, replace, out arguments, out problem, out refused);
        if (connection is not null)
        {
            refused = true;
            problem = "Refused: --connection names a PostgreSQL server; pass --provider PostgreSQL with it, or --db <file> alone for a SQLite file.";
            return false;
        }
        if (database is null)
        {
            problem = "--db is required.";
            return false;
        }
        arguments = new Arguments(organizations.Value, database, seed, replace);
        problem = "";
        return true;
    }

    private static bool TryPostgreSql(int organizations, string? database, string? connection, ulong seed, bool replace,
        out Arguments arguments, out string problem, out bool refused)
    {
        arguments = null!;
        refused = true;
        if (database is not null)
        {
            problem = "Refused: --db names a SQLite file; with --provider PostgreSQL the database is the one --connection names (Host=…;Database=…).";
            return false;
        }
        if (connection is null)
        {
            refused = false;
            problem = "--connection is required with --provider PostgreSQL.";
            return false;
        }
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connection);
        }
        catch (ArgumentException e)
        {
            // Npgsql's message names the offending keyword, never the rest of the string (it may hold a password).
            problem = $"Refused: --connection is not a PostgreSQL connection string: {e.Message}";
            return false;
        }
        if (builder.Database is not { Length: > 0 } name || name == SyntheticGenerator.MaintenanceDatabase)
        {
            problem = $"Refused: --connection must name the database to write (Database=…), and not {SyntheticGenerator.MaintenanceDatabase}, the server's maintenance database.";
            return false;
        }
        if (Encoding.UTF8.GetByteCount(SyntheticGenerator.PartialDatabase(name)) > 63)
        {
            problem = $"Refused: the database name '{name}' is too long: PostgreSQL names are at most 63 bytes, and the generator writes '{SyntheticGenerator.PartialDatabase(name)}' first.";
            return false;
        }
        if (string.IsNullOrEmpty(builder.Host))
        {
            problem = "Refused: --connection must name the server (Host=…).";
            return false;
        }
        arguments = new Arguments(organizations, connection, seed, replace, DatabaseEngine.PostgreSQL);
        problem = "";
        refused = false;
        return true;
    }

    private static bool IsSameFile(string target, string databaseFile) =>
        !string.IsNullOrEmpty(databaseFile) && databaseFile != ":memory:" && string.Equals(target, Path.GetFullPath(databaseFile),
            OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
