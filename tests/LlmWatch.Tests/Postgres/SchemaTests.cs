using LlmWatch.Data;
using LlmWatch.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LlmWatch.Tests.Postgres;

/// <summary>
/// Each provider's migrations build exactly the one model: a model change without its migration (for SQLite in
/// LlmWatch.Data, for PostgreSQL in LlmWatch.Data.PostgreSQL) fails here. README: "Adding a migration".
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SchemaTests(PostgresServer server)
{
    [Fact]
    public async Task The_SQLite_migrations_leave_no_pending_model_change()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = await database.Factory.CreateDbContextAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQLite migration: run `dotnet ef migrations add <Name> --project src/LlmWatch.Data --startup-project src/LlmWatch.Data`.");
    }

    [SkippableFact]
    public async Task The_PostgreSQL_migrations_create_the_database_and_leave_no_pending_model_change()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        server.NewDatabaseName(out var connectionString);
        await using var db = Context(connectionString);

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a PostgreSQL migration: run `dotnet ef migrations add <Name> --project src/LlmWatch.Data.PostgreSQL --startup-project src/LlmWatch.Data.PostgreSQL`.");
        // Every text column compares as SQLite does (code points), whatever the database's default.
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*) FROM information_schema.columns
            WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'ARRAY') AND coalesce(collation_name, '') <> 'C'
              AND table_name <> '__EFMigrationsHistory'
            """, connection);
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
    }

    [SkippableFact]
    public async Task The_audit_trail_is_append_only_in_PostgreSQL_too()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        var connectionString = await server.CreateDatabaseAsync();
        await using (var db = Context(connectionString)) await db.Database.MigrateAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await Execute(connection, """
            INSERT INTO "ChangeRecords" ("RecordedAt", "Action", "FactKind", "FactKey", "ProposedById", "ProposedByName", "ApprovedById", "ApprovedByName", "Fields")
            VALUES (now(), 'Added', 'Source', 'x', 'a', 'A', 'b', 'B', '[]')
            """, expectFailure: false);

        Assert.Contains("append-only", await Execute(connection, "UPDATE \"ChangeRecords\" SET \"FactKey\" = 'y'", expectFailure: true));
        Assert.Contains("append-only", await Execute(connection, "DELETE FROM \"ChangeRecords\"", expectFailure: true));
        Assert.Contains("append-only", await Execute(connection, "TRUNCATE \"ChangeRecords\"", expectFailure: true));
    }

    private static async Task<string> Execute(NpgsqlConnection connection, string sql, bool expectFailure)
    {
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
            Assert.False(expectFailure, $"Expected PostgreSQL to refuse: {sql}");
            return "";
        }
        catch (PostgresException e) when (expectFailure)
        {
            return e.MessageText;
        }
    }

    internal static LlmWatchDbContext Context(string connectionString)
    {
        var options = new DbContextOptionsBuilder<LlmWatchDbContext>();
        options.UseLlmWatchPostgreSql(connectionString);
        return new LlmWatchDbContext(options.Options);
    }
}
