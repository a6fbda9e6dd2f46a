using Microsoft.Extensions.Logging;
using Npgsql;

namespace LlmWatch.Data;

/// <summary>
/// Lets one instance at a time migrate and import when several share a PostgreSQL database and start at once: a session
/// advisory lock, held on a connection of its own. The first takes it and works; the others wait, then find the work done.
/// SQLite is one machine's file, written by one app: no lock is taken.
/// </summary>
public sealed class DatabaseLock(DataOptions options, ILogger<DatabaseLock> logger)
{
    /// <summary>The advisory lock's key: "LlmWatch" in ASCII, so that it is recognisable in pg_locks.</summary>
    public const long Key = 0x4C6C6D5761746368;

    public async Task<IAsyncDisposable> AcquireAsync(string work, CancellationToken cancellationToken = default)
    {
        if (!options.IsPostgreSql) return Nothing.Instance;
        return await DataUnavailableException.GuardAsync<IAsyncDisposable>("The database is unavailable", async () =>
        {
            var connection = new NpgsqlConnection(options.ConnectionString);
            try
            {
                try
                {
                    await connection.OpenAsync(cancellationToken);
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
                {
                    // A first start: the lock needs the database, so it is created here (as a migration would), once whoever races.
                    await CreateDatabaseAsync(cancellationToken);
                    await connection.OpenAsync(cancellationToken);
                }
                if (!await ScalarAsync(connection, "SELECT pg_try_advisory_lock(@key)", cancellationToken))
                {
                    logger.LogInformation("Another instance holds the database for its {Work}; waiting for it", work);
                    await ScalarAsync(connection, "SELECT pg_advisory_lock(@key) IS NOT NULL", cancellationToken);
                    logger.LogInformation("The other instance is done; going on with the {Work}", work);
                }
                return new Held(connection);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        });
    }

    private async Task CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        var name = builder.Database!;
        builder.Database = "postgres";
        builder.Pooling = false;
        await using var maintenance = new NpgsqlConnection(builder.ConnectionString);
        await maintenance.OpenAsync(cancellationToken);
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", maintenance);
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
            logger.LogInformation("Created the database {Database}", name);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another instance created it a moment ago.
        }
    }

    private static async Task<bool> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", Key);
        // Waiting for the other instance's migration and import may take longer than a query's usual limit.
        command.CommandTimeout = 0;
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private sealed class Held(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await ScalarAsync(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None);
            }
            catch (NpgsqlException)
            {
                // The server went away: the session ended, and its lock with it.
            }
            await connection.DisposeAsync();
        }
    }

    private sealed class Nothing : IAsyncDisposable
    {
        public static readonly Nothing Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
