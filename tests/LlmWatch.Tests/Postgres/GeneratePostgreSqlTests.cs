using LlmWatch.Data;
using LlmWatch.Tests.Infrastructure;
using LlmWatch.Tests.Synthetic;
using LlmWatch.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LlmWatch.Tests.Postgres;

/// <summary>
/// <c>generate --provider PostgreSQL</c>: the same seed writes the same landscape as into a SQLite file — the same rows in
/// every table, and the same JSON from every API route of the app served over each — and refuses what the SQLite target refuses.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class GeneratePostgreSqlTests(PostgresServer server) : IDisposable
{
    private const int Organizations = 300;
    private const string Seed = "11";
    private readonly string _file = SyntheticDatabase.NewFile();

    private static readonly string[] Tables =
    [
        "Organizations", "CampAssignments", "People", "Roles", "Models", "Deals", "DealParticipants", "Events", "Citations",
        "EventOrganizations", "EventPeople", "EventModels", "EventDeals", "Sources", "FundingGroups", "FundingQuarters",
    ];

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(DataOptions data, params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await GenerateCommand.RunAsync(["generate", .. args], data, SyntheticDatabase.Rates, NullLoggerFactory.Instance, output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    private static DataOptions SqliteApp() => new() { Directory = RepositoryData.Directory, ConnectionString = $"Data Source={SyntheticDatabase.NewFile()}" };

    private string NewTarget(out string name)
    {
        name = server.NewDatabaseName(out var connectionString);
        return new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
    }

    [SkippableFact]
    public async Task The_same_seed_gives_the_same_landscape_and_the_same_API_answers_on_both_providers()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        var target = NewTarget(out var name);

        var sqlite = await RunAsync(SqliteApp(), "--organizations", $"{Organizations}", "--seed", Seed, "--db", _file);
        var postgres = await RunAsync(SqliteApp(), "--organizations", $"{Organizations}", "--seed", Seed, "--provider", "PostgreSQL", "--connection", target);

        Assert.True(sqlite.ExitCode == 0, sqlite.Errors);
        Assert.True(postgres.ExitCode == 0, postgres.Errors);
        Assert.Contains($"Generated {Organizations} organizations (seed {Seed}) into PostgreSQL", postgres.Output);
        foreach (var table in Tables)
            Assert.True(await CountAsync(new SqliteConnection($"Data Source={_file};Mode=ReadOnly;Pooling=False"), table) == await CountAsync(new NpgsqlConnection(target), table),
                $"{table} has another number of rows on PostgreSQL");
        Assert.Equal(Organizations, await CountAsync(new NpgsqlConnection(target), "OrganizationSearch"));
        await using (var maintenance = new NpgsqlConnection(server.AdminConnectionString))
        {
            await maintenance.OpenAsync();
            await using var partial = new NpgsqlCommand($"SELECT count(*) FROM pg_database WHERE datname = '{name}_partial'", maintenance);
            Assert.Equal(0L, await partial.ExecuteScalarAsync());
        }

        await using var sqliteApp = new GeneratedApp($"Data Source={_file}", postgres: false);
        await using var postgresApp = new GeneratedApp(new NpgsqlConnectionStringBuilder(target) { Pooling = true }.ConnectionString, postgres: true);
        using var sqliteClient = sqliteApp.CreateClient("en");
        using var postgresClient = postgresApp.CreateClient("en");
        var urls = await ProviderParityTests.UrlsAsync(sqliteApp, sqliteClient);
        var differences = new List<string>();
        foreach (var url in urls)
        {
            var (sqliteStatus, sqliteBody) = await ProviderParityTests.GetAsync(sqliteClient, url);
            var (postgresStatus, postgresBody) = await ProviderParityTests.GetAsync(postgresClient, url);
            if (sqliteStatus != postgresStatus || sqliteBody != postgresBody) differences.Add($"{url}: SQLite {sqliteStatus}, PostgreSQL {postgresStatus}");
        }
        Assert.True(urls.Count > Organizations, $"Only {urls.Count} URLs were compared.");
        Assert.True(differences.Count == 0, $"{differences.Count} of {urls.Count} answers differ:\n" + string.Join('\n', differences.Take(8)));
    }

    [SkippableFact]
    public async Task Identities_continue_after_the_copied_ids()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        var target = NewTarget(out _);

        var run = await RunAsync(SqliteApp(), "--organizations", "20", "--provider", "PostgreSQL", "--connection", target);

        Assert.True(run.ExitCode == 0, run.Errors);
        await using var connection = new NpgsqlConnection(target);
        await connection.OpenAsync();
        foreach (var table in new[] { "Organizations", "Deals", "Citations" })
        {
            await using var next = new NpgsqlCommand($"SELECT nextval(pg_get_serial_sequence('\"{table}\"', 'Id')) - (SELECT max(\"Id\") FROM \"{table}\")", connection);
            Assert.Equal(1L, await next.ExecuteScalarAsync());
        }
    }

    [SkippableFact]
    public async Task An_existing_database_is_refused_without_replace_and_replaced_with_it()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        var target = NewTarget(out var name);
        await using (var maintenance = new NpgsqlConnection(server.AdminConnectionString))
        {
            await maintenance.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", maintenance);
            await create.ExecuteNonQueryAsync();
        }
        await using (var connection = new NpgsqlConnection(target))
        {
            await connection.OpenAsync();
            await using var keep = new NpgsqlCommand("CREATE TABLE keep_me (x int); INSERT INTO keep_me VALUES (42);", connection);
            await keep.ExecuteNonQueryAsync();
        }

        var refused = await RunAsync(SqliteApp(), "--organizations", "10", "--provider", "PostgreSQL", "--connection", target);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--replace", refused.Errors);
        Assert.Equal(1L, await CountAsync(new NpgsqlConnection(target), "keep_me"));

        var replaced = await RunAsync(SqliteApp(), "--organizations", "10", "--provider", "PostgreSQL", "--connection", target, "--replace");
        Assert.True(replaced.ExitCode == 0, replaced.Errors);
        Assert.Equal(10L, await CountAsync(new NpgsqlConnection(target), "Organizations"));
        await Assert.ThrowsAsync<PostgresException>(() => CountAsync(new NpgsqlConnection(target), "keep_me"));
    }

    [SkippableFact]
    public async Task The_apps_own_database_is_refused_with_exit_2()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        var target = NewTarget(out var name);
        var app = new DataOptions { Directory = RepositoryData.Directory, Provider = "PostgreSQL", ConnectionString = target };

        var run = await RunAsync(app, "--organizations", "10", "--provider", "PostgreSQL", "--connection", target, "--replace");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("configured database", run.Errors);
        await using var maintenance = new NpgsqlConnection(server.AdminConnectionString);
        await maintenance.OpenAsync();
        await using var exists = new NpgsqlCommand($"SELECT count(*) FROM pg_database WHERE datname LIKE '{name}%'", maintenance);
        Assert.Equal(0L, await exists.ExecuteScalarAsync());
    }

    [SkippableFact]
    public async Task An_unreachable_server_fails_with_exit_1_and_a_clear_message()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);

        var run = await RunAsync(SqliteApp(), "--organizations", "10", "--provider", "PostgreSQL", "--connection", PostgresServer.Unreachable() + ";Password=hunter2");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("The generation failed", run.Errors);
        Assert.DoesNotContain("hunter2", run.Errors);
    }

    private static async Task<long> CountAsync(System.Data.Common.DbConnection connection, string table)
    {
        await using (connection)
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM \"{table}\"";
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public void Dispose() => SyntheticDatabase.Delete(_file);

    /// <summary>The app over a generated database, on either provider, with the API's limits lifted for the comparison.</summary>
    private sealed class GeneratedApp(string connectionString, bool postgres) : LlmWatchFactory
    {
        protected override string ConnectionString => connectionString;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (postgres) builder.UseSetting(DataOptions.ProviderKey, "PostgreSQL");
            foreach (var (key, value) in ProviderParityTests.Unlimited) builder.UseSetting(key, value);
        }
    }
}
