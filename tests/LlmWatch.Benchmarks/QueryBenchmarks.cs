using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Search;
using LlmWatch.Data.Values;
using LlmWatch.Web.Features.Companies;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace LlmWatch.Benchmarks;

/// <summary>
/// The queries behind the directory, a profile, funding by quarter and search, through the app's own query classes, over
/// generated databases of 10k, 100k and 1M organisations (LLMWATCH_BENCH_DIR/synthetic-{N}.db, made by tests/perf/bench.sh),
/// and, when LLMWATCH_BENCH_PG names a PostgreSQL server, the same sizes there (databases synthetic_{N}, made by bench.sh too).
/// Every size and provider runs in the same process run, side by side, so that their ratios hold on a shared machine.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class QueryBenchmarks
{
    [ParamsSource(typeof(BenchmarkDatabase), nameof(BenchmarkDatabase.Providers))]
    public DatabaseEngine Provider { get; set; }

    [ParamsSource(typeof(BenchmarkDatabase), nameof(BenchmarkDatabase.Sizes))]
    public int Organizations { get; set; }

    private PooledDbContextFactory<LlmWatchDbContext> _factory = null!;
    private CompanyQueries _companies = null!;
    private string _profileSlug = null!;
    private string _twoCharacters = null!;
    private string _fourCharacters = null!;

    private static readonly CompanyFilter GeneralByValuationPage3 = CompanyFilter.Parse(null, "general", null, null, null, null, "valuation", "3");

    [GlobalSetup]
    public void Setup()
    {
        _factory = new PooledDbContextFactory<LlmWatchDbContext>(BenchmarkDatabase.Options(Provider, Organizations));
        _companies = new CompanyQueries(_factory, FxRates.Load(BenchmarkDatabase.DataDirectory));
        using var db = _factory.CreateDbContext();
        (_profileSlug, _twoCharacters, _fourCharacters) = BenchmarkDatabase.Probes(db.Database.GetDbConnection());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
    }

    [Benchmark(Description = "directory: camp=general, sort=valuation, page 3, count"), BenchmarkCategory("directory")]
    public Task<Paged<CompanyRow>> Directory() => _companies.ListAsync(GeneralByValuationPage3, chinese: false);

    [Benchmark(Description = "profile: organisation, camps, deals, roles, models, events, citations"), BenchmarkCategory("profile")]
    public Task<CompanyProfile?> Profile() => _companies.GetProfileAsync(_profileSlug);

    /// <summary>The synthetic sources' day: under it every fact counts, so the asOf filter checks every row it reads (its worst case).</summary>
    private static readonly DataView AsOfView = new(DateOnly.FromDateTime(LlmWatch.Data.Synthetic.SyntheticLandscape.PublishedAt.DateTime));

    [Benchmark(Description = "directory under asOf: camp=general, sort=valuation, page 3, count"), BenchmarkCategory("directory-asof")]
    public async Task<Paged<CompanyRow>> DirectoryAsOf()
    {
        using var view = AsOfScope.Enter(AsOfView);
        return await _companies.ListAsync(GeneralByValuationPage3, chinese: false);
    }

    [Benchmark(Description = "profile under asOf"), BenchmarkCategory("profile-asof")]
    public async Task<CompanyProfile?> ProfileAsOf()
    {
        using var view = AsOfScope.Enter(AsOfView);
        return await _companies.GetProfileAsync(_profileSlug);
    }

    [Benchmark(Description = "funding by quarter (summary)"), BenchmarkCategory("funding")]
    public async Task<List<QuarterTotal>> FundingByQuarter()
    {
        await using var db = await _factory.CreateDbContextAsync();
        return await FundingSummary.ByQuarterAsync(db);
    }

    [Benchmark(Description = "directory search, 2 Chinese characters (gram index)"), BenchmarkCategory("search-2")]
    public Task<Paged<CompanyRow>> SearchTwo() => _companies.ListAsync(CompanyFilter.Parse(_twoCharacters, null, null, null, null, null, null, null), chinese: true);

    [Benchmark(Description = "directory search, 4 Chinese characters (trigram index)"), BenchmarkCategory("search-4")]
    public Task<Paged<CompanyRow>> SearchFour() => _companies.ListAsync(CompanyFilter.Parse(_fourCharacters, null, null, null, null, null, null, null), chinese: true);
}

