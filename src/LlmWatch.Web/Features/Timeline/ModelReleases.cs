using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Search;
using LlmWatch.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Web.Features.Timeline;

/// <summary>
/// A dated model's release as a timeline entry, derived from the model (its release date and that date's citations), not stored as an
/// event. A model whose release an article event of kind <see cref="EventKind.ModelRelease"/> already tells on the same date is left
/// to that event, so the timeline has no twin.
/// </summary>
public static class ModelReleases
{
    /// <summary>What a release's key starts with: a colon, which no slug holds, so a key cannot equal an event's slug.</summary>
    public const string KeyPrefix = "model:";

    /// <summary>The column of a dataset row that dates a release.</summary>
    public const string DateColumn = "Publication date";

    /// <summary>The releases the filter keeps (dates aside), or null when it keeps none: another kind, or a person (models name none).</summary>
    public static IQueryable<TimelineRow>? Filtered(LlmWatchDbContext db, TimelineFilter f)
    {
        if (f.Kind is { } kind && kind != EventKind.ModelRelease) return null;
        if (f.Person is not null) return null;
        var models = db.Models.Where(m => m.ReleasedOn != null
            && !db.Events.Any(e => e.Kind == EventKind.ModelRelease && e.Date == m.ReleasedOn && e.Models.Any(x => x.Id == m.Id)));
        if (f.Camp is { } camp) models = models.Where(m => db.ModelOrganizations.Any(l => l.ModelId == m.Id && l.Organization.Camp == camp));
        if (f.Company is { } company) models = models.Where(m => db.ModelOrganizations.Any(l => l.ModelId == m.Id && l.Organization.Slug == company));
        if (f.Search is { } search)
        {
            var pattern = OrganizationSearch.ContainsPattern(search);
            models = models.Where(m => EF.Functions.Like(m.Name, pattern, "\\"));
        }
        return models.Select(m => new TimelineRow
        {
            Id = m.Id, IsRelease = true, Key = KeyPrefix + m.Slug, Slug = m.Slug, Date = m.ReleasedOn, Kind = null,
            TitleZh = m.Name, TitleEn = m.Name,
        });
    }

    /// <summary>
    /// The citations that give a release its date: the row's date cell when a dataset row dates it, else the model's article quotes
    /// (an article cites a model whole).
    /// </summary>
    public static List<CitationView> DateCitations(IEnumerable<CitationView> citations, bool datedByRow) =>
        datedByRow ? citations.Where(c => c.Columns?.Contains(DateColumn) == true).ToList() : citations.Where(c => c.Row is null).ToList();
}
