using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LlmWatch.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the web host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<LlmWatchDbContext>
{
    public LlmWatchDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<LlmWatchDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
