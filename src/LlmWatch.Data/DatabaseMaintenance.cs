using System.Data;
using System.Data.Common;
using System.Diagnostics;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Search;
using LlmWatch.Data.Values;
using Npgsql;
using NpgsqlTypes;
using static LlmWatch.Data.DbParameters;

namespace LlmWatch.Data;

/// <summary>
/// What a bulk writer (the seed importer, the synthetic generator) runs after writing the base tables, inside its
/// transaction: rebuilds everything derived from them — the two search indexes and the funding summary — and refreshes
/// the planner's statistics, so that queries pick their indexes. It runs on SQLite and PostgreSQL alike; the search index
/// is each engine's own (FTS5 tables on SQLite, pg_trgm and a table of short grams on PostgreSQL: see <see cref="OrganizationSearch"/>).
/// </summary>
public static class DatabaseMaintenance
{
    /// <param name="recordedAt">When the facts this load brought were recorded (<see cref="FactTimes"/>); null: now.</param>
    public static async Task<TimeSpan> AfterBulkLoadAsync(DbConnection connection, DbTransaction? transaction, FxRates rates, CancellationToken cancellationToken = default,
        DateTime? recordedAt = null)
    {
        var clock = Stopwatch.StartNew();
        await FactTimes.StampAllAsync(connection, transaction, recordedAt ?? DateTime.UtcNow, cancellationToken);
        await RebuildSearchAsync(connection, transaction, cancellationToken);
        await RebuildFundingQuartersAsync(connection, transaction, rates, cancellationToken);
        // A bounded ANALYZE: a sample per index is enough for the planner, and costs the same at any size (PostgreSQL samples by itself).
        await ExecuteAsync(connection, transaction, Postgres(connection) ? "ANALYZE;" : "PRAGMA analysis_limit=1000; ANALYZE;", cancellationToken);
        return clock.Elapsed;
    }

    private static bool Postgres(DbConnection connection) => DatabaseEngines.IsPostgreSql(connection);

