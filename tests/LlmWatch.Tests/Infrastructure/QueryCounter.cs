using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LlmWatch.Tests.Infrastructure;

/// <summary>Counts the SQL commands the app sends, so a test can prove a page loads with a fixed number of queries.</summary>
public sealed class QueryCounter : DbCommandInterceptor
{
    private readonly List<string> _commands = [];
    private readonly Lock _lock = new();

    public IReadOnlyList<string> Commands
    {
        get { lock (_lock) return _commands.ToList(); }
    }

    public void Reset()
    {
        lock (_lock) _commands.Clear();
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command)
    {
        lock (_lock) _commands.Add(command.CommandText);
    }
}
