using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace LlmWatch.Tests.Postgres;

/// <summary>
/// A throwaway PostgreSQL for the provider tests: the server <c>LLMWATCH_TEST_PG</c> names (a connection string of a role that may
/// create databases), else a cluster of its own — <c>initdb</c> into a temporary folder and <c>pg_ctl</c> on a free loopback port,
/// as an unprivileged user (initdb refuses root: as root it runs through <c>runuser -u nobody</c>). Without PostgreSQL's binaries
/// the tests skip and say why, except in CI (<c>CI=true</c>), where that is a failure. Each test takes a database of its own.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string EnvironmentVariable = "LLMWATCH_TEST_PG";

    private string? _folder;
    private string? _binaries;
    private int _port;
    private bool _asNobody;

    /// <summary>Why the PostgreSQL tests skip, or null when a server answers.</summary>
    public string? SkipReason { get; private set; }

    /// <summary>A connection string to the server's maintenance database.</summary>
    public string AdminConnectionString { get; private set; } = "";

    /// <summary>Whether this fixture started the server (and so may stop and start it for the fault tests).</summary>
    public bool OwnsServer => _folder is not null;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } given)
        {
            AdminConnectionString = given;
            return;
        }
        _binaries = FindBinaries();
        if (_binaries is null)
        {
            const string reason = "No PostgreSQL binaries (initdb, pg_ctl) in PATH or /usr/lib/postgresql/*/bin: install Debian's postgresql-15, or set "
                                  + EnvironmentVariable + " to a server's connection string, to run the PostgreSQL tests.";
            if (InCi) throw new InvalidOperationException("CI=true but " + reason);
            SkipReason = reason;
            return;
        }
        _asNobody = Environment.UserName == "root";
        _folder = Path.Combine(Path.GetTempPath(), $"llmwatch-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_folder);
        if (_asNobody) await RunAsync("chown", ["nobody", _folder], asNobody: false);
        await RunAsync(Path.Combine(_binaries, "initdb"),
            ["-D", DataFolder, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--lc-ctype=C.UTF-8"], _asNobody);
        _port = FreePort();
        await StartAsync();
        AdminConnectionString = $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres;Pooling=false";
    }

    private string DataFolder => Path.Combine(_folder!, "data");

    public Task StartAsync() => RunAsync(Path.Combine(_binaries!, "pg_ctl"),
        ["-D", DataFolder, "-l", Path.Combine(_folder!, "server.log"), "-w", "-t", "60", "-o",
            $"-p {_port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300", "start"],
        _asNobody);

    public Task StopAsync() => RunAsync(Path.Combine(_binaries!, "pg_ctl"), ["-D", DataFolder, "-m", "immediate", "-w", "stop"], _asNobody);

    /// <summary>A new empty database (UTF-8, C collation, C.UTF-8 character classes for pg_trgm) and its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"llmwatch_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand(
                $"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ToString();
    }

    /// <summary>The connection string of a database on this server that no one created: a migration creates it.</summary>
    public string NewDatabaseName(out string connectionString)
    {
        var name = $"llmwatch_test_{Guid.NewGuid():N}";
        connectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ToString();
        return name;
    }

    /// <summary>A connection string to a loopback port where nothing listens.</summary>
    public static string Unreachable() => $"Host=127.0.0.1;Port={FreePort()};Username=postgres;Database=llmwatch;Timeout=2";

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_folder is null) return;
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped by a test.
        }
        Directory.Delete(_folder, recursive: true);
    }

    private static string? FindBinaries()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"))) return dir;
        if (!Directory.Exists("/usr/lib/postgresql")) return null;
        return Directory.EnumerateDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => d, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, string[] arguments, bool asNobody)
    {
        var start = new ProcessStartInfo(asNobody ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asNobody)
        {
            foreach (var a in new[] { "-u", "nobody", "--", program }) start.ArgumentList.Add(a);
        }
        foreach (var a in arguments) start.ArgumentList.Add(a);
        // The server must not inherit the test host's output pipes, or the test run waits for it.
        start.Environment["LC_ALL"] = "C.UTF-8";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}{await output}");
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
