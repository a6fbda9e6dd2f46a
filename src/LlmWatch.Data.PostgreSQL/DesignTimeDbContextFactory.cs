using LlmWatch.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LlmWatch.Data.PostgreSQL;

/// <summary>
/// Lets <c>dotnet ef migrations add &lt;Name&gt; --project src/LlmWatch.Data.PostgreSQL --startup-project src/LlmWatch.Data.PostgreSQL</c>
/// build the PostgreSQL model of the one <see cref="LlmWatchDbContext"/> without a server: adding a migration never connects.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<LlmWatchDbContext>
{
    public LlmWatchDbContext CreateDbContext(string[] args) =>
        new(PostgreSql.Configure(new DbContextOptionsBuilder<LlmWatchDbContext>(), "Host=localhost;Database=llmwatch_design_time").Options
            is DbContextOptions<LlmWatchDbContext> options ? options : throw new InvalidOperationException("Unexpected options type."));
}
