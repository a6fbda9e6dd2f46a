using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;

namespace LlmWatch.Data.Seed;

/// <summary>The rows an entry's references resolve to: the importer answers from the set it writes, a proposal from the database.</summary>
public sealed record FactLookup(
    Func<string, Organization> Organization, Func<string, Person> Person, Func<string, Model> Model, Func<string, Deal> Deal);

/// <summary>
/// How one seed entry is written onto its row — the one upsert path: the importer runs it for every entry of a file,
/// an approved proposal for its one entry. References to facts of the same kind (acquired-by, base model) are set by
/// <see cref="Links"/> once every row of that kind exists.
/// </summary>
public static class FactWriter
{
    public static Fact Create(SeedFact seed) => seed switch
    {
        SeedOrganization s => new Organization { Slug = s.Slug, NameZh = s.NameZh, NameEn = s.NameEn },
        SeedCampAssignment s => new CampAssignment { Slug = s.Slug },
        SeedPerson s => new Person { Slug = s.Slug, NameZh = s.NameZh, NameEn = s.NameEn },
        SeedRole s => new Role { Slug = s.Slug, TitleZh = s.TitleZh, TitleEn = s.TitleEn },
        SeedModel s => new Model { Slug = s.Slug, Name = s.Name },
        SeedDeal s => new Deal { Slug = s.Slug },
        SeedEvent s => new Event { Slug = s.Slug, TitleZh = s.TitleZh, TitleEn = s.TitleEn },
        SeedViewpoint s => new Viewpoint { Slug = s.Slug, TopicZh = s.TopicZh, TopicEn = s.TopicEn },
        SeedStatistic s => new Statistic { Slug = s.Slug, LabelZh = s.LabelZh, LabelEn = s.LabelEn, Value = Quantity(s.Value) },
        _ => throw new ArgumentOutOfRangeException(nameof(seed), seed.GetType().Name, "Not a seed fact."),
    };

    /// <summary>Every field of <paramref name="seed"/> onto <paramref name="row"/>, its notes and bases included.</summary>
    public static void Apply(SeedFact seed, Fact row, FactLookup refs, Action<Deal, DealParticipant>? removeParticipant = null)
    {
        switch ((seed, row))
        {
            case (SeedOrganization s, Organization o):
                o.NameZh = s.NameZh;
                o.NameEn = s.NameEn;
                o.Aliases = s.Aliases;
                o.Pinyin = s.Pinyin;
                o.Kind = Parse<OrganizationKind>(s.Kind);
                o.Country = s.Country;
                o.City = s.City;
                o.FoundedOn = Date(s.FoundedOn);
                o.Status = Parse<OrganizationStatus>(s.Status);
                o.SummaryZh = s.SummaryZh;
                o.SummaryEn = s.SummaryEn;
                o.FromDataset = s.Dataset;
                break;
            case (SeedPerson s, Person p):
                p.NameZh = s.NameZh;
                p.NameEn = s.NameEn;
                if (!p.Aliases.SequenceEqual(s.Aliases)) p.Aliases = s.Aliases.ToList();
                p.IsPseudonym = s.IsPseudonym;
                p.SummaryZh = s.SummaryZh;
                p.SummaryEn = s.SummaryEn;
                break;
            case (SeedModel s, Model m):
                m.Name = s.Name;
                m.Organization = s.Organization is null ? null : refs.Organization(s.Organization);
                m.ReleasedOn = Date(s.ReleasedOn);
                m.Parameters = s.Parameters is null ? null : Quantity(s.Parameters);
                m.OpenSource = s.OpenSource;
                m.CommercialUse = Parse<CommercialUse>(s.CommercialUse);
                m.SummaryZh = s.SummaryZh;
                m.SummaryEn = s.SummaryEn;
                m.FromDataset = s.Dataset;
                break;
            case (SeedCampAssignment s, CampAssignment c):
                c.Organization = refs.Organization(s.Organization);
                c.Camp = Parse<Camp>(s.Camp);
                c.From = Date(s.From);
                c.AsOf = Date(s.AsOf);
                c.Basis = Parse<CampBasis>(s.Basis);
                c.ReasonZh = s.ReasonZh;
                c.ReasonEn = s.ReasonEn;
                break;
            case (SeedRole s, Role r):
                r.Person = refs.Person(s.Person);
                r.Organization = refs.Organization(s.Organization);
                r.TitleZh = s.TitleZh;
                r.TitleEn = s.TitleEn;
                r.From = Date(s.From);
                r.To = Date(s.To);
                break;
            case (SeedDeal s, Deal d):
                d.Organization = refs.Organization(s.Organization);
                d.Kind = Parse<DealKind>(s.Kind);
                d.Stage = Parse<DealStage>(s.Stage);
                d.StageText = s.StageText;
                d.Date = Date(s.Date);
                d.Status = Parse<DealStatus>(s.Status);
                d.Amount = Money(s.Amount);
                d.Valuation = Money(s.Valuation);
                d.ValuationIsRaisingAt = s.ValuationIsRaisingAt;
                d.NoteZh = s.NoteZh;
                d.NoteEn = s.NoteEn;
                Participants(d, s.Participants, refs, removeParticipant);
                break;
            case (SeedEvent s, Event e):
                e.Date = Date(s.Date);
                e.Kind = Parse<EventKind>(s.Kind);
                e.TitleZh = s.TitleZh;
                e.TitleEn = s.TitleEn;
                Collection(e.Organizations, s.Organizations.Select(refs.Organization));
                Collection(e.People, s.People.Select(refs.Person));
                Collection(e.Models, s.Models.Select(refs.Model));
                Collection(e.Deals, s.Deals.Select(refs.Deal));
                break;
            case (SeedViewpoint s, Viewpoint v):
                v.Person = s.Person is null ? null : refs.Person(s.Person);
                v.SpeakerZh = s.SpeakerZh;
                v.SpeakerEn = s.SpeakerEn;
                v.Camp = s.Camp is null ? null : Parse<Camp>(s.Camp);
                v.TopicZh = s.TopicZh;
                v.TopicEn = s.TopicEn;
                v.Stance = Parse<Stance>(s.Stance);
                v.Date = Date(s.Date);
                v.SummaryZh = s.SummaryZh;
                v.SummaryEn = s.SummaryEn;
                break;
            case (SeedStatistic s, Statistic x):
                x.LabelZh = s.LabelZh;
                x.LabelEn = s.LabelEn;
                x.Value = Quantity(s.Value);
                x.Unit = Parse<StatisticUnit>(s.Unit);
                x.Date = Date(s.Date);
                x.Organization = s.Organization is null ? null : refs.Organization(s.Organization);
                break;
            default:
                throw new ArgumentException($"A {seed.GetType().Name} cannot be written onto a {row.GetType().Name}.", nameof(row));
        }
        var notes = seed.Notes.Select(n => new EditorNote(n.Zh, n.En)).ToList();
        if (!row.Notes.SequenceEqual(notes)) row.Notes = notes;
        var bases = seed.Bases.Select(b => new FieldBasis(b.Field, Parse<ValueBasis>(b.Basis), b.ReasonZh, b.ReasonEn)).ToList();
        if (!row.Bases.SequenceEqual(bases)) row.Bases = bases;
    }

