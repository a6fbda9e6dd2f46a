using LlmWatch.Data.Entities;
using Microsoft.Data.Sqlite;

namespace LlmWatch.Data;

/// <summary>
/// Keeps the time columns that <c>asOf</c> and <c>recordedAt</c> filter on: each source's publication day, each fact's
/// earliest citing source's day (<see cref="Fact.KnownFrom"/>), the day its current version rests on
/// (<see cref="Fact.ValidFrom"/>) and when LlmWatch recorded it (<see cref="Fact.RecordedAt"/>). Set-based SQL, so a bulk
/// load of 100,000 organisations pays one statement per table.
/// </summary>
public static class FactTimes
{
    /// <summary>The fact tables with the <see cref="SubjectType"/> their citations name.</summary>
    public static readonly IReadOnlyList<(string Table, SubjectType Kind)> Tables =
    [
        ("Organizations", SubjectType.Organization), ("CampAssignments", SubjectType.CampAssignment), ("People", SubjectType.Person),
        ("Roles", SubjectType.Role), ("Models", SubjectType.Model), ("Deals", SubjectType.Deal), ("Events", SubjectType.Event),
        ("Viewpoints", SubjectType.Viewpoint), ("Statistics", SubjectType.Statistic),
    ];

    public static string TableOf(SubjectType kind) => Tables.First(t => t.Kind == kind).Table;

    /// <summary>
    /// After a bulk load: every source's day, every fact's earliest citing day; a fact never stamped gets
    /// <paramref name="recordedAt"/> (the import's time) and its earliest day as the day its version rests on.
    /// </summary>
    public static async Task StampAllAsync(SqliteConnection connection, SqliteTransaction? transaction, DateTime recordedAt, CancellationToken ct = default)
    {
        await ExecuteAsync(connection, transaction, "UPDATE \"Sources\" SET \"PublishedOn\" = substr(\"PublishedAt\", 1, 10);", null, ct);
        foreach (var (table, kind) in Tables)
            await ExecuteAsync(connection, transaction,
                $"""
                UPDATE "{table}" SET "KnownFrom" = (
                    SELECT min(s."PublishedOn") FROM "Citations" AS c JOIN "Sources" AS s ON s."Id" = c."SourceId"
                    WHERE c."SubjectType" = '{kind}' AND c."SubjectId" = "{table}"."Id");
                UPDATE "{table}" SET "RecordedAt" = $recorded WHERE "RecordedAt" IS NULL;
                UPDATE "{table}" SET "ValidFrom" = "KnownFrom" WHERE "ValidFrom" IS NULL;
                """, recordedAt, ct);
    }

    /// <summary>
    /// One fact after an approval rewrote its citations: its earliest citing day, the day of the source the approval cited
    /// as the day its version rests on (never earlier than the earliest), and, when new, the approval's time.
    /// </summary>
    public static async Task StampAsync(SqliteConnection connection, SqliteTransaction? transaction, SubjectType kind, int id,
        DateOnly? versionFrom, DateTime recordedAt, CancellationToken ct = default)
    {
        var table = TableOf(kind);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"""
            UPDATE "{table}" SET "KnownFrom" = (
                SELECT min(s."PublishedOn") FROM "Citations" AS c JOIN "Sources" AS s ON s."Id" = c."SourceId"
                WHERE c."SubjectType" = '{kind}' AND c."SubjectId" = $id) WHERE "Id" = $id;
            UPDATE "{table}" SET "RecordedAt" = coalesce("RecordedAt", $recorded),
                "ValidFrom" = CASE WHEN $from IS NULL OR $from < "KnownFrom" THEN "KnownFrom" ELSE $from END WHERE "Id" = $id;
            """;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$recorded", Recorded(recordedAt));
        command.Parameters.AddWithValue("$from", versionFrom is { } d ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : DBNull.Value);
        await command.ExecuteNonQueryAsync(ct);
    }

    // EF's SQLite text form of a DateTime, so that comparisons with its parameters hold.
    private static string Recorded(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, DateTime? recorded, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (recorded is { } r) command.Parameters.AddWithValue("$recorded", Recorded(r));
        await command.ExecuteNonQueryAsync(ct);
    }
}
