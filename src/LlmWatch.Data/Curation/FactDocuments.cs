using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Seed;
using LlmWatch.Data.Values;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Data.Curation;

/// <summary>
/// A recorded fact read back into the shape of its seed entry — what a proposal changes, what the review diffs against,
/// and what its version is: a hash of that document, so that any change to the fact (a field, a citation) changes it.
/// </summary>
public static class FactDocuments
{
    // Chinese stays readable in payloads and audit fields; characters that matter to HTML are still escaped.
    public static readonly JsonSerializerOptions Json = new(SeedReader.JsonOptions)
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public static Type SeedTypeOf(SubjectType kind) => kind switch
    {
        SubjectType.Organization => typeof(SeedOrganization),
        SubjectType.CampAssignment => typeof(SeedCampAssignment),
        SubjectType.Person => typeof(SeedPerson),
        SubjectType.Role => typeof(SeedRole),
        SubjectType.Model => typeof(SeedModel),
        SubjectType.Deal => typeof(SeedDeal),
        SubjectType.Event => typeof(SeedEvent),
        SubjectType.Viewpoint => typeof(SeedViewpoint),
        SubjectType.Statistic => typeof(SeedStatistic),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static SubjectType KindOf(SeedFact fact) => fact switch
    {
        SeedOrganization => SubjectType.Organization,
        SeedCampAssignment => SubjectType.CampAssignment,
        SeedPerson => SubjectType.Person,
        SeedRole => SubjectType.Role,
        SeedModel => SubjectType.Model,
        SeedDeal => SubjectType.Deal,
        SeedEvent => SubjectType.Event,
        SeedViewpoint => SubjectType.Viewpoint,
        SeedStatistic => SubjectType.Statistic,
        _ => throw new ArgumentOutOfRangeException(nameof(fact)),
    };

    public static string Serialize(SeedFact fact) => JsonSerializer.Serialize(fact, fact.GetType(), Json);

    /// <summary>The entry a payload holds, or the reason it cannot be read (for the form's message).</summary>
    public static SeedFact? Deserialize(SubjectType kind, string json, out string? error)
    {
        try
        {
            error = null;
            var fact = (SeedFact?)JsonSerializer.Deserialize(json, SeedTypeOf(kind), Json);
            if (fact is null) error = "The entry is empty.";
            return fact;
        }
        catch (JsonException e)
        {
            error = $"The entry cannot be read at {e.Path ?? "$"}: {e.Message.Split(" Path:")[0]}";
            return null;
        }
    }

    public static string Version(SeedFact fact) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Serialize(fact))))[..16];

    /// <summary>The fact with this slug as its seed entry, with its citations in order; null when there is none.</summary>
    public static async Task<SeedFact?> LoadAsync(LlmWatchDbContext db, SubjectType kind, string slug, CancellationToken ct = default)
    {
        var (fact, id) = await Documents(db, kind, slug).FirstOrDefaultAsync(ct);
        if (fact is null) return null;
        fact.Citations.AddRange(await db.Citations.Where(c => c.SubjectType == kind && c.SubjectId == id).OrderBy(c => c.Ordinal)
            .Select(c => new SeedCitation(c.SourceId, c.Quote, c.Note, c.Row, c.Columns) { Derived = c.Derived }).ToListAsync(ct));
        return fact;
    }

    /// <summary>
    /// The facts of one kind as seed entries without their citations, with their row ids: the one with <paramref name="slug"/>,
    /// or every one when it is null (the exporter). An event's links come sorted by slug.
    /// </summary>
    public static IQueryable<(SeedFact Fact, int Id)> Documents(LlmWatchDbContext db, SubjectType kind, string? slug = null) =>
        kind switch
        {
            SubjectType.Organization => db.Organizations.Where(o => slug == null || o.Slug == slug).Select(o => ValueTuple.Create((SeedFact)new SeedOrganization
            {
                Slug = o.Slug, NameZh = o.NameZh, NameEn = o.NameEn, Aliases = o.Aliases, Pinyin = o.Pinyin, Kind = ApiName(o.Kind), Country = o.Country,
                City = o.City, FoundedOn = o.FoundedOn == null ? null : o.FoundedOn.ToString(), Status = ApiName(o.Status),
                AcquiredBy = o.AcquiredBy == null ? null : o.AcquiredBy.Slug, SummaryZh = o.SummaryZh, SummaryEn = o.SummaryEn,
                Notes = Notes(o.Notes), Bases = Bases(o.Bases), Citations = new(),
            }, o.Id)),
            SubjectType.CampAssignment => db.CampAssignments.Where(c => slug == null || c.Slug == slug).Select(c => ValueTuple.Create((SeedFact)new SeedCampAssignment
            {
                Slug = c.Slug, Organization = c.Organization.Slug, Camp = ApiName(c.Camp), From = c.From == null ? null : c.From.ToString(),
                AsOf = c.AsOf == null ? null : c.AsOf.ToString(), Basis = ApiName(c.Basis), ReasonZh = c.ReasonZh, ReasonEn = c.ReasonEn,
                Notes = Notes(c.Notes), Bases = Bases(c.Bases), Citations = new(),
            }, c.Id)),
            SubjectType.Person => db.People.Where(p => slug == null || p.Slug == slug).Select(p => ValueTuple.Create((SeedFact)new SeedPerson
            {
                Slug = p.Slug, NameZh = p.NameZh, NameEn = p.NameEn, Aliases = p.Aliases, IsPseudonym = p.IsPseudonym, SummaryZh = p.SummaryZh,
                SummaryEn = p.SummaryEn, Notes = Notes(p.Notes), Bases = Bases(p.Bases), Citations = new(),
            }, p.Id)),
            SubjectType.Role => db.Roles.Where(r => slug == null || r.Slug == slug).Select(r => ValueTuple.Create((SeedFact)new SeedRole
            {
                Slug = r.Slug, Person = r.Person.Slug, Organization = r.Organization.Slug, TitleZh = r.TitleZh, TitleEn = r.TitleEn,
                From = r.From == null ? null : r.From.ToString(), To = r.To == null ? null : r.To.ToString(),
                Notes = Notes(r.Notes), Bases = Bases(r.Bases), Citations = new(),
            }, r.Id)),
            SubjectType.Model => db.Models.Where(m => slug == null || m.Slug == slug).Select(m => ValueTuple.Create((SeedFact)new SeedModel
            {
                Slug = m.Slug, Name = m.Name, Organization = m.Organization == null ? null : m.Organization.Slug,
                ReleasedOn = m.ReleasedOn == null ? null : m.ReleasedOn.ToString(), Parameters = Quantity(m.Parameters), OpenSource = m.OpenSource,
                CommercialUse = ApiName(m.CommercialUse), BaseModel = m.BaseModel == null ? null : m.BaseModel.Slug, SummaryZh = m.SummaryZh,
                SummaryEn = m.SummaryEn, Notes = Notes(m.Notes), Bases = Bases(m.Bases), Citations = new(),
            }, m.Id)),
            SubjectType.Deal => db.Deals.Where(d => slug == null || d.Slug == slug).Select(d => ValueTuple.Create((SeedFact)new SeedDeal
            {
                Slug = d.Slug, Organization = d.Organization.Slug, Kind = ApiName(d.Kind), Stage = ApiName(d.Stage), StageText = d.StageText,
                Date = d.Date == null ? null : d.Date.ToString(), Status = ApiName(d.Status), Amount = Money(d.Amount), Valuation = Money(d.Valuation),
                ValuationIsRaisingAt = d.ValuationIsRaisingAt, NoteZh = d.NoteZh, NoteEn = d.NoteEn,
                Participants = d.Participants.OrderBy(p => p.Ordinal).Select(p => new SeedParticipant
                {
                    Organization = p.Organization == null ? null : p.Organization.Slug, Person = p.Person == null ? null : p.Person.Slug, Role = ApiName(p.Role),
                }).ToList(),
                Notes = Notes(d.Notes), Bases = Bases(d.Bases), Citations = new(),
            }, d.Id)),
            SubjectType.Event => db.Events.Where(e => slug == null || e.Slug == slug).Select(e => ValueTuple.Create((SeedFact)new SeedEvent
            {
                Slug = e.Slug, Date = e.Date == null ? null : e.Date.ToString(), Kind = ApiName(e.Kind), TitleZh = e.TitleZh, TitleEn = e.TitleEn,
                Organizations = e.Organizations.OrderBy(o => o.Slug).Select(o => o.Slug).ToList(), People = e.People.OrderBy(p => p.Slug).Select(p => p.Slug).ToList(),
                Models = e.Models.OrderBy(m => m.Slug).Select(m => m.Slug).ToList(), Deals = e.Deals.OrderBy(d => d.Slug).Select(d => d.Slug).ToList(),
                Notes = Notes(e.Notes), Bases = Bases(e.Bases), Citations = new(),
            }, e.Id)),
            SubjectType.Viewpoint => db.Viewpoints.Where(v => slug == null || v.Slug == slug).Select(v => ValueTuple.Create((SeedFact)new SeedViewpoint
            {
                Slug = v.Slug, Person = v.Person == null ? null : v.Person.Slug, SpeakerZh = v.SpeakerZh, SpeakerEn = v.SpeakerEn,
                Camp = v.Camp == null ? null : ApiName(v.Camp.Value), TopicZh = v.TopicZh, TopicEn = v.TopicEn, Stance = ApiName(v.Stance),
                Date = v.Date == null ? null : v.Date.ToString(), SummaryZh = v.SummaryZh, SummaryEn = v.SummaryEn,
                Notes = Notes(v.Notes), Bases = Bases(v.Bases), Citations = new(),
            }, v.Id)),
            SubjectType.Statistic => db.Statistics.Where(s => slug == null || s.Slug == slug).Select(s => ValueTuple.Create((SeedFact)new SeedStatistic
            {
                Slug = s.Slug, LabelZh = s.LabelZh, LabelEn = s.LabelEn, Value = Quantity(s.Value)!, Unit = ApiName(s.Unit),
                Date = s.Date == null ? null : s.Date.ToString(), Organization = s.Organization == null ? null : s.Organization.Slug,
                Notes = Notes(s.Notes), Bases = Bases(s.Bases), Citations = new(),
            }, s.Id)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

    private static string ApiName<T>(T value) where T : struct, Enum => value.ToApi();

    private static List<SeedNote> Notes(List<EditorNote> notes) => notes.Select(n => new SeedNote(n.Zh, n.En)).ToList();

    private static List<SeedBasis> Bases(List<FieldBasis> bases) =>
        bases.Select(b => new SeedBasis(b.Field, b.Basis.ToApi(), b.ReasonZh, b.ReasonEn)).ToList();

    private static SeedMoney? Money(Money? money) => money is null ? null : new SeedMoney(money.Currency, money.Min, money.Max, money.Text, money.Approximate);

    private static SeedQuantity? Quantity(Quantity? quantity) => quantity is null ? null : new SeedQuantity(quantity.Min, quantity.Max, quantity.Text, quantity.Approximate);

    /// <summary>Each top-level field that differs between two entries (null for none), as JSON text: a review's diff, an audit record's fields.</summary>
    public static List<(string Field, string? Before, string? After)> Diff(SeedFact? before, SeedFact? after)
    {
        JsonElement? b = before is null ? null : JsonSerializer.SerializeToElement(before, before.GetType(), Json);
        JsonElement? a = after is null ? null : JsonSerializer.SerializeToElement(after, after.GetType(), Json);
        var names = new List<string>();
        foreach (var e in new[] { b, a })
            if (e is { } element) foreach (var p in element.EnumerateObject()) if (!names.Contains(p.Name)) names.Add(p.Name);
        var fields = new List<(string Field, string? Before, string? After)>();
        foreach (var name in names)
        {
            string? x = b is { } be && be.TryGetProperty(name, out var xv) && xv.ValueKind != JsonValueKind.Null ? xv.GetRawText() : null;
            string? y = a is { } ae && ae.TryGetProperty(name, out var yv) && yv.ValueKind != JsonValueKind.Null ? yv.GetRawText() : null;
            if (x is "[]") x = null;
            if (y is "[]") y = null;
            if (x != y) fields.Add((name, x, y));
        }
        return fields;
    }
}
