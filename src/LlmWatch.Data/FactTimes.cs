using System.Data;
using System.Data.Common;
using LlmWatch.Data.Entities;
using static LlmWatch.Data.DbParameters;

namespace LlmWatch.Data;

/// <summary>
/// A citation into a dataset counts from its row's own day (<see cref="Citation.KnownFrom"/>: the row's publication date, set by
/// the import), an article's from its source's day.
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
    public static async Task StampAllAsync(DbConnection connection, DbTransaction? transaction, DateTime recordedAt, CancellationToken ct = default)
    {
        // Both engines keep PublishedAt as ISO text; PostgreSQL's PublishedOn is a date, SQLite's the same ISO day as text.
        await ExecuteAsync(connection, transaction, DatabaseEngines.IsPostgreSql(connection)
            ? "UPDATE \"Sources\" SET \"PublishedOn\" = CAST(substr(\"PublishedAt\", 1, 10) AS date);"
            : "UPDATE \"Sources\" SET \"PublishedOn\" = substr(\"PublishedAt\", 1, 10);", null, ct);
        var postgres = DatabaseEngines.IsPostgreSql(connection);
        foreach (var (table, kind) in Tables)
            await ExecuteAsync(connection, transaction, postgres
                // The same three stamps in one statement: PostgreSQL writes a new version of every row it updates, so three
                // passes wrote each fact three times (most of a million-organisation load), and the earliest days in one
                // grouped pass over the citations rather than a lookup per fact.
                ? $"""
                UPDATE "{table}" AS t SET "KnownFrom" = u.known, "RecordedAt" = coalesce(t."RecordedAt", @recorded), "ValidFrom" = coalesce(t."ValidFrom", u.known)
                FROM (SELECT f."Id", k.known FROM "{table}" AS f LEFT JOIN (
                        SELECT c."SubjectId", min(s."PublishedOn") AS known FROM "Citations" AS c JOIN "Sources" AS s ON s."Id" = c."SourceId"
                        WHERE c."SubjectType" = '{kind}' GROUP BY c."SubjectId") AS k ON k."SubjectId" = f."Id") AS u
                WHERE u."Id" = t."Id";
                """
                : $"""
                UPDATE "{table}" SET "KnownFrom" = (
                    SELECT min(coalesce(c."KnownFrom", s."PublishedOn")) FROM "Citations" AS c JOIN "Sources" AS s ON s."Id" = c."SourceId"
                    WHERE c."SubjectType" = '{kind}' AND c."SubjectId" = "{table}"."Id");
                UPDATE "{table}" SET "RecordedAt" = @recorded WHERE "RecordedAt" IS NULL;
                UPDATE "{table}" SET "ValidFrom" = "KnownFrom" WHERE "ValidFrom" IS NULL;
                """, recordedAt, ct);
    }

    /// <summary>
    /// One fact after an approval rewrote its citations: its earliest citing day, the day of the source the approval cited
    /// as the day its version rests on (never earlier than the earliest), and, when new, the approval's time.
    /// </summary>
    public static async Task StampAsync(DbConnection connection, DbTransaction? transaction, SubjectType kind, int id,
        DateOnly? versionFrom, DateTime recordedAt, CancellationToken ct = default)
    {
        var table = TableOf(kind);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"""
            UPDATE "{table}" SET "KnownFrom" = (
                SELECT min(coalesce(c."KnownFrom", s."PublishedOn")) FROM "Citations" AS c JOIN "Sources" AS s ON s."Id" = c."SourceId"
                WHERE c."SubjectType" = '{kind}' AND c."SubjectId" = @id) WHERE "Id" = @id;
            UPDATE "{table}" SET "RecordedAt" = coalesce("RecordedAt", @recorded),
                "ValidFrom" = CASE WHEN @from IS NULL OR @from < "KnownFrom" THEN "KnownFrom" ELSE @from END WHERE "Id" = @id;
            """;
        Parameter(command, "@id", DbType.Int32, id);
        Parameter(command, "@recorded", null, Recorded(recordedAt));
        Parameter(command, "@from", DbType.Date, versionFrom);
        await command.ExecuteNonQueryAsync(ct);
    }

    // A UTC DateTime parameter: SQLite binds it in EF's text form ("yyyy-MM-dd HH:mm:ss.FFFFFFF"), PostgreSQL as timestamptz, so
    // comparisons with the column hold on both.
    private static DateTime Recorded(DateTime time) => DateTime.SpecifyKind(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time, DateTimeKind.Utc);

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, DateTime? recorded, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (recorded is { } r) Parameter(command, "@recorded", null, Recorded(r));
        await command.ExecuteNonQueryAsync(ct);
    }
}
