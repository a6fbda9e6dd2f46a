using LlmWatch.Data;
using LlmWatch.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace LlmWatch.Tests.Postgres;

/// <summary>The real app on PostgreSQL (<c>Database:Provider</c> = PostgreSQL) over a database of its own, seeded on start.</summary>
public sealed class PostgresAppFactory(string connectionString, IReadOnlyDictionary<string, string?>? settings = null) : LlmWatchFactory
{
    protected override string ConnectionString => connectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(DataOptions.ProviderKey, "PostgreSQL");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.UseSetting(key, value);
    }
}
