using System.Globalization;
using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;
using LlmWatch.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace LlmWatch.Tests.Features.Funding;

/// <summary>A deal as the old in-memory code saw it: enough to recompute the funding page's rows and chart without SQL.</summary>
public sealed record ScaleDeal(int Id, string Slug, string Company, Camp Camp, DealKind Kind, DealStage Stage, DealStatus Status, PartialDate? Date,
    Money? Amount, Money? Valuation, List<string> Participants);

/// <summary>
/// The app over the seed plus a few thousand synthetic companies with 1–3 deals each (dates to the year, month or day, or none; amounts exact,
/// ranged, open or undisclosed, in both currencies; investors and people taking part), and every deal read back for the expected answers.
/// </summary>
public sealed class ScaleFixture : IAsyncLifetime
{
    public const int Companies = 3000;

    public LlmWatchFactory App { get; } = new();
    public FxRates Rates { get; } = FxRates.Load(RepositoryData.Directory);
    public List<ScaleDeal> Deals { get; private set; } = [];

    public async Task InitializeAsync()
    {
        using (App.CreateClient()) { } // starts the app, which migrates and imports the seed
        await using var connection = new SqliteConnection($"Data Source={App.DatabaseFile}");
        await connection.OpenAsync();
        await using (var transaction = connection.BeginTransaction())
        {
            await WriteAsync(connection, transaction);
            await DatabaseMaintenance.AfterBulkLoadAsync(connection, transaction, Rates);
            await transaction.CommitAsync();
        }
        Deals = await ReadAsync(connection);
    }

    private async Task WriteAsync(SqliteConnection connection, SqliteTransaction transaction)
    {
        var random = new Random(20261128);
        var camps = Enum.GetValues<Camp>();
        var kinds = Enum.GetValues<DealKind>();
        var stages = Enum.GetValues<DealStage>();
        var statuses = Enum.GetValues<DealStatus>();

        var investors = new List<long>();
        for (var i = 0; i < 150; i++)
            investors.Add(await InsertAsync(connection, transaction,
                "INSERT INTO Organizations (NameZh, NameEn, Aliases, Kind, Status, Camp, Slug, Notes) VALUES ($zh, $en, '[]', 'Investor', 'Active', 'None', $slug, '[]')",
                ("$zh", $"规模资本{i}"), ("$en", $"Scale Capital {i}"), ("$slug", $"scale-capital-{i}")));
        var people = new List<long>();
        for (var i = 0; i < 40; i++)
            people.Add(await InsertAsync(connection, transaction,
                "INSERT INTO People (NameZh, NameEn, IsPseudonym, Slug, Notes) VALUES ($zh, $en, 0, $slug, '[]')",
                ("$zh", $"天使{i}号"), ("$en", $"Angel Number {i}"), ("$slug", $"scale-angel-{i}")));

        for (var c = 0; c < Companies; c++)
        {
            var deals = new List<(PartialDate? Date, Money? Valuation)>();
            var company = await InsertAsync(connection, transaction,
                "INSERT INTO Organizations (NameZh, NameEn, Aliases, Kind, Status, Camp, Slug, Notes) VALUES ($zh, $en, '[]', 'Startup', 'Active', $camp, $slug, '[]')",
                ("$zh", $"规模智能{c}"), ("$en", $"Scale AI {c}"), ("$camp", camps[random.Next(camps.Length)].ToString()), ("$slug", $"scale-ai-{c}"));
            for (var d = random.Next(1, 4); d > 0; d--)
            {
                var date = RandomDate(random);
                var amount = random.Next(4) == 0 ? null : RandomMoney(random);
                var valuation = random.Next(4) == 0 ? RandomMoney(random) : null;
                deals.Add((date, valuation));
                var deal = await InsertAsync(connection, transaction,
                    """
                    INSERT INTO Deals (OrganizationId, Kind, Stage, Date, Status, ValuationIsRaisingAt, Amount_Currency, Amount_Min, Amount_Max, Amount_Text,
                                       Amount_Approximate, Valuation_Currency, Valuation_Min, Valuation_Max, Valuation_Text, Valuation_Approximate, Slug, Notes)
                    VALUES ($org, $kind, $stage, $date, $status, $raising, $ac, $amin, $amax, $atext, $aapprox, $vc, $vmin, $vmax, $vtext, $vapprox, $slug, '[]')
                    """,
                    ("$org", company), ("$kind", kinds[random.Next(kinds.Length)].ToString()), ("$stage", stages[random.Next(stages.Length)].ToString()),
                    ("$date", date?.ToString()), ("$status", statuses[random.Next(statuses.Length)].ToString()), ("$raising", random.Next(5) == 0 ? 1 : 0),
                    ("$ac", amount?.Currency), ("$amin", amount?.Min), ("$amax", amount?.Max), ("$atext", amount?.Text), ("$aapprox", amount?.Approximate),
                    ("$vc", valuation?.Currency), ("$vmin", valuation?.Min), ("$vmax", valuation?.Max), ("$vtext", valuation?.Text), ("$vapprox", valuation?.Approximate),
                    ("$slug", $"scale-ai-{c}-deal-{d}"));
                var taking = random.Next(4);
                for (var p = 0; p < taking; p++)
                {
                    var person = random.Next(5) == 0;
                    await InsertAsync(connection, transaction,
                        "INSERT INTO DealParticipants (DealId, Ordinal, OrganizationId, PersonId, Role) VALUES ($deal, $ordinal, $org, $person, $role)",
                        ("$deal", deal), ("$ordinal", p), ("$org", person ? null : investors[random.Next(investors.Count)]),
                        ("$person", person ? people[random.Next(people.Count)] : null), ("$role", p == 0 ? "Lead" : "Investor"));
                }
            }
            var latest = deals.Where(x => x.Valuation is not null).OrderBy(x => x.Date?.Start ?? DateOnly.MinValue).Select(x => (long?)Rates.Convert(x.Valuation!, "USD", x.Date ?? new PartialDate(2023, 8)).Min).LastOrDefault();
            if (latest is not null)
                await InsertAsync(connection, transaction, "UPDATE Organizations SET LatestValuationUsd = $usd WHERE Id = $id", ("$usd", latest), ("$id", company));
        }
    }

