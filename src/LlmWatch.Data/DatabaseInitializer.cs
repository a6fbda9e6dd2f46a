using LlmWatch.Data.Seed;
using LlmWatch.Data.Synthetic;
using LlmWatch.Data.Values;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LlmWatch.Data;

/// <summary>
/// Migrates the database, switches a SQLite file to WAL, imports the seed when it holds no data yet, and notes whether the data
/// are synthetic. On PostgreSQL, instances that start at once take turns (<see cref="DatabaseLock"/>): one migrates and imports,
/// the others wait and then find the work done.
/// </summary>
public sealed class DatabaseInitializer(IDbContextFactory<LlmWatchDbContext> dbFactory, SeedImporter importer, DataOptions options, DataChanges changes,
    ILogger<DatabaseInitializer> logger, DatasetInfo? dataset = null, DatabaseLock? databaseLock = null)
{
    private readonly DatabaseLock _lock = databaseLock ?? new DatabaseLock(options, Microsoft.Extensions.Logging.Abstractions.NullLogger<DatabaseLock>.Instance);
    private volatile bool _ready;

    /// <summary>Whether the last <see cref="InitializeAsync"/> completed: the watchdog tries again until it has (a server that was down at start).</summary>
    public bool IsReady => _ready;

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        _ready = false;
        if (options.ProviderProblem is { } problem) throw new DataUnavailableException(problem, new InvalidOperationException(problem));
        await using (await _lock.AcquireAsync("migrations and seed import", cancellationToken))
            await InitializeLockedAsync(cancellationToken);
        _ready = true;
    }

    private async Task InitializeLockedAsync(CancellationToken cancellationToken)
    {
        await MigrateLockedAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var where = options.DatabaseDescription;
        if (!await db.Sources.AnyAsync(cancellationToken) && !await db.Organizations.AnyAsync(cancellationToken))
        {
            logger.LogInformation("The database {DatabaseFile} is empty; importing the seed from {DataDirectory}", where, options.Directory);
            await importer.ImportAsync(options.Directory, cancellationToken, intoEmptyDatabase: true);
            await changes.NotifyAsync(cancellationToken);
        }
        else
        {
            logger.LogInformation("Using the database {DatabaseFile}", where);
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync(cancellationToken);
            if (!await DatabaseMaintenance.IsDerivedCurrentAsync(connection, cancellationToken))
            {
                // A database from before the search indexes and the funding summary existed: build them once.
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                var elapsed = await DatabaseMaintenance.AfterBulkLoadAsync(connection, transaction, FxRates.Load(options.Directory), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Built the search indexes and the funding summary of {DatabaseFile} in {ElapsedMs} ms", where, (long)elapsed.TotalMilliseconds);
            }
        }
        var synthetic = await db.Sources.AnyAsync(s => s.Id == SyntheticLandscape.SourceId, cancellationToken);
        if (dataset is not null) dataset.IsSynthetic = synthetic;
        if (synthetic) logger.LogWarning("The database {DatabaseFile} holds synthetic data: every name and figure is invented", where);
    }

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (options.ProviderProblem is { } problem) throw new DataUnavailableException(problem, new InvalidOperationException(problem));
        await using (await _lock.AcquireAsync("migrations", cancellationToken))
            await MigrateLockedAsync(cancellationToken);
    }

    private async Task MigrateLockedAsync(CancellationToken cancellationToken)
    {
        var file = options.DatabaseFile;
        if (!string.IsNullOrEmpty(file) && file != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
            Directory.CreateDirectory(folder);

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s) to {DatabaseFile}: {Migrations}", pending.Count, options.DatabaseDescription, pending);
            var modelMs = stopwatch.ElapsedMilliseconds;
            await db.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Migrations took {ElapsedMs} ms ({ModelMs} ms of it the model and the pending list)", stopwatch.ElapsedMilliseconds, modelMs);
        }
        if (!options.IsPostgreSql) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    public async Task<ImportResult> ImportAsync(CancellationToken cancellationToken = default, bool preferFiles = false)
    {
        var result = await importer.ImportAsync(options.Directory, cancellationToken, preferFiles: preferFiles);
        if (!result.ChangedNothing) await changes.NotifyAsync(cancellationToken);
        return result;
    }
}