    /// <summary>
    /// Whether the derived tables cover the base tables: false for a database migrated from before they existed, or
    /// written by a tool that did not call <see cref="AfterBulkLoadAsync"/>.
    /// </summary>
    public static async Task<bool> IsDerivedCurrentAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        await using var command = Command(connection, null,
            """
            SELECT (SELECT count(*) FROM "Organizations") = (SELECT count(*) FROM "OrganizationSearch")
               AND ((SELECT count(*) FROM "FundingQuarters") > 0 OR NOT EXISTS (SELECT 1 FROM "Deals"))
               AND (EXISTS (SELECT 1 FROM "FundingGroups") OR NOT EXISTS (SELECT 1 FROM "Deals"))
               AND NOT EXISTS (SELECT 1 FROM "Organizations" WHERE "RecordedAt" IS NULL)
               AND NOT EXISTS (SELECT 1 FROM "Sources" WHERE "PublishedOn" IS NULL)
            """);
        // SQLite answers 1 or 0, PostgreSQL true or false.
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    public static async Task RebuildSearchAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken = default)
    {
        await ExecuteAsync(connection, transaction, Postgres(connection)
                ? "DELETE FROM \"OrganizationSearch\"; DELETE FROM \"OrganizationGrams\";"
                : "INSERT INTO \"OrganizationSearch\"(\"OrganizationSearch\") VALUES('delete-all'); INSERT INTO \"OrganizationGrams\"(\"OrganizationGrams\") VALUES('delete-all');",
            cancellationToken);
        await IndexAsync(connection, transaction, null, cancellationToken);
    }

    /// <summary>One organisation's search rows, after an approved change added, renamed or retired it.</summary>
    public static async Task ReindexOrganizationAsync(DbConnection connection, DbTransaction? transaction, int id, CancellationToken cancellationToken = default)
    {
        foreach (var table in new[] { "OrganizationSearch", "OrganizationGrams" })
        {
            await using var delete = Command(connection, transaction,
                Postgres(connection) ? $"DELETE FROM \"{table}\" WHERE \"Id\" = @id" : $"DELETE FROM \"{table}\" WHERE rowid = @id");
            Parameter(delete, "@id", DbType.Int32, id);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        await IndexAsync(connection, transaction, id, cancellationToken);
    }

    private static async Task IndexAsync(DbConnection connection, DbTransaction? transaction, int? onlyId, CancellationToken cancellationToken)
    {
        await using var read = Command(connection, transaction,
            "SELECT \"Id\", \"NameZh\", \"NameEn\", \"Aliases\", \"Pinyin\" FROM \"Organizations\"" + (onlyId is null ? "" : " WHERE \"Id\" = @only"));
        if (onlyId is { } only) Parameter(read, "@only", DbType.Int32, only);
        if (connection is NpgsqlConnection postgres)
        {
            // PostgreSQL runs one command at a time on a connection: the rows are read first and copied after.
            var rows = new List<(int Id, string Zh, string En, string Aliases, string Pinyin)>();
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
                while (await reader.ReadAsync(cancellationToken)) rows.Add(SearchRow(reader));
            await CopySearchRowsAsync(postgres, rows, cancellationToken);
            return;
        }

        // SQLite: the FTS5 trigram table's columns, and the grams as one text for the unicode61 tokenizer, written as they are read.
        await using var trigram = Command(connection, transaction,
            "INSERT INTO \"OrganizationSearch\"(rowid, \"NameZh\", \"NameEn\", \"Aliases\", \"Pinyin\") VALUES (@id, @zh, @en, @aliases, @pinyin)");
        var tId = Parameter(trigram, "@id", DbType.Int32);
        var tZh = Parameter(trigram, "@zh", DbType.String);
        var tEn = Parameter(trigram, "@en", DbType.String);
        var tAliases = Parameter(trigram, "@aliases", DbType.String);
        var tPinyin = Parameter(trigram, "@pinyin", DbType.String);
        await using var grams = Command(connection, transaction, "INSERT INTO \"OrganizationGrams\"(rowid, \"Grams\") VALUES (@id, @grams)");
        var gId = Parameter(grams, "@id", DbType.Int32);
        var gGrams = Parameter(grams, "@grams", DbType.String);
        await using var sqliteReader = await read.ExecuteReaderAsync(cancellationToken);
        while (await sqliteReader.ReadAsync(cancellationToken))
        {
            var (id, zh, en, aliases, pinyin) = SearchRow(sqliteReader);
            tId.Value = id; tZh.Value = zh; tEn.Value = en; tAliases.Value = aliases; tPinyin.Value = pinyin;
            await trigram.ExecuteNonQueryAsync(cancellationToken);

            var text = OrganizationSearch.Grams([zh, en, aliases]);
            if (text.Length == 0) continue;
            gId.Value = id; gGrams.Value = text;
            await grams.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>An organisation's searchable texts: SQLite keeps the aliases as a JSON text, PostgreSQL as a text[].</summary>
    private static (int Id, string Zh, string En, string Aliases, string Pinyin) SearchRow(DbDataReader reader)
    {
        var aliases = reader.IsDBNull(3) ? "" : reader.GetValue(3) is string[] list ? string.Join('\n', list) : OrganizationSearch.AliasesText(reader.GetString(3));
        return (reader.GetInt32(0), reader.GetString(1), reader.GetString(2), aliases, reader.IsDBNull(4) ? "" : OrganizationSearch.Compact(reader.GetString(4)));
    }

    /// <summary>
    /// PostgreSQL's search rows by binary COPY, in the caller's transaction (a statement per row cost minutes at a million
    /// organisations): one text of the names and aliases and one of the compact pinyin, each under a pg_trgm index, and
    /// one row per short gram.
    /// </summary>
    private static async Task CopySearchRowsAsync(NpgsqlConnection connection, List<(int Id, string Zh, string En, string Aliases, string Pinyin)> rows,
        CancellationToken cancellationToken)
    {
        await using (var names = await connection.BeginBinaryImportAsync(
            "COPY \"OrganizationSearch\" (\"Id\", \"Names\", \"Pinyin\") FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (id, zh, en, aliases, pinyin) in rows)
            {
                await names.StartRowAsync(cancellationToken);
                await names.WriteAsync(id, NpgsqlDbType.Integer, cancellationToken);
                await names.WriteAsync(zh + "\n" + en + "\n" + aliases, NpgsqlDbType.Text, cancellationToken);
                await names.WriteAsync(pinyin, NpgsqlDbType.Text, cancellationToken);
            }
            await names.CompleteAsync(cancellationToken);
        }
        await using var grams = await connection.BeginBinaryImportAsync(
            "COPY \"OrganizationGrams\" (\"Gram\", \"Id\") FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var (id, zh, en, aliases, _) in rows)
        {
            var text = OrganizationSearch.Grams([zh, en, aliases]);
            if (text.Length == 0) continue;
            // Grams are distinct and joined by single spaces.
            foreach (var gram in text.Split(' '))
            {
                await grams.StartRowAsync(cancellationToken);
                await grams.WriteAsync(gram, NpgsqlDbType.Text, cancellationToken);
                await grams.WriteAsync(id, NpgsqlDbType.Integer, cancellationToken);
            }
        }
        await grams.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// Groups every deal by date, camp, currency, kind and status into FundingGroups (<see cref="FundingGroup"/>: what the funding page
    /// charts), then sums the groups that count as raised (<see cref="OrganizationFigures.CountsAsRaised"/>) by quarter and camp into
    /// FundingQuarters (see <see cref="FundingQuarter"/>). Each group's amounts are converted once, exactly as the funding page's chart
    /// does (<see cref="OrganizationFigures.SumUsd"/>), so the two pages agree to the dollar. One read of the deals.
    /// </summary>
    public static async Task RebuildFundingQuartersAsync(DbConnection connection, DbTransaction? transaction, FxRates rates, CancellationToken cancellationToken = default)
    {
        var groups = new Dictionary<(string? Date, string Camp, string? Currency, string Kind, string Status), (long Min, long Max, int Open, int Deals)>();
        await using (var read = Command(connection, transaction,
            """
            SELECT d."Date", d."Amount_Currency", d."Amount_Min", d."Amount_Max", d."Kind", d."Status", o."Camp"
            FROM "Deals" AS d JOIN "Organizations" AS o ON o."Id" = d."OrganizationId"
            """))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var currency = reader.IsDBNull(1) ? null : reader.GetString(1);
                var key = (reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(6), currency, reader.GetString(4), reader.GetString(5));
                var (min, max, open, deals) = groups.GetValueOrDefault(key);
                groups[key] = currency is null
                    ? (min, max, open, deals + 1)
                    : (min + reader.GetInt64(2), max + (reader.IsDBNull(3) ? 0 : reader.GetInt64(3)), open + (reader.IsDBNull(3) ? 1 : 0), deals + 1);
            }
        }
        var sums = FundingQuarterSums.SumGroups(groups
            .Where(g => OrganizationFigures.CountsAsRaised(Enum.Parse<DealKind>(g.Key.Kind), Enum.Parse<DealStatus>(g.Key.Status)))
            .Select(g => new RaisedGroup(g.Key.Date, g.Key.Camp, g.Key.Currency, g.Key.Kind, g.Value.Min, g.Value.Max, g.Value.Open, g.Value.Deals)), rates);

        await ExecuteAsync(connection, transaction, "DELETE FROM \"FundingQuarters\"; DELETE FROM \"FundingGroups\";", cancellationToken);
        await using (var insert = Command(connection, transaction,
            """
            INSERT INTO "FundingQuarters" ("Year", "Quarter", "Camp", "Deals", "DisclosedDeals", "OpenDeals", "MinUsd", "MaxUsd")
            VALUES (@year, @quarter, @camp, @deals, @disclosed, @open, @min, @max)
            """))
        {
            foreach (var q in sums)
            {
                insert.Parameters.Clear();
                Parameter(insert, "@year", DbType.Int32, q.Year);
                Parameter(insert, "@quarter", DbType.Int32, q.Quarter);
                Parameter(insert, "@camp", DbType.String, q.Camp.ToString());
                Parameter(insert, "@deals", DbType.Int32, q.Deals);
                Parameter(insert, "@disclosed", DbType.Int32, q.DisclosedDeals);
                Parameter(insert, "@open", DbType.Int32, q.OpenDeals);
                Parameter(insert, "@min", DbType.Int64, q.MinUsd);
                Parameter(insert, "@max", DbType.Int64, q.MaxUsd);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await using var group = Command(connection, transaction,
            """
            INSERT INTO "FundingGroups" ("Date", "Camp", "Currency", "Kind", "Status", "Deals", "Min", "Max", "Open")
            VALUES (@date, @camp, @currency, @kind, @status, @deals, @min, @max, @open)
            """);
        var gDate = Parameter(group, "@date", DbType.String);
        var gCamp = Parameter(group, "@camp", DbType.String);
        var gCurrency = Parameter(group, "@currency", DbType.String);
        var gKind = Parameter(group, "@kind", DbType.String);
        var gStatus = Parameter(group, "@status", DbType.String);
        var gDeals = Parameter(group, "@deals", DbType.Int32);
        var gMin = Parameter(group, "@min", DbType.Int64);
        var gMax = Parameter(group, "@max", DbType.Int64);
        var gOpen = Parameter(group, "@open", DbType.Int32);
        foreach (var ((date, camp, currency, kind, status), (min, max, open, deals)) in groups)
        {
            gDate.Value = (object?)date ?? DBNull.Value; gCamp.Value = camp; gCurrency.Value = (object?)currency ?? DBNull.Value;
            gKind.Value = kind; gStatus.Value = status; gDeals.Value = deals; gMin.Value = min; gMax.Value = max; gOpen.Value = open;
            await group.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
