using System.Collections;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LlmWatch.Data;

/// <summary>
/// A server can go away while rows are being read, after the command itself succeeded: EF Core has no failure notification
/// for that, so the reader is wrapped and a driver failure while reading is reported as <see cref="DataUnavailableException"/>
/// like any other (PostgreSQL only: a SQLite file does not go away mid-read).
/// </summary>
internal sealed class GuardedReaderInterceptor : DbCommandInterceptor
{
    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result) => Guard(eventData, result);

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken cancellationToken = default) => ValueTask.FromResult(Guard(eventData, result));

    // Queries only: Npgsql's SaveChanges reads its own reader type back (generated keys), and a failed save is a DbUpdateException already.
    private static DbDataReader Guard(CommandExecutedEventData eventData, DbDataReader result) =>
        eventData.CommandSource is CommandSource.LinqQuery or CommandSource.FromSqlQuery ? new GuardedDataReader(result) : result;
}

internal sealed class GuardedDataReader(DbDataReader inner) : DbDataReader
{
    private const string What = "The database is unavailable";

    private static T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (DataUnavailableException.IsProviderFailure(e) || e is IOException)
        {
            throw DataUnavailableException.From(What, e);
        }
    }

    private static async Task<T> GuardAsync<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception e) when (DataUnavailableException.IsProviderFailure(e) || e is IOException)
        {
            throw DataUnavailableException.From(What, e);
        }
    }

    public override bool Read() => Guard(inner.Read);
    public override Task<bool> ReadAsync(CancellationToken cancellationToken) => GuardAsync(() => inner.ReadAsync(cancellationToken));
    public override bool NextResult() => Guard(inner.NextResult);
    public override Task<bool> NextResultAsync(CancellationToken cancellationToken) => GuardAsync(() => inner.NextResultAsync(cancellationToken));
    public override T GetFieldValue<T>(int ordinal) => Guard(() => inner.GetFieldValue<T>(ordinal));
    public override Task<T> GetFieldValueAsync<T>(int ordinal, CancellationToken cancellationToken) => GuardAsync(() => inner.GetFieldValueAsync<T>(ordinal, cancellationToken));
    public override Task<bool> IsDBNullAsync(int ordinal, CancellationToken cancellationToken) => GuardAsync(() => inner.IsDBNullAsync(ordinal, cancellationToken));

    public override int Depth => inner.Depth;
    public override int FieldCount => inner.FieldCount;
    public override int VisibleFieldCount => inner.VisibleFieldCount;
    public override bool HasRows => inner.HasRows;
    public override bool IsClosed => inner.IsClosed;
    public override int RecordsAffected => inner.RecordsAffected;
    public override object this[int ordinal] => inner[ordinal];
    public override object this[string name] => inner[name];
    public override bool GetBoolean(int ordinal) => inner.GetBoolean(ordinal);
    public override byte GetByte(int ordinal) => inner.GetByte(ordinal);
    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => inner.GetBytes(ordinal, dataOffset, buffer, bufferOffset, length);
    public override char GetChar(int ordinal) => inner.GetChar(ordinal);
    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => inner.GetChars(ordinal, dataOffset, buffer, bufferOffset, length);
    public override string GetDataTypeName(int ordinal) => inner.GetDataTypeName(ordinal);
    public override DateTime GetDateTime(int ordinal) => inner.GetDateTime(ordinal);
    public override decimal GetDecimal(int ordinal) => inner.GetDecimal(ordinal);
    public override double GetDouble(int ordinal) => inner.GetDouble(ordinal);
    public override IEnumerator GetEnumerator() => ((IEnumerable)inner).GetEnumerator();
    public override Type GetFieldType(int ordinal) => inner.GetFieldType(ordinal);
    public override float GetFloat(int ordinal) => inner.GetFloat(ordinal);
    public override Guid GetGuid(int ordinal) => inner.GetGuid(ordinal);
    public override short GetInt16(int ordinal) => inner.GetInt16(ordinal);
    public override int GetInt32(int ordinal) => inner.GetInt32(ordinal);
    public override long GetInt64(int ordinal) => inner.GetInt64(ordinal);
    public override string GetName(int ordinal) => inner.GetName(ordinal);
    public override int GetOrdinal(string name) => inner.GetOrdinal(name);
    public override string GetString(int ordinal) => inner.GetString(ordinal);
    public override object GetValue(int ordinal) => inner.GetValue(ordinal);
    public override int GetValues(object[] values) => inner.GetValues(values);
    public override bool IsDBNull(int ordinal) => inner.IsDBNull(ordinal);
    public override Type GetProviderSpecificFieldType(int ordinal) => inner.GetProviderSpecificFieldType(ordinal);
    public override object GetProviderSpecificValue(int ordinal) => inner.GetProviderSpecificValue(ordinal);
    public override Stream GetStream(int ordinal) => inner.GetStream(ordinal);
    public override TextReader GetTextReader(int ordinal) => inner.GetTextReader(ordinal);
    public override System.Data.DataTable? GetSchemaTable() => inner.GetSchemaTable();
    public override void Close() => inner.Close();
    public override Task CloseAsync() => inner.CloseAsync();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync() => inner.DisposeAsync();
}
