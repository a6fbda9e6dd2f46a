using System.Data;
using System.Data.Common;

namespace LlmWatch.Data;

/// <summary>The raw-SQL writers' one way to bind a value, provider-neutral (SQLite and PostgreSQL both take it).</summary>
internal static class DbParameters
{
    /// <summary>
    /// Adds <paramref name="name"/> to <paramref name="command"/>: null binds DBNull; a null <paramref name="type"/> leaves the
    /// type to the provider (a UTC <see cref="DateTime"/> then binds as each provider stores EF's column).
    /// </summary>
    internal static DbParameter Parameter(DbCommand command, string name, DbType? type, object? value = null)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        if (type is { } t) parameter.DbType = t;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
