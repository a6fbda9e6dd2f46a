using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
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
public sealed partial class SyntheticGenerator(FxRates rates, ILogger<SyntheticGenerator>? logger = null)
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
            await CreateSchemaAsync(o => o.UseSqlite($"Data Source={partial};Pooling=False"), options, cancellationToken);
            long rows;
            await using (var connection = new SqliteConnection($"Data Source={partial};Pooling=False;Foreign Keys=False"))
            {
                await connection.OpenAsync(cancellationToken);
                // The file is not in place until complete, so durability during the load buys nothing.
                Execute(connection, null, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;");
                await using var transaction = connection.BeginTransaction();
                var schema = DropIndexesAndTriggers(connection, transaction);
                using (var writer = new LandscapeWriter((table, columns) => new SqliteTableSink(connection, transaction, table, columns), options, rates, _logger, cancellationToken))
                    rows = writer.Write(cancellationToken);
                _logger.LogInformation("Inserted {Rows} rows in {Seconds:F1} s; building {Count} indexes", rows, clock.Elapsed.TotalSeconds, schema.Count);
                foreach (var sql in schema) Execute(connection, transaction, sql);
                // Recorded at the landscape's own date: the same seed gives the same rows, times included.
                var derived = await DatabaseMaintenance.AfterBulkLoadAsync(connection, transaction, rates, cancellationToken, SyntheticLandscape.PublishedAt.UtcDateTime);
                _logger.LogInformation("Rebuilt the derived tables and statistics in {Seconds:F1} s", derived.TotalSeconds);
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
        catch (Exception e)
        {
            DeleteDatabase(partial);
            if (DataUnavailableException.IsProviderFailure(e)) throw new DataUnavailableException($"The database {partial} could not be written: {e.Message}", e);
            throw;
        }
    }

    /// <summary>Deletes a database file with its journal, WAL and shared-memory files.</summary>
    public static void DeleteDatabase(string file)
    {
        foreach (var suffix in new[] { "", "-journal", "-wal", "-shm" }) File.Delete(file + suffix);
    }

    private static async Task CreateSchemaAsync(Func<DbContextOptionsBuilder<LlmWatchDbContext>, DbContextOptionsBuilder> database, SyntheticOptions options,
        CancellationToken ct)
    {
        var dbOptions = (DbContextOptions<LlmWatchDbContext>)database(new DbContextOptionsBuilder<LlmWatchDbContext>()).Options;
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

/// <summary>
/// Runs the INSERTs on a thread of its own while the caller generates the next rows: generating and writing cost about
/// the same, so on two cores the load takes little more than the larger of the two. Batches run in the order queued.
/// </summary>
internal sealed class BulkLoader : IDisposable
{
    private readonly BlockingCollection<(BulkInsert Table, object?[] Rows, int Count)> _queue = new(boundedCapacity: 512);
    private readonly CancellationTokenSource _failed;
    private readonly Task _writer;

    public BulkLoader(CancellationToken cancellationToken)
    {
        _failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _writer = Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var (table, rows, count) in _queue.GetConsumingEnumerable(_failed.Token)) table.Execute(rows, count);
            }
            catch
            {
                _failed.Cancel();
                throw;
            }
        }, TaskCreationOptions.LongRunning);
    }

    public void Enqueue(BulkInsert table, object?[] rows, int count) => _queue.Add((table, rows, count), _failed.Token);

    /// <summary>Waits for the queued batches; a failure of the writer is thrown here, before whatever the caller ran into.</summary>
    public void Complete(bool abandon)
    {
        if (abandon) _failed.Cancel();
        _queue.CompleteAdding();
        try
        {
            _writer.Wait();
        }
        catch (AggregateException e) when (e.InnerException is not OperationCanceledException)
        {
            ExceptionDispatchInfo.Throw(e.InnerException!);
        }
        catch (AggregateException)
        {
        }
    }

    public void Dispose()
    {
        _queue.Dispose();
        _failed.Dispose();
    }
}

/// <summary>Where one table's rows go, on the loader's thread: <see cref="SqliteTableSink"/> or <see cref="CopyTableSink"/>.</summary>
internal interface ITableSink : IDisposable
{
    /// <summary>How many rows a batch holds.</summary>
    int RowsPerBatch { get; }

