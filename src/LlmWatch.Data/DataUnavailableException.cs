using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LlmWatch.Data;

/// <summary>
/// The database could not answer (missing, locked, corrupt, unreadable). Data reports every provider failure as this, so that
/// the app above it decides what to show without knowing which database engine failed.
/// </summary>
public sealed class DataUnavailableException(string message, Exception inner) : Exception(message, inner)
{
    /// <summary>Whether <paramref name="e"/> is a failure of the database engine or its driver, not of the caller.</summary>
    public static bool IsProviderFailure(Exception e) =>
        e is SqliteException or DbException or DbUpdateException or InvalidOperationException { InnerException: DbException };

    /// <summary>Runs <paramref name="operation"/>, reporting a provider failure as <see cref="DataUnavailableException"/>.</summary>
    public static async Task<T> GuardAsync<T>(string what, Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception e) when (IsProviderFailure(e))
        {
            throw From(what, e);
        }
    }

    internal static DataUnavailableException From(string what, Exception e) => new($"{what}: {e.Message}", e);
}

/// <summary>
/// Turns the provider's failures to open a connection or run a command into <see cref="DataUnavailableException"/> for every
/// DbContext the factory makes: throwing from the failure notification replaces the provider's exception.
/// </summary>
internal sealed class DataUnavailableInterceptor : DbCommandInterceptor, IDbConnectionInterceptor
{
    private const string What = "The database is unavailable";

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Throw(eventData);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default) =>
        Throw(eventData);

    public void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData) => Throw(eventData);

    public Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default) =>
        Throw(eventData);

    // Migrations expect some commands to fail (asking for a history table that does not exist yet) and catch the provider's exception.
    private static Task Throw(CommandErrorEventData eventData) =>
        eventData.CommandSource == CommandSource.Migrations ? Task.CompletedTask : Throw(eventData.Exception);

    // Only the context's own connection: EF opens a side connection to ask whether the file exists, expecting it may fail.
    private static Task Throw(ConnectionErrorEventData eventData) =>
        eventData.Context is { } context && context.Database.GetDbConnection() != eventData.Connection ? Task.CompletedTask : Throw(eventData.Exception);

    private static Task Throw(Exception e) =>
        DataUnavailableException.IsProviderFailure(e) ? throw DataUnavailableException.From(What, e) : Task.CompletedTask;
}
