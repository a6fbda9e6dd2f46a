using System.Diagnostics;
using LlmWatch.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace LlmWatch.Data.Synthetic;

/// <summary>
/// The same landscape on PostgreSQL: the schema by the PostgreSQL migrations into a database of its own,
/// <c>&lt;name&gt;_partial</c>, then every table by a binary COPY of its own, side by side on one connection each, with
/// the foreign keys and secondary indexes dropped meanwhile and rebuilt after (which checks every reference). Renamed to
/// its name only when complete, as the SQLite file is moved into place.
/// </summary>
public sealed partial class SyntheticGenerator
{
    /// <summary>The database PostgreSQL connects to for CREATE, DROP and RENAME: never a target.</summary>
    public const string MaintenanceDatabase = "postgres";

    /// <summary>Whether the database <paramref name="connectionString"/> names exists on its server.</summary>
    public static async Task<bool> PostgreSqlDatabaseExistsAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var maintenance = await OpenMaintenanceAsync(connectionString, cancellationToken);
        return await ExistsAsync(maintenance, name, cancellationToken);
    }

    /// <summary>The name of the database a PostgreSQL generation writes first, renamed to <paramref name="database"/> when complete.</summary>
    public static string PartialDatabase(string database) => database + "_partial";

    public async Task<SyntheticResult> GeneratePostgreSqlAsync(string connectionString, SyntheticOptions options, bool replace,
        CancellationToken cancellationToken = default)
    {
        if (options.Organizations is < 1 or > SyntheticLandscape.MaxOrganizations)
            throw new ArgumentOutOfRangeException(nameof(options), $"Organizations must be 1..{SyntheticLandscape.MaxOrganizations}.");
        var target = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Enlist = false };
        var name = target.Database is { Length: > 0 } d && d != MaintenanceDatabase
            ? d : throw new ArgumentException($"The connection string must name a database other than {MaintenanceDatabase}.", nameof(connectionString));
        var partialName = PartialDatabase(name);
        var partial = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = partialName, CommandTimeout = 0 }.ConnectionString;
        var clock = Stopwatch.StartNew();
        await using (var maintenance = await OpenMaintenanceAsync(target.ConnectionString, cancellationToken))
        {
            if (await ExistsAsync(maintenance, name, cancellationToken) && !replace)
                throw new IOException($"The database {name} exists; pass replace to overwrite it.");
            await ExecuteAsync(maintenance, $"DROP DATABASE IF EXISTS {Quote(partialName)} WITH (FORCE)", cancellationToken);
            await ExecuteAsync(maintenance, $"CREATE DATABASE {Quote(partialName)}", cancellationToken);
        }
        try
        {
            await CreateSchemaAsync(o => PostgreSql.Configure(o, partial), options, cancellationToken);
            long rows;
            await using (var connection = new NpgsqlConnection(partial))
            {
                await connection.OpenAsync(cancellationToken);
                var schema = await DropConstraintsAndIndexesAsync(connection, cancellationToken);
                rows = Copy(partial, options, cancellationToken);
                _logger.LogInformation("Copied {Rows} rows in {Seconds:F1} s", rows, clock.Elapsed.TotalSeconds);
                // The derived tables and time stamps before the indexes: the stamps rewrite every fact row, and indexes built
                // after hold only the final versions (their passes are grouped scans that need none).
                await ExecuteAsync(connection, "ANALYZE", cancellationToken);
                await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
                {
                    var derived = await DatabaseMaintenance.AfterBulkLoadAsync(connection, transaction, rates, cancellationToken, SyntheticLandscape.PublishedAt.UtcDateTime);
                    await transaction.CommitAsync(cancellationToken);
                    _logger.LogInformation("Rebuilt the derived tables in {Seconds:F1} s; building {Count} indexes and foreign keys", derived.TotalSeconds, schema.Count);
                }
                foreach (var sql in schema) await ExecuteAsync(connection, sql, cancellationToken);
                await RestartIdentitiesAsync(connection, cancellationToken);
                // A vacuum gives index-only scans their visibility map at once (the stamps left every fact row's first version dead).
                await ExecuteAsync(connection, "VACUUM ANALYZE", cancellationToken);
                _logger.LogInformation("Indexes, keys and statistics done at {Seconds:F1} s", clock.Elapsed.TotalSeconds);
            }
            long bytes;
            await using (var maintenance = await OpenMaintenanceAsync(target.ConnectionString, cancellationToken))
            {
                if (replace) await ExecuteAsync(maintenance, $"DROP DATABASE IF EXISTS {Quote(name)}", cancellationToken);
                await ExecuteAsync(maintenance, $"ALTER DATABASE {Quote(partialName)} RENAME TO {Quote(name)}", cancellationToken);
                await using var size = new NpgsqlCommand("SELECT pg_database_size(@name)", maintenance);
                size.Parameters.AddWithValue("name", name);
                bytes = (long)(await size.ExecuteScalarAsync(cancellationToken))!;
            }
            var description = $"PostgreSQL {target.Host}:{target.Port}/{name}";
            _logger.LogInformation("Generated {Organizations} organizations (seed {Seed}) into {Database}: {Rows} rows, {Bytes} bytes, {Seconds:F1} s",
                options.Organizations, options.Seed, description, rows, bytes, clock.Elapsed.TotalSeconds);
            return new SyntheticResult(description, rows, bytes, clock.Elapsed);
        }
        catch (Exception e)
        {
            await DropPartialAsync(target.ConnectionString, partialName);
            if (e is NpgsqlException or TimeoutException && e is not OperationCanceledException)
                throw new DataUnavailableException($"The database {partialName} could not be written: {e.Message}", e);
            throw;
        }
    }

    /// <summary>One COPY per table, each on a connection of its own, fed by the one writer in the order it generates.</summary>
    private long Copy(string connectionString, SyntheticOptions options, CancellationToken cancellationToken)
    {
        var sinks = new List<CopyTableSink>();
        try
        {
            using var writer = new LandscapeWriter((table, columns) =>
            {
                var sink = new CopyTableSink(connectionString, table, columns);
                sinks.Add(sink);
                return sink;
            }, options, rates, _logger, cancellationToken);
            var rows = writer.Write(cancellationToken);
            foreach (var sink in sinks) sink.Complete();
            return rows;
        }
        finally
        {
            // The writer disposes what it made; this covers a constructor that failed halfway.
            foreach (var sink in sinks) sink.Dispose();
        }
    }

    /// <summary>
    /// Drops every foreign key and every index that backs no key or unique constraint (filling tables without them is several
    /// times faster), and returns the SQL that recreates them: indexes first, then the foreign keys, which check every row.
    /// </summary>
    private static async Task<List<string>> DropConstraintsAndIndexesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var foreignKeys = new List<(string Table, string Name, string Definition)>();
        await using (var list = new NpgsqlCommand(
            """
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE contype = 'f' AND connamespace = current_schema()::regnamespace ORDER BY 1, 2
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) foreignKeys.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        var indexes = new List<(string Name, string Definition)>();
        await using (var list = new NpgsqlCommand(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index AS i
            JOIN pg_class AS t ON t.oid = i.indrelid
            WHERE t.relnamespace = current_schema()::regnamespace
              AND NOT EXISTS (SELECT 1 FROM pg_constraint AS c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
            ORDER BY 1
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) indexes.Add((reader.GetString(0), reader.GetString(1)));
        foreach (var (table, key, _) in foreignKeys) await ExecuteAsync(connection, $"ALTER TABLE {table} DROP CONSTRAINT {Quote(key)}", cancellationToken);
        foreach (var (index, _) in indexes) await ExecuteAsync(connection, $"DROP INDEX {index}", cancellationToken);
        return [.. indexes.Select(i => i.Definition), .. foreignKeys.Select(f => $"ALTER TABLE {f.Table} ADD CONSTRAINT {Quote(f.Name)} {f.Definition}")];
    }

    /// <summary>COPY wrote the ids: each identity column continues after the largest, as if EF had inserted the rows.</summary>
    private static async Task RestartIdentitiesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var columns = new List<(string Table, string Column)>();
        await using (var list = new NpgsqlCommand(
            """
            SELECT c.oid::regclass::text, a.attname FROM pg_attribute AS a JOIN pg_class AS c ON c.oid = a.attrelid
            WHERE c.relnamespace = current_schema()::regnamespace AND a.attidentity <> '' ORDER BY 1
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) columns.Add((reader.GetString(0), reader.GetString(1)));
        foreach (var (table, column) in columns)
            await ExecuteAsync(connection,
                $"SELECT setval(pg_get_serial_sequence('{table.Replace("'", "''", StringComparison.Ordinal)}', '{column.Replace("'", "''", StringComparison.Ordinal)}'), " +
                $"coalesce(max({Quote(column)}), 0) + 1, false) FROM {table}", cancellationToken);
    }

    private static async Task<NpgsqlConnection> OpenMaintenanceAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Database = MaintenanceDatabase, Pooling = false, Enlist = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection maintenance, string name, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = @name)", maintenance);
        exists.Parameters.AddWithValue("name", name);
        return (bool)(await exists.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task DropPartialAsync(string connectionString, string partialName)
    {
        try
        {
            await using var maintenance = await OpenMaintenanceAsync(connectionString, CancellationToken.None);
            await ExecuteAsync(maintenance, $"DROP DATABASE IF EXISTS {Quote(partialName)} WITH (FORCE)", CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // The server is gone: what it had of the partial database goes with it, or the next run drops it.
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>
/// One table's binary COPY on a connection of its own. Every value is written as its column's type, read from the catalog,
/// so that an int meant for a bigint column (or the reverse) cannot slip through as another width.
/// </summary>
internal sealed class CopyTableSink : ITableSink
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlBinaryImporter _importer;
    private readonly NpgsqlDbType[] _types;
    private readonly int _columns;
    private bool _disposed;

    public CopyTableSink(string connectionString, string table, string[] columns)
    {
        _columns = columns.Length;
        _connection = new NpgsqlConnection(connectionString);
        try
        {
            _connection.Open();
            _types = ColumnTypes(_connection, table, columns);
            _importer = _connection.BeginBinaryImport(
                $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)");
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    public int RowsPerBatch => 256;

    private static NpgsqlDbType[] ColumnTypes(NpgsqlConnection connection, string table, string[] columns)
    {
        using var command = new NpgsqlCommand(
            """
            SELECT attname, format_type(atttypid, atttypmod), attnotnull AND NOT atthasdef AND attidentity = '' FROM pg_attribute
            WHERE attrelid = to_regclass(@table) AND attnum > 0 AND NOT attisdropped
            """, connection);
        command.Parameters.AddWithValue("table", $"\"{table}\"");
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var required = new List<string>();
        using (var reader = command.ExecuteReader())
            while (reader.Read())
            {
                types[reader.GetString(0)] = reader.GetString(1);
                if (reader.GetBoolean(2)) required.Add(reader.GetString(0));
            }
        // SQLite's migrations give some later columns a default that PostgreSQL's single migration does not: a clear message, not a COPY failing halfway.
        if (required.Except(columns).ToList() is { Count: > 0 } missing)
            throw new InvalidOperationException($"{table} needs a value for {string.Join(", ", missing)}, which the generator does not write.");
        return columns.Select(c => types.TryGetValue(c, out var type)
            ? type switch
            {
                "integer" => NpgsqlDbType.Integer,
                "bigint" => NpgsqlDbType.Bigint,
                "boolean" => NpgsqlDbType.Boolean,
                "text" => NpgsqlDbType.Text,
                "text[]" => NpgsqlDbType.Array | NpgsqlDbType.Text,
                _ when type.StartsWith("character varying", StringComparison.Ordinal) => NpgsqlDbType.Varchar,
                _ => throw new NotSupportedException($"{table}.{c} is {type}: the generator writes no such column."),
            }
            : throw new InvalidOperationException($"{table} has no column {c}: the PostgreSQL migrations and the generator disagree.")).ToArray();
    }

    public void Write(object?[] rows, int count)
    {
        for (var row = 0; row < count; row++)
        {
            _importer.StartRow();
            for (var c = 0; c < _columns; c++)
            {
                var value = rows[row * _columns + c];
                if (value is null) _importer.WriteNull();
                else _importer.Write(value, _types[c]);
            }
        }
    }

    /// <summary>Ends the COPY: the rows are in once this returns.</summary>
    public void Complete() => _importer.Complete();

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _importer.Dispose();
        _connection.Dispose();
    }
}
