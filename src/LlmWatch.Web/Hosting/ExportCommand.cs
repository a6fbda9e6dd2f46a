using System.CommandLine;
using System.CommandLine.Help;
using LlmWatch.Data;
using LlmWatch.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Web.Hosting;

/// <summary>
/// <c>export &lt;dir&gt;</c>: writes the database as data/ is kept — <c>sources/</c> and <c>seed/</c>, byte for byte the
/// format of the files, and data/fx as it is — so that what was curated in the editor area can be committed beside the rest. The folder must not
/// exist or be empty; everything is written beside it first and moved into place at the end. Exit codes: 0 written,
/// 2 refused (a bad folder), 64 usage, 1 failed.
/// </summary>
public sealed class ExportCommand(IServiceProvider services, TextWriter output, TextWriter error)
{
    public const int Refused = 2;
    public const int Usage = 64;

    public static Task<int> RunAsync(WebApplication app, string[] args, CancellationToken ct = default) =>
        new ExportCommand(app.Services, Console.Out, Console.Error).RunAsync(args, ct);

    public async Task<int> RunAsync(string[] args, CancellationToken ct = default)
    {
        var directory = new Argument<string>("dir") { Description = "The folder to write sources/ and seed/ into; it must not exist, or be empty." };
        var export = new Command("export", "Write the database's facts and sources in the format of data/.") { directory };
        export.SetAction((parsed, token) => ExportAsync(parsed.GetValue(directory)!, token));
        var root = new RootCommand("LlmWatch") { export };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not HelpAction)
        {
            foreach (var problem in parsed.Errors) await error.WriteLineAsync(problem.Message);
            await error.WriteLineAsync("Usage: export <dir>   (writes sources/ and seed/ as data/ keeps them into a new or empty folder)");
            return Usage;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, ct);
    }

    private async Task<int> ExportAsync(string directory, CancellationToken ct)
    {
        if (Problem(directory) is { } problem)
        {
            await error.WriteLineAsync($"Nothing was exported: {problem}");
            return Refused;
        }
        try
        {
            // As the app starts: migrated, and seeded from data/ when it holds nothing yet.
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
            await using var db = await services.GetRequiredService<IDbContextFactory<LlmWatchDbContext>>().CreateDbContextAsync(ct);
            var files = await SeedExporter.WriteDirectoryAsync(db, services.GetRequiredService<DataOptions>().Directory, directory, ct);
            await output.WriteLineAsync($"Exported {files} files into {Path.GetFullPath(directory)}.");
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Nothing was exported: {Path.GetFullPath(directory)} could not be written ({e.Message}).");
            return Refused;
        }
        catch (DataUnavailableException e)
        {
            await error.WriteLineAsync($"The database could not be read: {e.Message}");
            return 1;
        }
    }

    /// <summary>Why the folder cannot take an export, or null: it is a file, holds something already, or its parent is missing or unwritable.</summary>
    public static string? Problem(string directory)
    {
        string target;
        try
        {
            target = Path.GetFullPath(directory);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"'{directory}' is not a folder path ({e.Message}).";
        }
        if (File.Exists(target)) return $"{target} is a file; give a folder that does not exist yet or is empty.";
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
            return $"{target} is not empty; give a folder that does not exist yet or is empty, so that nothing is overwritten.";
        var parent = Path.GetDirectoryName(target);
        if (parent is null || !Directory.Exists(parent)) return $"the folder {parent ?? target} that would hold it does not exist.";
        var probe = Path.Combine(parent, $".llmwatch-export-probe-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{parent} cannot be written ({e.Message}).";
        }
        return null;
    }
}
