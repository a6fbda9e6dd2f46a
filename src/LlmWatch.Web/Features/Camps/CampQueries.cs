using System.Text.Json.Serialization;
using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;
using LlmWatch.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Web.Features.Camps;

public sealed record CampMember(string Slug, string NameZh, string NameEn, Camp Camp, OrganizationKind Kind, CampBasis? Basis);

public sealed record CampViewpoint(
    Camp Camp, Stance Stance, string? PersonSlug, string SpeakerZh, string SpeakerEn, string TopicZh, string TopicEn,
    string? SummaryZh, string? SummaryEn, PartialDate? Date, IReadOnlyList<CitationView> Citations);

/// <summary>The map: how many organisations each camp has, the first <see cref="CampQueries.MembersShown"/> of each by name, and the viewpoints.</summary>
/// <param name="Since">The day of the article that drew the camps (the earliest article's); null when no article is known.</param>
/// <param name="ShippedSince">The members, by camp, that released a model after <paramref name="Since"/>: a fact of the data
/// (model release dates), not a new camp judgement.</param>
public sealed record CampMap(IReadOnlyDictionary<Camp, int> Counts, IReadOnlyList<CampMember> Members, IReadOnlyList<CampViewpoint> Viewpoints,
    DateOnly? Since = null, IReadOnlyDictionary<Camp, IReadOnlySet<string>>? ShippedSince = null)
{
    public int CountOf(Camp camp) => Counts.GetValueOrDefault(camp);

    public IReadOnlySet<string> ShippedIn(Camp camp) => ShippedSince?.GetValueOrDefault(camp) ?? new HashSet<string>();
}

public sealed class CampQueries(IDbContextFactory<LlmWatchDbContext> dbFactory)
{
    /// <summary>Members listed per camp; the directory, filtered by camp, lists the rest.</summary>
    public const int MembersShown = 60;

    /// <summary>Each camp's count and first members, the viewpoints about camps, and their quotes: one query per camp (five) and three more.</summary>
    public async Task<CampMap> GetMapAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counts = await db.Organizations.GroupBy(o => o.Camp).Select(g => new { Camp = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Camp, x => x.Count, cancellationToken);
        var members = new List<CampMember>();
        foreach (var camp in Enum.GetValues<Camp>())
        {
            // lower(COALESCE(Pinyin, NameEn)) is the directory's indexed name order, so each camp reads only the rows it shows.
            members.AddRange(await db.Organizations.AsNoTracking().Where(o => o.Camp == camp)
                .OrderBy(o => (o.Pinyin ?? o.NameEn).ToLower()).ThenBy(o => o.Slug).Take(MembersShown)
                .Select(o => new CampMember(o.Slug, o.NameZh, o.NameEn, o.Camp, o.Kind,
                    // The basis of the latest assignment, the one that set Organization.Camp.
                    o.CampAssignments.OrderByDescending(a => a.From).ThenByDescending(a => a.AsOf).Select(a => (CampBasis?)a.Basis).FirstOrDefault()))
                .ToListAsync(cancellationToken));
        }
        var viewpoints = await db.Viewpoints.AsNoTracking()
            .Where(v => v.Camp != null)
            .OrderBy(v => v.Slug)
            .Select(v => new
            {
                v.Id, Camp = v.Camp!.Value, v.Stance, PersonSlug = v.Person == null ? null : v.Person.Slug,
                SpeakerZh = v.Person != null ? v.Person.NameZh : v.SpeakerZh ?? "", SpeakerEn = v.Person != null ? v.Person.NameEn : v.SpeakerEn ?? "",
                v.TopicZh, v.TopicEn, v.SummaryZh, v.SummaryEn, v.Date,
            })
            .ToListAsync(cancellationToken);
        var citations = await Citations.ForAsync(db, SubjectType.Viewpoint, viewpoints.Select(v => v.Id).ToList(), cancellationToken);
        var (since, shipped) = await ShippedSinceAsync(db, cancellationToken);
        return new CampMap(counts, members, viewpoints.Select(v => new CampViewpoint(v.Camp, v.Stance, v.PersonSlug, v.SpeakerZh, v.SpeakerEn,
            v.TopicZh, v.TopicEn, v.SummaryZh, v.SummaryEn, v.Date, citations.Of(v.Id))).ToList(), since, shipped);
    }

    /// <summary>
    /// Which members of each camp released a model after the day of the article that drew the camps (a model of several
    /// organisations counts for each): two queries, the day and the links of the models released from its year on.
    /// </summary>
    private static async Task<(DateOnly?, IReadOnlyDictionary<Camp, IReadOnlySet<string>>)> ShippedSinceAsync(LlmWatchDbContext db, CancellationToken ct)
    {
        var since = await db.Sources.Where(s => s.Kind == SourceKind.Article && s.PublishedOn != null).MinAsync(s => s.PublishedOn, ct);
        if (since is not { } day) return (null, new Dictionary<Camp, IReadOnlySet<string>>());
        var shipped = await DatasetQueries.ShippedAfterAsync(db, day, ct);
        return (day, shipped.GroupBy(s => s.Value)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(s => s.Key).ToHashSet(StringComparer.Ordinal)));
    }
}
