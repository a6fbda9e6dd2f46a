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

    /// <summary>The join table of events and the models they name (LlmWatchDbContext: Events' Models, UsingEntity).</summary>
    private const string EventModelsTable = "EventModels";

    /// <summary>
    /// The releases the filter keeps (dates aside), or null when it keeps none: another kind, or a person (models name none). A camp is
    /// checked per model when <paramref name="probe"/> (models read in date order until a page is full; see TimelineQueries).
    /// </summary>
    public static IQueryable<TimelineRow>? Filtered(LlmWatchDbContext db, TimelineFilter f, bool probe = false)
    {
        if (f.Kind is { } kind && kind != EventKind.ModelRelease) return null;
        if (f.Person is not null) return null;
        // A release an article's event already tells (same model, same day) is left out. The check starts from the model's own
        // links (EventModels by ModelsId, then the event by its key): asked from the events' side (e.Models.Any(...)), EF joined
        // every link to a filtered copy of Models and SQLite ran it for each model, 20 s at 100k organisations.
        var links = db.Set<Dictionary<string, object>>(EventModelsTable);
        var models = db.Models.Where(m => m.ReleasedOn != null
            && !links.Any(l => EF.Property<int>(l, "ModelsId") == m.Id
                && db.Events.Any(e => e.Id == EF.Property<int>(l, "EventId") && e.Kind == EventKind.ModelRelease && e.Date == m.ReleasedOn)));
        // Organisation filters start from the organisations (their camp or slug index), then their links by OrganizationId, as the
        // events' side does: a test per model (EXISTS on its links) read every model's links, 0.1–0.2 s at 100k organisations. The one
        // test per model is the camp's on the timeline's top pages, where the models are read in date order and stop at the page's end
        // (each link, then its organisation by key: as a join, the planner may start from the camp, as EventJoins.InvolvingCamp says).
        if (f.Camp is { } camp && probe)
            models = models.Where(m => db.ModelOrganizations.Any(l => l.ModelId == m.Id
                && db.Organizations.Where(o => o.Id == l.OrganizationId).Select(o => (Camp?)o.Camp).FirstOrDefault() == camp));
        else if (f.Camp is { } campOf)
        {
            var ofCamp = ModelsOf(db, db.Organizations.Where(o => o.Camp == campOf).Select(o => o.Id));
            models = models.Where(m => ofCamp.Contains(m.Id));
        }
        if (f.Company is { } company)
        {
            var ofCompany = ModelsOf(db, db.Organizations.Where(o => o.Slug == company).Select(o => o.Id));
            models = models.Where(m => ofCompany.Contains(m.Id));
        }
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

    private static IQueryable<int> ModelsOf(LlmWatchDbContext db, IQueryable<int> organizations) =>
        db.ModelOrganizations.Where(l => organizations.Contains(l.OrganizationId)).Select(l => l.ModelId);

    /// <summary>
    /// The citations that give a release its date: the row's date cell when a dataset row dates it, else the model's article quotes
    /// (an article cites a model whole).
    /// </summary>
    public static List<CitationView> DateCitations(IEnumerable<CitationView> citations, bool datedByRow) =>
        datedByRow ? citations.Where(c => c.Columns?.Contains(DateColumn) == true).ToList() : citations.Where(c => c.Row is null).ToList();
}