/// <summary>The same rows found by the FTS5 trigram index and by a LIKE '%…%' scan (checked equal before measuring).</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class TrigramVersusScanBenchmarks
{
    [ParamsSource(typeof(BenchmarkDatabase), nameof(BenchmarkDatabase.Sizes))]
    public int Organizations { get; set; }

    private PooledDbContextFactory<LlmWatchDbContext> _factory = null!;
    private string _text = null!;

    [GlobalSetup]
    public void Setup()
    {
        _factory = new PooledDbContextFactory<LlmWatchDbContext>(BenchmarkDatabase.Options(DatabaseEngine.Sqlite, Organizations));
        using (var db = _factory.CreateDbContext()) (_, _, _text) = BenchmarkDatabase.Probes(db.Database.GetDbConnection());
        var indexed = Trigram().GetAwaiter().GetResult();
        var scanned = Scan().GetAwaiter().GetResult();
        if (indexed.Count == 0 || !indexed.SequenceEqual(scanned))
            throw new InvalidOperationException($"'{_text}': the trigram search found {indexed.Count} rows, the scan {scanned.Count}; they must be equal and non-empty.");
        Console.WriteLine($"// '{_text}' at {Organizations}: {indexed.Count} organisations, identical by index and by scan");
    }

    [GlobalCleanup]
    public void Cleanup() => SqliteConnection.ClearAllPools();

    [Benchmark(Baseline = true, Description = "LIKE '%…%' scan"), BenchmarkCategory("search-4-ids")]
    public async Task<List<int>> Scan()
    {
        await using var db = await _factory.CreateDbContextAsync();
        return await db.Organizations.SearchByScan(_text).Select(o => o.Id).OrderBy(id => id).ToListAsync();
    }

    [Benchmark(Description = "FTS5 trigram"), BenchmarkCategory("search-4-ids")]
    public async Task<List<int>> Trigram()
    {
        await using var db = await _factory.CreateDbContextAsync();
        return await db.Organizations.Search(db, _text).Select(o => o.Id).OrderBy(id => id).ToListAsync();
    }
}

public static class BenchmarkDatabase
{
    public static string Directory => Environment.GetEnvironmentVariable("LLMWATCH_BENCH_DIR") is { Length: > 0 } d ? d : "/tmp/llmwatch-perf";

    /// <summary>LLMWATCH_BENCH_SIZES ("10000 100000 1000000" unless set).</summary>
    public static IEnumerable<int> Sizes =>
        (Environment.GetEnvironmentVariable("LLMWATCH_BENCH_SIZES") is { Length: > 0 } s ? s : "10000 100000 1000000")
        .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse);

    public static string DataDirectory => DataServices.FindDataDirectory(AppContext.BaseDirectory);

    /// <summary>LLMWATCH_BENCH_PG: a PostgreSQL connection string without a database (Host=…;Port=…;Username=…), or unset.</summary>
    public static string? PostgreSqlServer => Environment.GetEnvironmentVariable("LLMWATCH_BENCH_PG") is { Length: > 0 } s ? s : null;

    /// <summary>SQLite, and PostgreSQL when LLMWATCH_BENCH_PG is set; LLMWATCH_BENCH_PROVIDERS ("Sqlite PostgreSQL") narrows them.</summary>
    public static IEnumerable<DatabaseEngine> Providers =>
        (Environment.GetEnvironmentVariable("LLMWATCH_BENCH_PROVIDERS") is { Length: > 0 } p ? p : PostgreSqlServer is null ? "Sqlite" : "Sqlite PostgreSQL")
        .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(name => DatabaseEngines.Parse(name) ?? throw new ArgumentException($"Unknown provider '{name}'."));

    public static DbContextOptions<LlmWatchDbContext> Options(DatabaseEngine provider, int organizations)
    {
        var builder = new DbContextOptionsBuilder<LlmWatchDbContext>();
        if (provider == DatabaseEngine.PostgreSQL)
        {
            var server = PostgreSqlServer ?? throw new InvalidOperationException("LLMWATCH_BENCH_PG is not set: name the PostgreSQL server (Host=…;Port=…;Username=…).");
            PostgreSql.Configure(builder, new NpgsqlConnectionStringBuilder(server) { Database = $"synthetic_{organizations}" }.ConnectionString);
        }
        else builder.UseSqlite($"Data Source={File(organizations)};Mode=ReadOnly");
        return builder.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking).Options;
    }

    public static string File(int organizations)
    {
        var file = Path.Combine(Directory, $"synthetic-{organizations}.db");
        if (!System.IO.File.Exists(file))
            throw new FileNotFoundException($"No generated database at {file}; run tests/perf/bench.sh, which generates it.");
        return file;
    }

    /// <summary>
    /// What to look up, chosen the same way at every size: the organisation in the middle of the table with the most
    /// deals among its neighbours (a profile with something to show), and the first 2 and 4 characters of its Chinese name.
    /// </summary>
    public static (string Slug, string Two, string Four) Probes(System.Data.Common.DbConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open) connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT o."Slug", o."NameZh" FROM "Organizations" AS o
            WHERE o."Id" BETWEEN (SELECT max("Id") FROM "Organizations") / 2 AND (SELECT max("Id") FROM "Organizations") / 2 + 200 AND length(o."NameZh") >= 4
            ORDER BY (SELECT count(*) FROM "Deals" AS d WHERE d."OrganizationId" = o."Id") DESC, o."Id" LIMIT 1
            """;
        using var reader = command.ExecuteReader();
        if (!reader.Read()) throw new InvalidOperationException($"{connection.DataSource}/{connection.Database} has no organisation to probe.");
        var name = reader.GetString(1);
        return (reader.GetString(0), name[..2], name[..4]);
    }
}
