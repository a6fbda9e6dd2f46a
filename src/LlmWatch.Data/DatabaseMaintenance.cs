using System.Diagnostics;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Search;
using LlmWatch.Data.Values;
using Microsoft.Data.Sqlite;

namespace LlmWatch.Data;

/// <summary>
/// What a bulk writer (the seed importer, the synthetic generator) runs after writing the base tables, inside its
/// transaction: rebuilds everything derived from them — the two search indexes and the funding summary — and refreshes
/// the planner's statistics, so that queries pick their indexes.
/// </summary>
public static class DatabaseMaintenance
{
    /// <param name="recordedAt">When the facts this load brought were recorded (<see cref="FactTimes"/>); null: now.</param>
    public static async Task<TimeSpan> AfterBulkLoadAsync(SqliteConnection connection, SqliteTransaction? transaction, FxRates rates, CancellationToken cancellationToken = default,
        DateTime? recordedAt = null)
    {
        var clock = Stopwatch.StartNew();
        await FactTimes.StampAllAsync(connection, transaction, recordedAt ?? DateTime.UtcNow, cancellationToken);
        await RebuildSearchAsync(connection, transaction, cancellationToken);
        await RebuildFundingQuartersAsync(connection, transaction, rates, cancellationToken);
        // A bounded ANALYZE: a sample per index is enough for the planner, and costs the same at any size.
        await ExecuteAsync(connection, transaction, "PRAGMA analysis_limit=1000; ANALYZE;", cancellationToken);
        return clock.Elapsed;
    }

    /// <summary>
    /// Whether the derived tables cover the base tables: false for a database migrated from before they existed, or
    /// written by a tool that did not call <see cref="AfterBulkLoadAsync"/>.
    /// </summary>
    public static async Task<bool> IsDerivedCurrentAsync(SqliteConnection connection, CancellationToken cancellationToken = default)
    {
        await using var command = Command(connection, null,
            """
            SELECT (SELECT count(*) FROM "Organizations") = (SELECT count(*) FROM "OrganizationSearch")
               AND ((SELECT count(*) FROM "FundingQuarters") > 0 OR NOT EXISTS (SELECT 1 FROM "Deals"))
               AND NOT EXISTS (SELECT 1 FROM "Organizations" WHERE "RecordedAt" IS NULL)
               AND NOT EXISTS (SELECT 1 FROM "Sources" WHERE "PublishedOn" IS NULL)
            """);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    public static async Task RebuildSearchAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken = default)
    {
        await ExecuteAsync(connection, transaction,
            "INSERT INTO \"OrganizationSearch\"(\"OrganizationSearch\") VALUES('delete-all'); INSERT INTO \"OrganizationGrams\"(\"OrganizationGrams\") VALUES('delete-all');",
            cancellationToken);
        await IndexAsync(connection, transaction, null, cancellationToken);
    }