    /// <summary>Writes the first <paramref name="count"/> rows of <paramref name="rows"/> (columns side by side).</summary>
    void Write(object?[] rows, int count);
}

/// <summary>
/// Buffers a table's rows on the generating thread and hands them to the loader's thread in batches. Constant columns
/// (a fact's empty bases) are appended to every row here, so that the writer names only what varies.
/// </summary>
internal sealed class BulkInsert : IDisposable
{
    private readonly BulkLoader _loader;
    private readonly ITableSink _sink;
    private readonly ConcurrentQueue<object?[]> _free = new();
    private readonly object?[] _constants;
    private readonly int _columns, _rowsPerBatch;
    private object?[] _buffer;
    private int _buffered;

    public BulkInsert(BulkLoader loader, ITableSink sink, int variableColumns, params object?[] constants)
    {
        _loader = loader;
        _sink = sink;
        _constants = constants;
        _columns = variableColumns + constants.Length;
        _rowsPerBatch = sink.RowsPerBatch;
        _buffer = new object?[_rowsPerBatch * _columns];
    }

    public long Rows { get; private set; }

    public void Insert(params object?[] values)
    {
        var offset = _buffered * _columns;
        Array.Copy(values, 0, _buffer, offset, values.Length);
        Array.Copy(_constants, 0, _buffer, offset + values.Length, _constants.Length);
        Rows++;
        if (++_buffered < _rowsPerBatch) return;
        _loader.Enqueue(this, _buffer, _buffered);
        _buffer = _free.TryDequeue(out var free) ? free : new object?[_buffer.Length];
        _buffered = 0;
    }

    public void Flush()
    {
        if (_buffered == 0) return;
        _loader.Enqueue(this, _buffer, _buffered);
        _buffer = new object?[_buffer.Length];
        _buffered = 0;
    }

    /// <summary>On the loader's thread.</summary>
    public void Execute(object?[] rows, int count)
    {
        _sink.Write(rows, count);
        _free.Enqueue(rows);
    }

    public void Dispose() => _sink.Dispose();
}

/// <summary>
/// Prepared INSERTs whose parameters are reused for every row: several rows to a statement (one call per row cost more
/// than the row itself); a last, shorter batch goes one by one. Lists are stored as JSON text, as EF stores them on SQLite.
/// </summary>
internal sealed class SqliteTableSink : ITableSink
{
    private readonly SqliteCommand _batch, _single;
    private readonly SqliteParameter[] _batchParameters, _singleParameters;
    private readonly int _columns;

    public SqliteTableSink(SqliteConnection connection, SqliteTransaction transaction, string table, string[] columns)
    {
        _columns = columns.Length;
        // Microsoft.Data.Sqlite looks each parameter up by name, so very long statements bind slowly; a few dozen parameters measured best.
        RowsPerBatch = Math.Clamp(48 / _columns, 1, 24);
        (_batch, _batchParameters) = Prepare(connection, transaction, table, columns, RowsPerBatch);
        (_single, _singleParameters) = Prepare(connection, transaction, table, columns, 1);
    }

    public int RowsPerBatch { get; }

    private static (SqliteCommand, SqliteParameter[]) Prepare(SqliteConnection connection, SqliteTransaction transaction, string table, string[] columns, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var values = Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", columns.Select((_, c) => $"$p{r * columns.Length + c}")) + ")");
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES {string.Join(", ", values)}";
        var parameters = Enumerable.Range(0, rows * columns.Length).Select(i => command.Parameters.Add(new SqliteParameter("$p" + i, DBNull.Value))).ToArray();
        command.Prepare();
        return (command, parameters);
    }

    public void Write(object?[] rows, int count)
    {
        if (count == RowsPerBatch) Execute(_batch, _batchParameters, rows, 0);
        else for (var row = 0; row < count; row++) Execute(_single, _singleParameters, rows, row * _columns);
    }

    private static void Execute(SqliteCommand command, SqliteParameter[] parameters, object?[] rows, int offset)
    {
        for (var i = 0; i < parameters.Length; i++)
            parameters[i].Value = rows[offset + i] switch
            {
                null => DBNull.Value,
                string[] list => System.Text.Json.JsonSerializer.Serialize(list),
                var value => value,
            };
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _batch.Dispose();
        _single.Dispose();
    }
}
