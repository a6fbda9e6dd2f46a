using LlmWatch.Data;
using LlmWatch.Web.Components.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Tests.Data;

/// <summary>Data reports a database it cannot read as its own type, whatever the provider threw.</summary>
public sealed class DataUnavailableTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"llmwatch-unavailable-{Guid.NewGuid():N}.db");

    private static LlmWatchDbContext Context(string connectionString)
    {
        var options = new DbContextOptionsBuilder<LlmWatchDbContext>();
        options.UseLlmWatchDatabase(connectionString);
        return new LlmWatchDbContext(options.Options);
    }

    [Fact]
    public async Task A_database_that_cannot_be_opened_is_unavailable()
    {
        await using var db = Context("Data Source=/proc/llmwatch-missing/llmwatch.db;Mode=ReadWrite");

        var e = await Assert.ThrowsAsync<DataUnavailableException>(() => db.Organizations.CountAsync());

        Assert.IsType<SqliteException>(e.InnerException);
        Assert.True(DataState.IsDataFailure(e));
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_unavailable()
    {
        await File.WriteAllTextAsync(_file, new string('x', 4096));
        await using var db = Context($"Data Source={_file};Pooling=False");

        await Assert.ThrowsAsync<DataUnavailableException>(() => db.Organizations.CountAsync());
    }

    [Fact]
    public async Task A_database_without_the_schema_is_unavailable()
    {
        await using var db = Context($"Data Source={_file};Pooling=False");

        await Assert.ThrowsAsync<DataUnavailableException>(() => db.Organizations.Select(o => o.Slug).ToListAsync());
    }

    [Fact]
    public async Task A_guarded_operation_reports_a_provider_failure_and_lets_other_exceptions_through()
    {
        var failed = await Assert.ThrowsAsync<DataUnavailableException>(() =>
            DataUnavailableException.GuardAsync<int>("Reading", () => throw new SqliteException("disk I/O error", 10)));
        Assert.StartsWith("Reading: ", failed.Message);

        await Assert.ThrowsAsync<ArgumentException>(() => DataUnavailableException.GuardAsync<int>("Reading", () => throw new ArgumentException("caller")));
    }

    [Fact]
    public void Pages_treat_only_the_data_type_as_a_data_failure()
    {
        Assert.False(DataState.IsDataFailure(new SqliteException("busy", 5)));
        Assert.False(DataState.IsDataFailure(new InvalidOperationException("a bug")));
        Assert.True(DataState.IsDataFailure(new DataUnavailableException("x", new SqliteException("busy", 5))));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }
}
