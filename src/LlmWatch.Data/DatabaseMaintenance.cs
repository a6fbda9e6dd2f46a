using Microsoft.Data.Sqlite;

namespace LlmWatch.Data;

/// <summary>
/// What a bulk writer (the seed importer, the synthetic generator) runs after loading rows with plain SQL: rebuilds
/// everything derived from the base tables and refreshes the planner's statistics, so that queries pick their indexes.
/// </summary>
public static class DatabaseMaintenance
{
    public static async Task AfterBulkLoadAsync(SqliteConnection connection, SqliteTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "ANALYZE;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