    private static PartialDate? RandomDate(Random random)
    {
        var year = random.Next(2016, 2026);
        return random.Next(10) switch
        {
            0 => null,
            1 or 2 => new PartialDate(year),
            3 or 4 or 5 or 6 => new PartialDate(year, random.Next(1, 13)),
            _ => new PartialDate(year, random.Next(1, 13), random.Next(1, 29)),
        };
    }

    private static Money RandomMoney(Random random)
    {
        var currency = random.Next(2) == 0 ? "CNY" : "USD";
        var min = (long)random.Next(1, 5000) * 1_000_000;
        return random.Next(6) switch
        {
            0 => new Money(currency, min, null, "at least"),
            1 or 2 => new Money(currency, min, min * random.Next(2, 6), "a range"),
            _ => new Money(currency, min, min, "exact"),
        };
    }

    private static async Task<long> InsertAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql + "; SELECT last_insert_rowid();";
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<ScaleDeal>> ReadAsync(SqliteConnection connection)
    {
        var participants = new Dictionary<int, List<string>>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT p.DealId, COALESCE(o.Slug, pe.Slug) FROM DealParticipants p
                LEFT JOIN Organizations o ON o.Id = p.OrganizationId LEFT JOIN People pe ON pe.Id = p.PersonId
                """;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (!participants.TryGetValue(reader.GetInt32(0), out var list)) participants[reader.GetInt32(0)] = list = [];
                list.Add(reader.GetString(1));
            }
        }
        var deals = new List<ScaleDeal>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT d.Id, d.Slug, o.Slug, o.Camp, d.Kind, d.Stage, d.Status, d.Date, d.Amount_Currency, d.Amount_Min, d.Amount_Max,
                       d.Valuation_Currency, d.Valuation_Min, d.Valuation_Max
                FROM Deals d JOIN Organizations o ON o.Id = d.OrganizationId
                """;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                Money? MoneyAt(int i) => reader.IsDBNull(i) ? null : new Money(reader.GetString(i), reader.GetInt64(i + 1), reader.IsDBNull(i + 2) ? null : reader.GetInt64(i + 2), "");
                deals.Add(new ScaleDeal(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), Enum.Parse<Camp>(reader.GetString(3)),
                    Enum.Parse<DealKind>(reader.GetString(4)), Enum.Parse<DealStage>(reader.GetString(5)), Enum.Parse<DealStatus>(reader.GetString(6)),
                    reader.IsDBNull(7) ? null : PartialDate.Parse(reader.GetString(7)), MoneyAt(8), MoneyAt(11),
                    participants.GetValueOrDefault(reader.GetInt32(0)) ?? []));
            }
        }
        return deals;
    }

    async Task IAsyncLifetime.DisposeAsync() => await App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ScaleCollection : ICollectionFixture<ScaleFixture>
{
    public const string Name = "scale";
}

public static class PersistedState
{
    /// <summary>The bytes of the component state the prerendered page hands to its circuit (the base64 inside the state comment).</summary>
    public static int Bytes(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "<!--Blazor-Server-Component-State:([A-Za-z0-9+/=]*)-->");
        return match.Success ? match.Groups[1].Value.Length : 0;
    }

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
