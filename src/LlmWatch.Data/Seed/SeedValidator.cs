using System.Text.RegularExpressions;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;

namespace LlmWatch.Data.Seed;

/// <summary>
/// Checks a whole <see cref="SeedSet"/> before anything is written: slugs, enum values, dates, money,
/// references between files, and that every quote stands verbatim in its source.
/// </summary>
public static partial class SeedValidator
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    public static List<SeedError> Validate(SeedSet set)
    {
        var errors = new List<SeedError>();
        var currentFile = "";
        var sources = set.Sources.ToDictionary(s => s.Source.Id, s => s.Text);
        if (sources.Count == 0) errors.Add(new("sources/", "$", "No source documents were found; every fact must cite one."));

        var organizations = Slugs("organizations.json", set.Organizations, errors);
        var people = Slugs("people.json", set.People, errors);
        var models = Slugs("models.json", set.Models, errors);
        var deals = Slugs("deals.json", set.Deals, errors);
        Slugs("camps.json", set.Camps, errors);
        Slugs("roles.json", set.Roles, errors);
        Slugs("events.json", set.Events, errors);
        Slugs("viewpoints.json", set.Viewpoints, errors);
        Slugs("statistics.json", set.Statistics, errors);

        Each("organizations.json", set.Organizations, (o, at) =>
        {
            Text(o.NameZh, at("nameZh"));
            Text(o.NameEn, at("nameEn"));
            Enum<OrganizationKind>(o.Kind, at("kind"));
            Enum<OrganizationStatus>(o.Status, at("status"));
            Date(o.FoundedOn, at("foundedOn"));
            Ref(o.AcquiredBy, organizations, at("acquiredBy"), "organization");
            if (o.AcquiredBy == o.Slug) Fail(at("acquiredBy"), "An organization cannot acquire itself.");
            if (o.Status == "acquired" && o.AcquiredBy is null) Fail(at("acquiredBy"), "An acquired organization names who acquired it.");
            if (o.Country is not null && !Regex.IsMatch(o.Country, "^[A-Z]{2}$")) Fail(at("country"), $"'{o.Country}' is not an ISO 3166 alpha-2 code such as CN or US.");
        });
        Each("camps.json", set.Camps, (c, at) =>
        {
            Ref(c.Organization, organizations, at("organization"), "organization");
            Enum<Camp>(c.Camp, at("camp"));
            Enum<CampBasis>(c.Basis, at("basis"));
            var from = Date(c.From, at("from"));
            if (c.AsOf is null) Fail(at("asOf"), "A camp assignment says as of when it holds (asOf): the date of the source that reports it.");
            var asOf = Date(c.AsOf, at("asOf"));
            if (from is { } f && asOf is { } a && f.Start > a.End) Fail(at("from"), $"The camp cannot start ({f}) after the date it is reported as of ({a}).");
            if (c.Basis == "inferred" && (string.IsNullOrWhiteSpace(c.ReasonZh) || string.IsNullOrWhiteSpace(c.ReasonEn)))
                Fail(at("reasonEn"), "An inferred camp says why, in both languages (reasonZh, reasonEn).");
        });
        Each("people.json", set.People, (p, at) =>
        {
            Text(p.NameZh, at("nameZh"));
            Text(p.NameEn, at("nameEn"));
            var aliases = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var a = 0; a < p.Aliases.Count; a++)
            {
                Text(p.Aliases[a], at($"aliases[{a}]"));
                if (p.Aliases[a] is { } alias && !aliases.Add(alias)) Fail(at($"aliases[{a}]"), $"The alias '{alias}' appears more than once.");
            }
        });
        Each("roles.json", set.Roles, (r, at) =>
        {
            Ref(r.Person, people, at("person"), "person");
            Ref(r.Organization, organizations, at("organization"), "organization");
            Text(r.TitleZh, at("titleZh"));
            Text(r.TitleEn, at("titleEn"));
            var from = Date(r.From, at("from"));
            var to = Date(r.To, at("to"));
            if (from is { } f && to is { } t && t.End < f.Start) Fail(at("to"), $"The role ends ({t}) before it starts ({f}).");
        });
        Each("models.json", set.Models, (m, at) =>
        {
            Text(m.Name, at("name"));
            Ref(m.Organization, organizations, at("organization"), "organization");
            Date(m.ReleasedOn, at("releasedOn"));
            Quantity(m.Parameters, at("parameters"));
            Enum<CommercialUse>(m.CommercialUse, at("commercialUse"));
            Ref(m.BaseModel, models, at("baseModel"), "model");
            if (m.BaseModel == m.Slug) Fail(at("baseModel"), "A model cannot be built on itself.");
        });
        Each("deals.json", set.Deals, (d, at) =>
        {
            Ref(d.Organization, organizations, at("organization"), "organization");
            Enum<DealKind>(d.Kind, at("kind"));
            Enum<DealStage>(d.Stage, at("stage"));
            Enum<DealStatus>(d.Status, at("status"));
            Date(d.Date, at("date"));
            Money(d.Amount, at("amount"));
            Money(d.Valuation, at("valuation"));
            if (d.ValuationIsRaisingAt && d.Valuation is null) Fail(at("valuationIsRaisingAt"), "A 'raising at' flag needs a valuation.");
            for (var i = 0; i < d.Participants.Count; i++)
            {
                var p = d.Participants[i];
                var here = at($"participants[{i}]");
                if ((p.Organization is null) == (p.Person is null)) Fail(here, "A participant names exactly one of organization or person.");
                Ref(p.Organization, organizations, here + ".organization", "organization");
                Ref(p.Person, people, here + ".person", "person");
                Enum<ParticipantRole>(p.Role, here + ".role");
            }
        });
        Each("events.json", set.Events, (e, at) =>
        {
            Date(e.Date, at("date"));
            Enum<EventKind>(e.Kind, at("kind"));
            Text(e.TitleZh, at("titleZh"));
            Text(e.TitleEn, at("titleEn"));
            Refs(e.Organizations, organizations, at("organizations"), "organization");
            Refs(e.People, people, at("people"), "person");
            Refs(e.Models, models, at("models"), "model");
            Refs(e.Deals, deals, at("deals"), "deal");
        });
        Each("viewpoints.json", set.Viewpoints, (v, at) =>
        {
            Ref(v.Person, people, at("person"), "person");
            if (v.Person is null && (string.IsNullOrWhiteSpace(v.SpeakerZh) || string.IsNullOrWhiteSpace(v.SpeakerEn)))
                Fail(at("speakerZh"), "A viewpoint without a person names its speaker in both languages (speakerZh, speakerEn).");
            if (v.Camp is not null) Enum<Camp>(v.Camp, at("camp"));
            Text(v.TopicZh, at("topicZh"));
            Text(v.TopicEn, at("topicEn"));
            Enum<Stance>(v.Stance, at("stance"));
            Date(v.Date, at("date"));
        });
        Each("statistics.json", set.Statistics, (s, at) =>
        {
            Text(s.LabelZh, at("labelZh"));
            Text(s.LabelEn, at("labelEn"));
            Quantity(s.Value, at("value"));
            Enum<StatisticUnit>(s.Unit, at("unit"));
            Date(s.Date, at("date"));
            Ref(s.Organization, organizations, at("organization"), "organization");
        });
        return errors;

        // Each fact: its notes and citations, then the checks of its own file.
        void Each<T>(string file, List<T> facts, Action<T, Func<string, string>> check) where T : SeedFact
        {
            var fields = BasisFields.TryGetValue(file, out var known) ? known : new Dictionary<string, Func<SeedFact, bool>>();
            for (var i = 0; i < facts.Count; i++)
            {
                var fact = facts[i];
                var index = i;
                string At(string member) => $"$[{index}].{member}";
                currentFile = file;
                if (fact.Citations is null || fact.Citations.Count == 0) Fail(At("citations"), "Every fact cites at least one quote.");
                for (var c = 0; c < (fact.Citations?.Count ?? 0); c++) Citation(fact.Citations![c], At($"citations[{c}]"));
                for (var n = 0; n < fact.Notes.Count; n++)
                {
                    Text(fact.Notes[n].Zh, At($"notes[{n}].zh"));
                    Text(fact.Notes[n].En, At($"notes[{n}].en"));
                }
                Bases(fact, fields, At);
                check(fact, At);
            }
        }

        void Bases(SeedFact fact, IReadOnlyDictionary<string, Func<SeedFact, bool>> fields, Func<string, string> at)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var b = 0; b < fact.Bases.Count; b++)
            {
                var basis = fact.Bases[b];
                var here = at($"bases[{b}]");
                if (basis is null) { Fail(here, "A basis is an object with field and basis."); continue; }
                if (basis.Field is null || !fields.TryGetValue(basis.Field, out var hasValue))
                    Fail(here + ".field", $"'{basis.Field}' is not a field whose basis can be given here. Known: {(fields.Count == 0 ? "none" : string.Join(", ", fields.Keys))}.");
                else if (!seen.Add(basis.Field))
                    Fail(here + ".field", $"The field '{basis.Field}' has more than one basis.");
                else if (!hasValue(fact))
                    Fail(here + ".field", $"The field '{basis.Field}' has no value, so it has no basis.");
                Enum<ValueBasis>(basis.Basis, here + ".basis");
                if (basis.Basis is "inferred" or "outside-knowledge" && (string.IsNullOrWhiteSpace(basis.ReasonZh) || string.IsNullOrWhiteSpace(basis.ReasonEn)))
                    Fail(here + ".reasonEn", $"A value with basis '{basis.Basis}' says why, in both languages (reasonZh, reasonEn).");
            }
        }

        void Citation(SeedCitation citation, string at)
        {
            if (!sources.TryGetValue(citation.SourceId, out var text))
                Fail(at + ".sourceId", $"No source has the id '{citation.SourceId}'. Known: {string.Join(", ", sources.Keys)}.");
            else if (string.IsNullOrWhiteSpace(citation.Quote))
                Fail(at + ".quote", "The quote is empty.");
            else if (!text.Contains(citation.Quote, StringComparison.Ordinal))
                Fail(at + ".quote", $"The quote is not verbatim in source '{citation.SourceId}': \"{Shorten(citation.Quote)}\".");
        }

        void Text(string? value, string at)
        {
            if (string.IsNullOrWhiteSpace(value)) Fail(at, "A value is required here.");
        }

        void Enum<T>(string? value, string at) where T : struct, System.Enum
        {
            if (!ApiNames.TryParseApi<T>(value, out _))
                Fail(at, $"'{value}' is not one of: {string.Join(", ", ApiNames.AllApi<T>())}.");
        }

        PartialDate? Date(string? value, string at)
        {
            if (value is null) return null;
            if (PartialDate.TryParse(value, out var date)) return date;
            Fail(at, $"'{value}' is not a date of the form yyyy, yyyy-MM or yyyy-MM-dd.");
            return null;
        }

        void Money(SeedMoney? money, string at)
        {
            if (money is null) return;
            if (!Values.Money.Currencies.Contains(money.Currency))
                Fail(at + ".currency", $"'{money.Currency}' is not one of: {string.Join(", ", Values.Money.Currencies)}.");
            Bounds(money.Min, money.Max, money.Text, money.Approximate, at);
        }

        void Quantity(SeedQuantity? quantity, string at)
        {
            if (quantity is not null) Bounds(quantity.Min, quantity.Max, quantity.Text, quantity.Approximate, at);
        }

        void Bounds(long min, long? max, string text, bool approximate, string at)
        {
            if (min < 0) Fail(at + ".min", "The lower bound cannot be negative.");
            if (max is not null && max < min) Fail(at + ".max", $"The upper bound ({max}) is below the lower bound ({min}).");
            Text(text, at + ".text");
            if (approximate && !string.IsNullOrWhiteSpace(text) && !Approximation.HasMarker(text))
                Fail(at + ".approximate", $"'approximate' needs the source's own hedge in text (one of {string.Join(", ", Approximation.Markers)}); \"{Shorten(text)}\" has none.");
        }

        void Ref(string? slug, HashSet<string> known, string at, string what)
        {
            if (slug is not null && !known.Contains(slug)) Fail(at, $"No {what} has the slug '{slug}'.");
        }

        void Refs(List<string> slugs, HashSet<string> known, string at, string what)
        {
            for (var i = 0; i < slugs.Count; i++) Ref(slugs[i], known, $"{at}[{i}]", what);
        }

        void Fail(string at, string reason) => errors.Add(new(currentFile, at, reason));
    }

    // The fields of each file whose basis an entry may give, and whether an entry has a value there.
    private static readonly Dictionary<string, IReadOnlyDictionary<string, Func<SeedFact, bool>>> BasisFields = new()
    {
        ["organizations.json"] = new Dictionary<string, Func<SeedFact, bool>>
        {
            ["nameEn"] = _ => true,
            ["kind"] = _ => true,
            ["country"] = f => ((SeedOrganization)f).Country is not null,
            ["city"] = f => ((SeedOrganization)f).City is not null,
            ["foundedOn"] = f => ((SeedOrganization)f).FoundedOn is not null,
            ["acquiredBy"] = f => ((SeedOrganization)f).AcquiredBy is not null,
        },
        ["people.json"] = new Dictionary<string, Func<SeedFact, bool>> { ["nameEn"] = _ => true },
        ["roles.json"] = new Dictionary<string, Func<SeedFact, bool>>
        {
            ["organization"] = _ => true,
            ["title"] = _ => true,
            ["from"] = f => ((SeedRole)f).From is not null,
            ["to"] = f => ((SeedRole)f).To is not null,
        },
        ["models.json"] = new Dictionary<string, Func<SeedFact, bool>>
        {
            ["organization"] = f => ((SeedModel)f).Organization is not null,
            ["releasedOn"] = f => ((SeedModel)f).ReleasedOn is not null,
            ["parameters"] = f => ((SeedModel)f).Parameters is not null,
            ["openSource"] = f => ((SeedModel)f).OpenSource is not null,
        },
        ["deals.json"] = new Dictionary<string, Func<SeedFact, bool>>
        {
            ["date"] = f => ((SeedDeal)f).Date is not null,
            ["amount"] = f => ((SeedDeal)f).Amount is not null,
            ["valuation"] = f => ((SeedDeal)f).Valuation is not null,
        },
        ["events.json"] = new Dictionary<string, Func<SeedFact, bool>> { ["date"] = f => ((SeedEvent)f).Date is not null },
        ["viewpoints.json"] = new Dictionary<string, Func<SeedFact, bool>>
        {
            ["date"] = f => ((SeedViewpoint)f).Date is not null,
            ["person"] = f => ((SeedViewpoint)f).Person is not null,
        },
        ["statistics.json"] = new Dictionary<string, Func<SeedFact, bool>>
        {
            ["value"] = _ => true,
            ["date"] = f => ((SeedStatistic)f).Date is not null,
            ["organization"] = f => ((SeedStatistic)f).Organization is not null,
        },
    };

    private static HashSet<string> Slugs<T>(string file, List<T> facts, List<SeedError> errors) where T : SeedFact
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? previous = null;
        for (var i = 0; i < facts.Count; i++)
        {
            var slug = facts[i].Slug;
            if (!SlugPattern().IsMatch(slug ?? ""))
                errors.Add(new(file, $"$[{i}].slug", $"'{slug}' is not a slug: lower-case letters, digits and single hyphens."));
            else if (!seen.Add(slug!))
                errors.Add(new(file, $"$[{i}].slug", $"The slug '{slug}' appears more than once."));
            else if (previous is not null && string.CompareOrdinal(previous, slug) > 0)
                errors.Add(new(file, $"$[{i}].slug", $"Entries are sorted by slug: '{slug}' comes before '{previous}'."));
            previous = slug;
        }
        return seen;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "…";
}
