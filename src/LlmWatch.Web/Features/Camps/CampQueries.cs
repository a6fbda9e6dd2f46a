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

public sealed record CampMap(IReadOnlyList<CampMember> Members, IReadOnlyList<CampViewpoint> Viewpoints);

public sealed class CampQueries(IDbContextFactory<LlmWatchDbContext> dbFactory)
{
    /// <summary>Every organisation with its camp, the viewpoints about camps, and their quotes: three queries.</summary>
    public async Task<CampMap> GetMapAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var members = await db.Organizations.AsNoTracking()
            .OrderBy(o => o.Camp == Camp.None).ThenBy(o => o.Pinyin ?? o.NameEn)
            .Select(o => new CampMember(o.Slug, o.NameZh, o.NameEn, o.Camp, o.Kind,
                // The basis of the latest assignment, the one that set Organization.Camp.
                o.CampAssignments.OrderByDescending(a => a.From).Select(a => (CampBasis?)a.Basis).FirstOrDefault()))
            .ToListAsync(cancellationToken);
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
        return new CampMap(members, viewpoints.Select(v => new CampViewpoint(v.Camp, v.Stance, v.PersonSlug, v.SpeakerZh, v.SpeakerEn,
            v.TopicZh, v.TopicEn, v.SummaryZh, v.SummaryEn, v.Date, citations.Of(v.Id))).ToList());
    }
}
