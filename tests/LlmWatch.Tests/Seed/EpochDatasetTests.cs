using LlmWatch.Data.Entities;
using LlmWatch.Data.Seed;
using LlmWatch.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Tests.Seed;

/// <summary>Epoch AI's dataset as LlmWatch's second source: read, mapped, validated and imported from data/.</summary>
public sealed class EpochDatasetTests
{
    public const string Dataset = "epoch-ai-models-china";

    [Fact]
    public void The_repository_dataset_reads_and_validates_with_every_row_a_model()
    {
        var (set, errors) = SeedReader.Read(RepositoryData.Directory);
        if (errors.Count == 0) errors.AddRange(SeedValidator.Validate(set));
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(30)));
        var dataset = Assert.Single(set.Datasets);
        Assert.Equal(152, dataset.Rows.Count);
        Assert.Equal(152, set.DatasetFigures.Count);
    }

    [Fact]
    public async Task The_import_writes_the_rows_the_models_and_a_second_import_changes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Importer.ImportAsync(RepositoryData.Directory, intoEmptyDatabase: true);
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            Assert.Equal(152, await db.DatasetRows.CountAsync());
            var deepseek = await db.Models.Include(m => m.DatasetRow).SingleAsync(m => m.Slug == "deepseek-v3");
            Assert.Equal(new DateOnly(2024, 12, 24), deepseek.KnownFrom);
            Assert.Equal(DatasetConfidence.Confident, deepseek.Confidence);
            Assert.Equal(Dataset, deepseek.FromDataset);
        }
        var before = await database.SnapshotAsync();
        var again = await database.Importer.ImportAsync(RepositoryData.Directory);
        Assert.True(again.ChangedNothing, $"{again.Added} added, {again.Updated} updated, {again.Deleted} deleted");
        Assert.Equal(before, await database.SnapshotAsync());
    }
}
