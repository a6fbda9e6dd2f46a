using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace LlmWatch.Data;

/// <summary>A consistent snapshot through SQLite's online backup API: readers and the writer carry on meanwhile.</summary>
public sealed class DatabaseBackup(DataOptions options, ILogger<DatabaseBackup> logger)
{
    public async Task<string> BackupAsync(string targetFile, CancellationToken cancellationToken = default)
    {
        var target = Path.GetFullPath(targetFile);
        var source = Path.GetFullPath(options.DatabaseFile);
        if (string.Equals(target, source, StringComparison.Ordinal))
            throw new InvalidOperationException("The backup file cannot be the database itself.");
        if (!File.Exists(source))
            throw new InvalidOperationException($"There is no database at {source} to back up.");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        // Write beside the target and move it into place, so a crash never leaves a half-written backup under its name.
        var partial = target + ".partial";
        File.Delete(partial);
        var result = await DataUnavailableException.GuardAsync("The backup could not read or write the database", async () =>
        {
            await using var from = new SqliteConnection(options.ConnectionString);
            await using var to = new SqliteConnection($"Data Source={partial};Pooling=False");
            await from.OpenAsync(cancellationToken);
            await to.OpenAsync(cancellationToken);
            from.BackupDatabase(to);
            await using var check = to.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            return (string?)await check.ExecuteScalarAsync(cancellationToken);
        });
        if (result != "ok") throw new InvalidOperationException($"The backup failed its integrity check: {result}");
        File.Move(partial, target, overwrite: true);
        logger.LogInformation("Backed up {DatabaseFile} to {BackupFile}", source, target);
        return target;
    }
}
