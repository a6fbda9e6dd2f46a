using LlmWatch.Data.Seed;
using LlmWatch.Data.Synthetic;
using LlmWatch.Data.Values;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LlmWatch.Data;

/// <summary>Migrates the database, switches it to WAL, imports the seed when it holds no data yet, and notes whether the data are synthetic.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<LlmWatchDbContext> dbFactory, SeedImporter importer, DataOptions options, DataChanges changes,
    ILogger<DatabaseInitializer> logger, DatasetInfo? dataset = null)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await MigrateAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var file = options.DatabaseFile;
        if (!await db.Sources.AnyAsync(cancellationToken) && !await db.Organizations.AnyAsync(cancellationToken))
        {
            logger.LogInformation("The database {DatabaseFile} is empty; importing the seed from {DataDirectory}", Path.GetFullPath(file), options.Directory);
            await importer.ImportAsync(options.Directory, cancellationToken, intoEmptyDatabase: true);
            await changes.NotifyAsync(cancellationToken);
        }
        else
        {
            logger.LogInformation("Using the database {DatabaseFile}", Path.GetFullPath(file));
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await connection.OpenAsync(cancellationToken);
            if (!await DatabaseMaintenance.IsDerivedCurrentAsync(connection, cancellationToken))
            {
                // A database from before the search indexes and the funding summary existed: build them once.
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                var elapsed = await DatabaseMaintenance.AfterBulkLoadAsync(connection, transaction, FxRates.Load(options.Directory), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Built the search indexes and the funding summary of {DatabaseFile} in {ElapsedMs} ms", Path.GetFullPath(file), (long)elapsed.TotalMilliseconds);
            }
        }
        var synthetic = await db.Sources.AnyAsync(s => s.Id == SyntheticLandscape.SourceId, cancellationToken);
        if (dataset is not null) dataset.IsSynthetic = synthetic;
        if (synthetic) logger.LogWarning("The database {DatabaseFile} holds synthetic data: every name and figure is invented", Path.GetFullPath(file));
    }

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        var file = options.DatabaseFile;
        if (!string.IsNullOrEmpty(file) && file != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
            Directory.CreateDirectory(folder);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s) to {DatabaseFile}: {Migrations}", pending.Count, Path.GetFullPath(file), pending);
            await db.Database.MigrateAsync(cancellationToken);
        }
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    public async Task<ImportResult> ImportAsync(CancellationToken cancellationToken = default, bool preferFiles = false)
    {
        var result = await importer.ImportAsync(options.Directory, cancellationToken, preferFiles: preferFiles);
        if (!result.ChangedNothing) await changes.NotifyAsync(cancellationToken);
        return result;
    }
}
