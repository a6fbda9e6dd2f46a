using LlmWatch.Data;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Web.Features.Site;

public sealed record SourceSummary(string Id, string Title, string? TitleEn, string Publisher, string? Outlet, DateTimeOffset PublishedAt, string? Credit = null);

public sealed record SiteInfo(IReadOnlyList<SourceSummary> Sources)
{
    /// <summary>The credit lines the datasets' licences ask for, verbatim, wherever their data is shown (in source id order).</summary>
    public IReadOnlyList<string> Credits => Sources.Where(s => s.Credit is not null).OrderBy(s => s.Id, StringComparer.Ordinal).Select(s => s.Credit!).Distinct().ToList();

    /// <summary>The newest source's publication: nothing shown here is known to be newer.</summary>
    public DateTimeOffset? DataAsOf => Sources.Count == 0 ? null : Sources.Max(s => s.PublishedAt);
}

public sealed class SiteQueries(IDbContextFactory<LlmWatchDbContext> dbFactory)
{
    public async Task<SiteInfo> GetSiteInfoAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sources = await db.Sources
            .Select(s => new SourceSummary(s.Id, s.Title, s.TitleEn, s.Publisher, s.Outlet, s.PublishedAt, s.Kind == LlmWatch.Data.Entities.SourceKind.Dataset ? s.Credit : null))
            .ToListAsync(cancellationToken);
        // SQLite cannot order by DateTimeOffset; sources are few.
        return new SiteInfo(sources.OrderByDescending(s => s.PublishedAt).ToList());
    }
}