    /// <summary>One organisation's search rows, after an approved change added, renamed or retired it.</summary>
    public static async Task ReindexOrganizationAsync(SqliteConnection connection, SqliteTransaction? transaction, int id, CancellationToken cancellationToken = default)
    {
        foreach (var table in new[] { "OrganizationSearch", "OrganizationGrams" })
        {
            await using var delete = Command(connection, transaction, $"DELETE FROM \"{table}\" WHERE rowid = $id");
            delete.Parameters.AddWithValue("$id", id);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        await IndexAsync(connection, transaction, id, cancellationToken);
    }

    private static async Task IndexAsync(SqliteConnection connection, SqliteTransaction? transaction, int? onlyId, CancellationToken cancellationToken)
    {

        await using var trigram = Command(connection, transaction,
            "INSERT INTO \"OrganizationSearch\"(rowid, \"NameZh\", \"NameEn\", \"Aliases\", \"Pinyin\") VALUES ($id, $zh, $en, $aliases, $pinyin)");
        var tId = trigram.Parameters.Add("$id", SqliteType.Integer);
        var tZh = trigram.Parameters.Add("$zh", SqliteType.Text);
        var tEn = trigram.Parameters.Add("$en", SqliteType.Text);
        var tAliases = trigram.Parameters.Add("$aliases", SqliteType.Text);
        var tPinyin = trigram.Parameters.Add("$pinyin", SqliteType.Text);
        await using var grams = Command(connection, transaction, "INSERT INTO \"OrganizationGrams\"(rowid, \"Grams\") VALUES ($id, $grams)");
        var gId = grams.Parameters.Add("$id", SqliteType.Integer);
        var gGrams = grams.Parameters.Add("$grams", SqliteType.Text);

        await using var read = Command(connection, transaction,
            "SELECT \"Id\", \"NameZh\", \"NameEn\", \"Aliases\", \"Pinyin\" FROM \"Organizations\"" + (onlyId is null ? "" : " WHERE \"Id\" = $only"));
        if (onlyId is { } only) read.Parameters.AddWithValue("$only", only);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt64(0);
            var zh = reader.GetString(1);
            var en = reader.GetString(2);
            var aliases = OrganizationSearch.AliasesText(reader.IsDBNull(3) ? null : reader.GetString(3));
            var pinyin = reader.IsDBNull(4) ? "" : OrganizationSearch.Compact(reader.GetString(4));

            tId.Value = id; tZh.Value = zh; tEn.Value = en; tAliases.Value = aliases; tPinyin.Value = pinyin;
            await trigram.ExecuteNonQueryAsync(cancellationToken);

            var text = OrganizationSearch.Grams([zh, en, aliases]);
            if (text.Length == 0) continue;
            gId.Value = id; gGrams.Value = text;
            await grams.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Sums the deals that count as raised (<see cref="OrganizationFigures.CountsAsRaised"/>) by quarter and camp into FundingQuarters
    /// (see <see cref="FundingQuarter"/>). Amounts are summed per date, camp, currency and kind and each sum converted once, exactly as
    /// the funding page's chart does (<see cref="OrganizationFigures.SumUsd"/>), so the two pages agree to the dollar.
    /// </summary>
    public static async Task RebuildFundingQuartersAsync(SqliteConnection connection, SqliteTransaction? transaction, FxRates rates, CancellationToken cancellationToken = default)
    {
        var rounds = new List<RaisedRound>();
        await using (var read = Command(connection, transaction,
            $"""
            SELECT d."Date", d."Amount_Currency", d."Amount_Min", d."Amount_Max", d."Kind", o."Camp"
            FROM "Deals" AS d JOIN "Organizations" AS o ON o."Id" = d."OrganizationId"
            WHERE d."Kind" IN ({string.Join(", ", OrganizationFigures.RaisedKinds.Select(k => $"'{k}'"))}) AND d."Status" = '{OrganizationFigures.RaisedStatus}'
            """))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                rounds.Add(new RaisedRound(reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(5),
                    reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? 0 : reader.GetInt64(2),
                    reader.IsDBNull(3) ? null : reader.GetInt64(3), reader.GetString(4)));
        }
        var sums = FundingQuarterSums.Sum(rounds, rates);

        await ExecuteAsync(connection, transaction, "DELETE FROM \"FundingQuarters\";", cancellationToken);
        await using var insert = Command(connection, transaction,
            """
            INSERT INTO "FundingQuarters" ("Year", "Quarter", "Camp", "Deals", "DisclosedDeals", "OpenDeals", "MinUsd", "MaxUsd")
            VALUES ($year, $quarter, $camp, $deals, $disclosed, $open, $min, $max)
            """);
        foreach (var q in sums)
        {
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$year", (object?)q.Year ?? DBNull.Value);
            insert.Parameters.AddWithValue("$quarter", (object?)q.Quarter ?? DBNull.Value);
            insert.Parameters.AddWithValue("$camp", q.Camp.ToString());
            insert.Parameters.AddWithValue("$deals", q.Deals);
            insert.Parameters.AddWithValue("$disclosed", q.DisclosedDeals);
            insert.Parameters.AddWithValue("$open", q.OpenDeals);
            insert.Parameters.AddWithValue("$min", q.MinUsd);
            insert.Parameters.AddWithValue("$max", q.MaxUsd);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
