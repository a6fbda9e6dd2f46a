using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LlmWatch.Data;

/// <summary>
/// Work stops when nobody waits (issue 13 item 2): Microsoft.Data.Sqlite does not cancel a running statement (its
/// <see cref="SqliteCommand.Cancel"/> does nothing and a token is only checked between rows), so an aggregate or a sort whose
/// first step takes a second kept the CPU busy that long after its request was abandoned. While a command executes, its
/// token is registered to call <c>sqlite3_interrupt</c> on the command's connection, which stops the statement at its next
/// virtual-machine instruction; the interrupted command then fails as cancelled, not as a database failure. The registration
/// ends when execution ends (a reader's rows are read with the token checked per row), so an interrupt never reaches a later
/// command on the pooled connection.
/// </summary>
internal sealed class CancellationInterrupt : DbCommandInterceptor
{
    private const int SqliteInterrupt = 9;
    private readonly ConcurrentDictionary<DbCommand, CancellationTokenRegistration> _running = new();

    private void Register(DbCommand command, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled || command.Connection is not SqliteConnection { Handle: { } handle }) return;
        var registration = cancellationToken.Register(static h => SQLitePCL.raw.sqlite3_interrupt((SQLitePCL.sqlite3)h!), handle);
        if (!_running.TryAdd(command, registration)) registration.Dispose();
    }

    private void Unregister(DbCommand command)
    {
        if (_running.TryRemove(command, out var registration)) registration.Dispose();
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Register(command, cancellationToken);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Register(command, cancellationToken);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Register(command, cancellationToken);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken cancellationToken = default)
    {
        Unregister(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
        CancellationToken cancellationToken = default)
    {
        Unregister(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Unregister(command);
        return ValueTask.FromResult(result);
    }

    public override Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Unregister(command);
        return Task.CompletedTask;
    }

    /// <summary>First in the chain of failure notifications: an interrupted command of a cancelled token is a cancellation.</summary>
    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Unregister(command);
        if (cancellationToken.IsCancellationRequested && IsInterrupt(eventData.Exception))
            throw new OperationCanceledException("The command was interrupted: its caller no longer waits.", eventData.Exception, cancellationToken);
        return Task.CompletedTask;
    }

    public static bool IsInterrupt(Exception? e) =>
        e is SqliteException { SqliteErrorCode: SqliteInterrupt } || e?.InnerException is SqliteException { SqliteErrorCode: SqliteInterrupt };
}
