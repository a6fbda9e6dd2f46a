using System.Diagnostics;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmWatch.Data.Synthetic;

public sealed record SyntheticOptions(int Organizations, ulong Seed = SyntheticGenerator.DefaultSeed);

public sealed record SyntheticResult(string File, long Rows, long Bytes, TimeSpan Elapsed);

/// <summary>
/// Writes a generated landscape into a database file of its own: the schema by the migrations, then rows by prepared
/// SQLite commands in one transaction (no change tracking), into <c>&lt;file&gt;.partial</c>, moved into place only when
/// complete. The same options give the same rows.
/// </summary>
public sealed class SyntheticGenerator(FxRates rates, ILogger<SyntheticGenerator>? logger = null)
{
    public const ulong DefaultSeed = 1;

    private readonly ILogger _logger = logger ?? NullLogger<SyntheticGenerator>.Instance;

    public async Task<SyntheticResult> GenerateAsync(string file, SyntheticOptions options, bool replace, CancellationToken cancellationToken = default)
    {
        if (options.Organizations is < 1 or > SyntheticLandscape.MaxOrganizations)
            throw new ArgumentOutOfRangeException(nameof(options), $"Organizations must be 1..{SyntheticLandscape.MaxOrganizations}.");
        var target = Path.GetFullPath(file);
        if (File.Exists(target) && !replace) throw new IOException($"{target} exists; pass replace to overwrite it.");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        var clock = Stopwatch.StartNew();
        DeleteDatabase(partial);
        try
        {
            await CreateSchemaAsync(partial, options, cancellationToken);
            long rows;
            await using (var connection = new SqliteConnection($"Data Source={partial};Pooling=False;Foreign Keys=False"))
            {
                await connection.OpenAsync(cancellationToken);
                // The file is not in place until complete, so durability during the load buys nothing.
                Execute(connection, null, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;");
                await using var transaction = connection.BeginTransaction();
                var schema = DropIndexesAndTriggers(connection, transaction);
                using (var writer = new LandscapeWriter(connection, transaction, options, rates, _logger))
                    rows = writer.Write(cancellationToken);
                _logger.LogInformation("Inserted {Rows} rows in {Seconds:F1} s; building {Count} indexes", rows, clock.Elapsed.TotalSeconds, schema.Count);
                foreach (var sql in schema) Execute(connection, transaction, sql);
                await DatabaseMaintenance.AfterBulkLoadAsync(connection, transaction, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                Execute(connection, null, "PRAGMA journal_mode=WAL;");
            }
            if (replace) DeleteDatabase(target);
            File.Move(partial, target, overwrite: replace);
            var bytes = new FileInfo(target).Length;
            _logger.LogInformation("Generated {Organizations} organizations (seed {Seed}) into {File}: {Rows} rows, {Bytes} bytes, {Seconds:F1} s",
                options.Organizations, options.Seed, target, rows, bytes, clock.Elapsed.TotalSeconds);
            return new SyntheticResult(target, rows, bytes, clock.Elapsed);
        }
        catch
        {
            DeleteDatabase(partial);
            throw;
        }
    }

    /// <summary>Deletes a database file with its journal, WAL and shared-memory files.</summary>
    public static void DeleteDatabase(string file)
    {
        foreach (var suffix in new[] { "", "-journal", "-wal", "-shm" }) File.Delete(file + suffix);
    }

    private static async Task CreateSchemaAsync(string file, SyntheticOptions options, CancellationToken ct)
    {
        var dbOptions = new DbContextOptionsBuilder<LlmWatchDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options;
        await using var db = new LlmWatchDbContext(dbOptions);
        await db.Database.MigrateAsync(ct);
        // The one source goes through EF so that its columns (the date above all) are written exactly as the app writes them.
        db.Sources.Add(new Source
        {
            Id = SyntheticLandscape.SourceId, Title = SyntheticLandscape.Title, TitleEn = SyntheticLandscape.TitleEn,
            Publisher = SyntheticLandscape.Publisher, PublishedAt = SyntheticLandscape.PublishedAt, Language = "zh-CN",
            Text = SyntheticLandscape.SourceText, Note = SyntheticLandscape.SourceNote(options.Organizations, options.Seed),
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Drops the secondary indexes and triggers (filling tables without them is several times faster) and returns the SQL that recreates them.</summary>
    private static List<string> DropIndexesAndTriggers(SqliteConnection connection, SqliteTransaction transaction)
    {
        var schema = new List<(string Type, string Name, string Sql)>();
        using (var list = connection.CreateCommand())
        {
            list.Transaction = transaction;
            list.CommandText = "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name";
            using var reader = list.ExecuteReader();
            while (reader.Read()) schema.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        foreach (var (type, name, _) in schema) Execute(connection, transaction, $"DROP {type.ToUpperInvariant()} \"{name.Replace("\"", "\"\"")}\"");
        // Indexes first: a trigger may need them; "index" sorts before "trigger".
        return schema.Select(s => s.Sql).ToList();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>One prepared INSERT whose parameters are reused for every row.</summary>
internal sealed class BulkInsert : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    public BulkInsert(SqliteConnection connection, SqliteTransaction transaction, string table, params string[] columns)
    {
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        _parameters = columns.Select((_, i) => _command.Parameters.Add(new SqliteParameter("$p" + i, DBNull.Value))).ToArray();
        _command.Prepare();
    }

    public long Rows { get; private set; }

    public void Insert(params object?[] values)
    {
        for (var i = 0; i < _parameters.Length; i++) _parameters[i].Value = values[i] ?? DBNull.Value;
        _command.ExecuteNonQuery();
        Rows++;
    }

    public void Dispose() => _command.Dispose();
}
