using LlmWatch.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Data;

/// <summary>
/// Reads through the event join tables' own indexes (organisation → events, person → events). Asking through
/// <see cref="Event.Organizations"/> instead would scan every event for each organisation; the join tables have no entity
/// of their own, so their names and columns stay here, beside the model that declares them.
/// </summary>
public static class EventJoins
{
    private const string EventOrganizations = "EventOrganizations";
    private const string EventPeople = "EventPeople";

    /// <summary>The ids of the events that involve any of <paramref name="organizationIds"/>.</summary>
    public static IQueryable<int> EventIdsOfOrganizations(this LlmWatchDbContext db, IQueryable<int> organizationIds) =>
        db.Set<Dictionary<string, object>>(EventOrganizations)
            .Where(j => organizationIds.Contains(EF.Property<int>(j, "OrganizationsId")))
            .Select(j => EF.Property<int>(j, "EventId"));

    /// <summary>
    /// The events that involve an organisation of <paramref name="camp"/>, asked of each event: its links by EventId, then each
    /// organisation by its key. For reading events in some order until enough are found; the planner cannot start from the camp's
    /// organisations instead (as it may with a join, and did without statistics: every organisation of the camp for each event).
    /// </summary>
    public static IQueryable<Event> InvolvingCamp(this IQueryable<Event> events, LlmWatchDbContext db, Camp camp) =>
        events.Where(e => db.Set<Dictionary<string, object>>(EventOrganizations).Any(j => EF.Property<int>(j, "EventId") == e.Id
            && db.Organizations.Where(o => o.Id == EF.Property<int>(j, "OrganizationsId")).Select(o => (Camp?)o.Camp).FirstOrDefault() == camp));

    /// <summary>The ids of the events that involve any of <paramref name="personIds"/>.</summary>
    public static IQueryable<int> EventIdsOfPeople(this LlmWatchDbContext db, IQueryable<int> personIds) =>
        db.Set<Dictionary<string, object>>(EventPeople)
            .Where(j => personIds.Contains(EF.Property<int>(j, "PeopleId")))
            .Select(j => EF.Property<int>(j, "EventId"));

    /// <summary>The ids of the events that involve the organisation with this id.</summary>
    public static IQueryable<int> EventIdsOfOrganization(this LlmWatchDbContext db, int organizationId) =>
        db.Set<Dictionary<string, object>>(EventOrganizations)
            .Where(j => EF.Property<int>(j, "OrganizationsId") == organizationId)
            .Select(j => EF.Property<int>(j, "EventId"));

    /// <summary>The organisations some event involves.</summary>
    public static IQueryable<Organization> OrganizationsWithEvents(this LlmWatchDbContext db) =>
        db.Organizations.Where(o => db.Set<Dictionary<string, object>>(EventOrganizations).Any(j => EF.Property<int>(j, "OrganizationsId") == o.Id));

    /// <summary>The organisations on the timeline: those some event involves, and those that made (or co-made) a dated model, whose release is an entry.</summary>
    public static IQueryable<Organization> OrganizationsOnTimeline(this LlmWatchDbContext db) =>
        db.Organizations.Where(o => db.Set<Dictionary<string, object>>(EventOrganizations).Any(j => EF.Property<int>(j, "OrganizationsId") == o.Id)
            || db.ModelOrganizations.Any(l => l.OrganizationId == o.Id && l.Model.ReleasedOn != null));

    /// <summary>The people some event involves.</summary>
    public static IQueryable<Person> PeopleWithEvents(this LlmWatchDbContext db) =>
        db.People.Where(p => db.Set<Dictionary<string, object>>(EventPeople).Any(j => EF.Property<int>(j, "PeopleId") == p.Id));
}
