using System.Globalization;
using LlmWatch.Data;
using LlmWatch.Data.Synthetic;
using LlmWatch.Data.Values;

namespace LlmWatch.Web.Hosting;

/// <summary>
/// <c>generate --organizations N --db FILE [--seed S] [--replace]</c>: a synthetic landscape in a database file of its own.
/// Exit codes: 0 written, 64 usage error, 2 refused (the app's own database, an existing file), 1 failed, 130 cancelled.
/// </summary>
public static class GenerateCommand
{
    public const string Usage = "Usage: generate --organizations <1..5000000> --db <file> [--seed <0..2^63>] [--replace]";

    public sealed record Arguments(int Organizations, string Database, ulong Seed, bool Replace);

    public static async Task<int> RunAsync(string[] args, DataOptions data, FxRates rates, ILoggerFactory loggers,
        TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        if (!TryParse(args, out var arguments, out var problem))
        {
            error.WriteLine(problem);
            error.WriteLine(Usage);
            return 64;
        }
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
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Generated {arguments.Organizations} organizations (seed {arguments.Seed}) into {result.File}: {result.Rows} rows, {result.Bytes / 1048576.0:F1} MiB in {result.Elapsed.TotalSeconds:F1} s."));
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

    public static bool TryParse(string[] args, out Arguments arguments, out string problem)
    {
        arguments = null!;
        int? organizations = null;
        string? database = null;
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
            if (name is not ("--organizations" or "--db" or "--seed"))
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
        if (organizations is null || database is null)
        {
            problem = organizations is null ? "--organizations is required." : "--db is required.";
            return false;
        }
        arguments = new Arguments(organizations.Value, database, seed, replace);
        problem = "";
        return true;
    }

    private static bool IsSameFile(string target, string databaseFile) =>
        !string.IsNullOrEmpty(databaseFile) && databaseFile != ":memory:" && string.Equals(target, Path.GetFullPath(databaseFile),
            OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