    /// <summary>The references to facts of the entry's own kind: who acquired an organization, which model a model is built on.</summary>
    public static void Links(SeedFact seed, Fact row, FactLookup refs)
    {
        switch ((seed, row))
        {
            case (SeedOrganization s, Organization o):
                o.AcquiredBy = s.AcquiredBy is null ? null : refs.Organization(s.AcquiredBy);
                break;
            case (SeedModel s, Model m):
                m.BaseModel = s.BaseModel is null ? null : refs.Model(s.BaseModel);
                break;
        }
    }

    private static void Participants(Deal deal, List<SeedParticipant> seeds, FactLookup refs, Action<Deal, DealParticipant>? remove)
    {
        var current = deal.Participants.OrderBy(p => p.Ordinal).ToList();
        for (var i = 0; i < seeds.Count; i++)
        {
            var participant = i < current.Count ? current[i] : null;
            if (participant is null)
            {
                participant = new DealParticipant { Ordinal = i };
                deal.Participants.Add(participant);
            }
            participant.Organization = seeds[i].Organization is { } o ? refs.Organization(o) : null;
            participant.Person = seeds[i].Person is { } p ? refs.Person(p) : null;
            participant.Role = Parse<ParticipantRole>(seeds[i].Role);
        }
        foreach (var extra in current.Skip(seeds.Count))
        {
            deal.Participants.Remove(extra);
            remove?.Invoke(deal, extra);
        }
    }

    private static void Collection<T>(List<T> current, IEnumerable<T> desired) where T : class
    {
        var want = desired.Distinct().ToList();
        current.RemoveAll(x => !want.Contains(x));
        foreach (var item in want.Where(w => !current.Contains(w))) current.Add(item);
    }

    public static T Parse<T>(string value) where T : struct, Enum =>
        ApiNames.TryParseApi<T>(value, out var parsed) ? parsed : throw new InvalidOperationException($"'{value}' passed validation but is not a {typeof(T).Name}.");

    public static PartialDate? Date(string? value) => value is null ? null : PartialDate.Parse(value);

    public static Money? Money(SeedMoney? money) => money is null ? null : new Money(money.Currency, money.Min, money.Max, money.Text, money.Approximate);

    public static Quantity Quantity(SeedQuantity quantity) => new(quantity.Min, quantity.Max, quantity.Text, quantity.Approximate);
}
