using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Web.Features.Companies;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Web.Features.Compare;

/// <summary>An organisation a comparison can add: its slug, names and camp.</summary>
public sealed record CompareSuggestion(string Slug, string NameZh, string NameEn, Camp Camp);

/// <summary>The profiles compared (in the order asked), the slugs no organisation has, and organisations to add.</summary>
public sealed record CompareResult(List<CompanyProfile> Profiles, List<string> Unknown, List<CompareSuggestion> Suggestions);

/// <summary>
/// A comparison is the profiles side by side: each is read by <see cref="CompanyQueries.GetProfileAsync"/>, so every figure (latest
/// valuation, money raised) comes from the same rules in <see cref="OrganizationFigures"/> the profile shows, with the same citations.
/// </summary>
public sealed class CompareQueries(CompanyQueries companies, IDbContextFactory<LlmWatchDbContext> dbFactory)
{
    /// <summary>How many organisations the page offers to add.</summary>
    public const int Suggestions = 8;

    /// <summary>At most <see cref="CompareFilter.Max"/> profiles (eight queries each), then one query for suggestions while there is room.</summary>
    public async Task<CompareResult> GetAsync(CompareFilter filter, CancellationToken ct = default)
    {
        var profiles = new List<CompanyProfile>();
        var unknown = new List<string>();
        foreach (var slug in filter.Slugs.Take(CompareFilter.Max))
        {
            if (await companies.GetProfileAsync(slug, ct) is { } profile) profiles.Add(profile);
            else unknown.Add(slug);
        }
        var suggestions = profiles.Count < CompareFilter.Max ? await SuggestAsync(profiles, ct) : [];
        return new CompareResult(profiles, unknown, suggestions);
    }

    /// <summary>
    /// Organisations in the camps of those compared (start-ups and companies in any camp when none is chosen yet), the most valued first,
    /// then the best funded: one query.
    /// </summary>
    private async Task<List<CompareSuggestion>> SuggestAsync(List<CompanyProfile> profiles, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var taken = profiles.Select(p => p.Slug).ToList();
        var camps = profiles.Select(p => p.Camp).Where(c => c != Camp.None).Distinct().ToList();
        var query = db.Organizations.AsNoTracking().Where(o => !taken.Contains(o.Slug));
        query = camps.Count > 0 ? query.Where(o => camps.Contains(o.Camp)) : query.Where(o => o.Camp != Camp.None);
        return await query
            .OrderByDescending(o => o.LatestValuationUsd).ThenByDescending(o => o.DisclosedFundingUsd).ThenBy(o => o.Slug)
            .Take(Suggestions)
            .Select(o => new CompareSuggestion(o.Slug, o.NameZh, o.NameEn, o.Camp))
            .ToListAsync(ct);
    }
}
