using LlmWatch.Data;
using LlmWatch.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Web.Features.Overview;

public sealed record LandscapeCounts(int Organizations, int People, int Models, int Deals, int Events, int Viewpoints, int Citations);

public sealed class OverviewQueries(IDbContextFactory<LlmWatchDbContext> dbFactory)
{
    public async Task<LandscapeCounts> GetCountsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Seven COUNT(*)s on indexed tables: a fixed number of queries whatever the data size.
        return new LandscapeCounts(
            await db.Organizations.CountAsync(cancellationToken),
            await db.People.CountAsync(cancellationToken),
            await db.Models.CountAsync(cancellationToken),
            await db.Deals.CountAsync(cancellationToken),
            await db.Events.CountAsync(cancellationToken),
            await db.Viewpoints.CountAsync(cancellationToken),
            await db.Citations.CountAsync(cancellationToken));
    }
}
