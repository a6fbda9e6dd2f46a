using System.Security.Cryptography;
using System.Text;
using LlmWatch.Data;
using LlmWatch.Data.Seed;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmWatch.Tests.Infrastructure;

/// <summary>A migrated SQLite file of its own, with the importer over it.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public string File { get; } = Path.Combine(Path.GetTempPath(), $"llmwatch-data-{Guid.NewGuid():N}.db");

    public IDbContextFactory<LlmWatchDbContext> Factory { get; }

    public SeedImporter Importer { get; }

    private TestDatabase()
    {
        var options = new DbContextOptionsBuilder<LlmWatchDbContext>()
            .UseSqlite($"Data Source={File}")
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .Options;
        Factory = new PooledDbContextFactory<LlmWatchDbContext>(options);
        Importer = new SeedImporter(Factory, NullLogger<SeedImporter>.Instance);
    }

    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase();
        await using var db = await database.Factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        return database;
    }

    /// <summary>A digest of every row of every table: equal digests, equal databases.</summary>
    public Task<string> SnapshotAsync() => SnapshotAsync(File);

    /// <summary>A digest of every row of every table of any database file.</summary>
    public static async Task<string> SnapshotAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1";
            await using var reader = await select.ExecuteReaderAsync();
            text.Append('#').Append(table).Append('\n');
            while (await reader.ReadAsync())
            {
                // When a load recorded the facts (Fact.RecordedAt) is its wall-clock time: two loads of the same files differ only there.
                for (var i = 0; i < reader.FieldCount; i++)
                    if (reader.GetName(i) != "RecordedAt" || table == "ChangeRecords") text.Append(reader.GetValue(i)).Append('\u001f');
                text.Append('\n');
            }
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) System.IO.File.Delete(File + suffix);
        await Task.CompletedTask;
    }
}

/// <summary>A copy of the repository's data/ that a test may break.</summary>
public sealed class DataCopy : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), $"llmwatch-seed-{Guid.NewGuid():N}");

    public DataCopy()
    {
        foreach (var folder in new[] { "seed", "sources", "fx" })
        {
            var from = Path.Combine(RepositoryData.Directory, folder);
            if (!System.IO.Directory.Exists(from)) continue;
            var to = System.IO.Directory.CreateDirectory(Path.Combine(Directory, folder)).FullName;
            foreach (var file in System.IO.Directory.EnumerateFiles(from)) System.IO.File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    public string PathOf(string seedFile) => Path.Combine(Directory, "seed", seedFile);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
