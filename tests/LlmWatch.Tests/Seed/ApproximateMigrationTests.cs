using LlmWatch.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LlmWatch.Tests.Seed;

/// <summary>A database made before issue 12 upgrades in place: its amounts read back, not approximate, and its lists of bases are empty.</summary>
public sealed class ApproximateMigrationTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"llmwatch-migrate-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    [Fact]
    public async Task Amounts_stored_before_the_migration_read_back_as_not_approximate()
    {
        var options = new DbContextOptionsBuilder<LlmWatchDbContext>().UseSqlite($"Data Source={_file}").Options;
        await using (var db = new LlmWatchDbContext(options))
        {
            await db.GetService<IMigrator>().MigrateAsync("20261128193225_BrowseIndexes");
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO Organizations (Id, NameZh, NameEn, Aliases, Kind, Status, Camp, Slug, Notes) VALUES (1, '甲', 'A', '[]', 'Startup', 'Active', 'None', 'a', '[]');
                INSERT INTO Deals (OrganizationId, Kind, Stage, Status, ValuationIsRaisingAt, Amount_Currency, Amount_Min, Amount_Max, Amount_Text, Slug, Notes)
                    VALUES (1, 'EquityRound', 'A', 'Completed', 0, 'CNY', 1300000000, 1300000000, '大概13亿元', 'with-amount', '[]');
                INSERT INTO Deals (OrganizationId, Kind, Stage, Status, ValuationIsRaisingAt, Slug, Notes) VALUES (1, 'EquityRound', 'B', 'Completed', 0, 'without-amount', '[]');
                INSERT INTO Models (Name, OrganizationId, CommercialUse, Parameters_Min, Parameters_Max, Parameters_Text, Slug, Notes)
                    VALUES ('M', 1, 'Unknown', 6000000000, 6000000000, '6B', 'm', '[]');
                """);
            await db.Database.MigrateAsync();
        }

        await using var read = new LlmWatchDbContext(options);
        var deals = await read.Deals.AsNoTracking().OrderBy(d => d.Slug).Select(d => new { d.Slug, d.Amount, d.Valuation, d.Bases }).ToListAsync();
        var model = await read.Models.AsNoTracking().SingleAsync();

        Assert.False(deals[0].Amount!.Approximate);
        Assert.Null(deals[0].Valuation);
        Assert.Empty(deals[0].Bases);
        Assert.Null(deals[1].Amount);
        Assert.False(model.Parameters!.Approximate);
    }
}
