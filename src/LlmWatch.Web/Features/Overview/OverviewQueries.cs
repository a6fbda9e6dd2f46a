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
        // One round trip: a single SELECT of scalar sub-queries.
        return await db.Sources.Take(1).Select(_ => new LandscapeCounts(
            db.Organizations.Count(),
            db.People.Count(),
            db.Models.Count(),
            db.Deals.Count(),
            db.Events.Count(),
            db.Viewpoints.Count(),
            db.Citations.Count())).FirstOrDefaultAsync(cancellationToken) ?? new LandscapeCounts(0, 0, 0, 0, 0, 0, 0);
    }
}
