using LlmWatch.Data;
using LlmWatch.Data.Seed;

namespace LlmWatch.Web.Hosting;

/// <summary>
/// The host's commands besides serving: <c>import [--prefer-files]</c> validates and imports data/ into the configured database
/// without losing what the editor area changed (<see cref="CuratedWork"/>);
/// <c>backup &lt;file&gt;</c> writes a consistent copy of it with SQLite's online backup, safe while the app serves;
/// <c>generate</c> writes a synthetic landscape into another file (<see cref="GenerateCommand"/>); <c>users</c> makes and manages
/// the editor area's accounts (<see cref="UsersCommand"/>); <c>export &lt;dir&gt;</c> writes the database back in the format of data/
/// (<see cref="ExportCommand"/>).
/// </summary>
public static class CommandLine
{
    private static readonly string[] Commands = ["import", "export", "backup", "generate", "users"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    /// <summary>When serving, <c>--db &lt;file&gt;</c> is short for the connection string (to open a generated database, say).</summary>
    public static void ApplyServeOptions(WebApplicationBuilder builder, string[] args)
    {
        // A command serves nothing, so the rule that only a publish is served as in production (StaticAssets:ServeBuildOutput) is not its concern.
        if (IsCommand(args)) builder.Configuration["StaticAssets:ServeBuildOutput"] = "true";
        if (!IsCommand(args) && builder.Configuration["db"] is { Length: > 0 } file)
            builder.Configuration["ConnectionStrings:LlmWatch"] = $"Data Source={Path.GetFullPath(file)}";
    }

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LlmWatch.CommandLine");
        switch (args[0])
        {
            case "import":
                var database = app.Services.GetRequiredService<DatabaseInitializer>();
                try
                {
                    if (args.Skip(1).FirstOrDefault(a => a != "--prefer-files") is { } unknown)
                    {
                        Console.Error.WriteLine($"Unknown option '{unknown}'. Usage: import [--prefer-files]   (--prefer-files: where a file and an approved change disagree, the file wins)");
                        return 64;
                    }
                    await database.MigrateAsync();
                    var result = await database.ImportAsync(preferFiles: args.Contains("--prefer-files"));
                    Console.WriteLine(result.ChangedNothing
                        ? $"Imported {result.Facts} facts and {result.Citations} citations: the database already held them; nothing changed."
                        : $"Imported {result.Facts} facts and {result.Citations} citations: {result.Added} rows added, {result.Updated} updated, {result.Deleted} deleted.");
                    return 0;
                }
                catch (ImportConflictException e)
                {
                    Console.Error.WriteLine($"The files disagree with {e.Conflicts.Count} field(s) changed in the editor area; nothing was imported:");
                    foreach (var conflict in e.Conflicts) Console.Error.WriteLine("  " + conflict);
                    Console.Error.WriteLine("Export the database (export <dir>) and bring the changes into data/, or run import --prefer-files to let the files win (the audit trail keeps the replaced values).");
                    return 2;
                }
                catch (SeedValidationException e)
                {
                    Console.Error.WriteLine($"The seed data was refused ({e.Errors.Count} error(s)); the database is unchanged:");
                    foreach (var error in e.Errors) Console.Error.WriteLine("  " + error);
                    return 2;
                }
            case "export":
                return await ExportCommand.RunAsync(app, args);
            case "backup":
                if (args.Length != 2 || string.IsNullOrWhiteSpace(args[1]))
                {
                    Console.Error.WriteLine("Usage: backup <file>   (writes a consistent copy of the database to <file>)");
                    return 64;
                }
                try
                {
                    var target = await app.Services.GetRequiredService<DatabaseBackup>().BackupAsync(args[1]);
                    Console.WriteLine($"Backed up the database to {target}.");
                    return 0;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or DataUnavailableException or InvalidOperationException)
                {
                    Console.Error.WriteLine($"The backup failed: {e.Message}");
                    return 1;
                }
            case "generate":
                using (var cancel = new CancellationTokenSource())
                {
                    // Ctrl-C stops the generation cleanly: the partial file is deleted and the target left as it was.
                    ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
                    Console.CancelKeyPress += onCancel;
                    try
                    {
                        return await GenerateCommand.RunAsync(args, app.Services.GetRequiredService<DataOptions>(), app.Services.GetRequiredService<Data.Values.FxRates>(),
                            app.Services.GetRequiredService<ILoggerFactory>(), Console.Out, Console.Error, cancel.Token);
                    }
                    finally
                    {
                        Console.CancelKeyPress -= onCancel;
                    }
                }
            case "users":
                try
                {
                    return await UsersCommand.RunAsync(app, args);
                }
                catch (DataUnavailableException e)
                {
                    Console.Error.WriteLine($"The accounts could not be read or written: {e.Message}");
                    return 1;
                }
            default:
                logger.LogError("Unknown command {Command}", args[0]);
                return 64;
        }
    }
}
