using System.Diagnostics;
using LlmWatch.Data;
using LlmWatch.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmWatch.Tests.Faults;

public sealed class CrashAndBackupTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>
    /// The import is killed (SIGKILL) at random moments, again and again: the database is always either the old one or
    /// the new one whole, and passes SQLite's integrity check.
    /// </summary>
    [Fact]
    public async Task An_import_killed_at_any_moment_leaves_the_old_or_the_new_database_whole()
    {
        using var changed = new DataCopy();
        var statistics = changed.PathOf("statistics.json");
        await File.WriteAllTextAsync(statistics, (await File.ReadAllTextAsync(statistics)).Replace("\"labelEn\": \"", "\"labelEn\": \"Changed: "));
        var organizations = changed.PathOf("organizations.json");
        await File.WriteAllTextAsync(organizations, (await File.ReadAllTextAsync(organizations)).Replace("\"summaryEn\": \"", "\"summaryEn\": \"Changed: "));

        var old = TempFile();
        var expectedNew = TempFile();
        var work = TempFile();
        try
        {
            Assert.Equal(0, (await ImportProcess.RunAsync(RepositoryData.Directory, old)).ExitCode);
            Checkpoint(old);
            File.Copy(old, expectedNew);
            Assert.Equal(0, (await ImportProcess.RunAsync(changed.Directory, expectedNew)).ExitCode);
            var oldDigest = Digest(old);
            var newDigest = Digest(expectedNew);
            Assert.NotEqual(oldDigest, newDigest);

            var random = new Random(20230802);
            var outcomes = new List<string>();
            for (var attempt = 0; attempt < 8; attempt++)
            {
                Delete(work);
                File.Copy(old, work);
                // Killed at a random moment after the transaction has begun: before, during or just after its commit.
                var killAfter = TimeSpan.FromMilliseconds(random.Next(0, 3000));
                var run = await ImportProcess.RunAsync(changed.Directory, work, killAfter);

                Assert.Equal("ok", IntegrityCheck(work));
                var digest = Digest(work);
                Assert.True(digest == oldDigest || digest == newDigest, $"attempt {attempt}: killed after {killAfter.TotalMilliseconds} ms left a mixed database");
                outcomes.Add(run.Killed ? (digest == oldDigest ? "killed-old" : "killed-new") : "finished");
                output.WriteLine($"attempt {attempt}: kill after {killAfter.TotalMilliseconds:0} ms → {outcomes[^1]}, integrity ok");
            }
            Assert.Contains(outcomes, o => o.StartsWith("killed"));
        }
        finally
        {
            foreach (var file in new[] { old, expectedNew, work }) Delete(file);
        }
    }

    [Fact]
    public async Task A_backup_taken_during_writes_opens_and_passes_the_integrity_check()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Importer.ImportAsync(RepositoryData.Directory);
        var options = new DataOptions { Directory = RepositoryData.Directory, ConnectionString = $"Data Source={database.File}" };
        var backup = new DatabaseBackup(options, NullLogger<DatabaseBackup>.Instance);
        using var stop = new CancellationTokenSource();

        var writes = 0;
        var writing = new TaskCompletionSource();
        // Released by the writer after each write (at most once pending), so a backup can wait for the next one.
        using var wrote = new SemaphoreSlim(0, 1);
        var writer = Task.Run(async () =>
        {
            await using var connection = new SqliteConnection($"Data Source={database.File};Pooling=False");
            await connection.OpenAsync();
            while (!stop.IsCancellationRequested)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "UPDATE Statistics SET LabelEn = LabelEn || '.' WHERE Id = (abs(random()) % (SELECT max(Id) FROM Statistics)) + 1";
                await command.ExecuteNonQueryAsync();
                if (Interlocked.Increment(ref writes) == 3) writing.TrySetResult();
                if (wrote.CurrentCount == 0)
                {
                    try { wrote.Release(); } catch (SemaphoreFullException) { }
                }
            }
        });

        var targets = new List<string>();
        try
        {
            await Eventually.WithinAsync("the writer writes", writing.Task);
            for (var i = 0; i < 5; i++)
            {
                // Each backup starts only once the writer has moved on since the last one.
                await wrote.WaitAsync(0);
                await Eventually.WithinAsync("the writer writes again", wrote.WaitAsync());
                var target = TempFile();
                targets.Add(target);
                await backup.BackupAsync(target);
                Assert.Equal("ok", IntegrityCheck(target));
                Assert.Equal(Count(database.File, "Organizations"), Count(target, "Organizations"));
            }
        }
        finally
        {
            stop.Cancel();
            await writer;
            foreach (var target in targets) Delete(target);
        }
        Assert.True(writes > 0, "the writer never wrote, so the backups were not taken during writes");
        output.WriteLine($"5 backups taken while {writes} writes ran; each passed PRAGMA integrity_check");
    }

    private static string TempFile() => Path.Combine(Path.GetTempPath(), $"llmwatch-fault-{Guid.NewGuid():N}.db");

    private static void Delete(string file)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" }) File.Delete(file + suffix);
    }

    private static string Scalar(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    private static string IntegrityCheck(string file) => Scalar(file, "PRAGMA integrity_check");

    private static void Checkpoint(string file) => Scalar(file, "PRAGMA wal_checkpoint(TRUNCATE)");

    private static long Count(string file, string table) => long.Parse(Scalar(file, $"SELECT count(*) FROM \"{table}\""));

    /// <summary>What users see: every statistic's label and every organization's summary.</summary>
    private static string Digest(string file) =>
        Scalar(file, "SELECT (SELECT group_concat(Slug || LabelEn, '|') FROM (SELECT * FROM Statistics ORDER BY Slug)) || '#' || " +
                     "(SELECT group_concat(Slug || coalesce(SummaryEn, ''), '|') FROM (SELECT * FROM Organizations ORDER BY Slug)) || '#' || " +
                     "(SELECT count(*) FROM Citations)");
}

/// <summary>The built web app run as `import`, optionally killed with SIGKILL after a delay.</summary>
internal static class ImportProcess
{
    public static async Task<(int ExitCode, bool Killed, string Output)> RunAsync(string dataDirectory, string databaseFile, TimeSpan? killAfter = null)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "import"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(typeof(Program).Assembly.Location)!,
            Environment =
            {
                ["ConnectionStrings__LlmWatch"] = $"Data Source={databaseFile}",
                ["Data__Directory"] = dataDirectory,
                ["Serilog__WriteTo__1__Args__path"] = Path.Combine(Path.GetTempPath(), "llmwatch-test-logs", "llmwatch-.log"),
                ["DOTNET_ENVIRONMENT"] = "Production",
            },
        };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var text = new System.Text.StringBuilder();
        var killed = false;
        if (killAfter is { } delay)
        {
            // The clock starts when the importer says it has begun writing.
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                text.AppendLine(line);
                if (line.Contains("in one transaction", StringComparison.Ordinal)) break;
            }
            var exited = process.WaitForExitAsync();
            if (await Task.WhenAny(exited, Task.Delay(delay)) != exited)
            {
                process.Kill(entireProcessTree: true); // SIGKILL on Linux: no cleanup runs
                killed = true;
            }
        }
        var rest = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, killed, text + rest + await errors);
    }
}
