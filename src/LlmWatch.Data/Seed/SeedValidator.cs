using System.Text.RegularExpressions;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;

namespace LlmWatch.Data.Seed;

/// <summary>The facts and sources an entry may name: slugs by kind, and each cited source's text.</summary>
public sealed record SeedReferences(
    IReadOnlyDictionary<string, string> Sources, IReadOnlySet<string> Organizations, IReadOnlySet<string> People,
    IReadOnlySet<string> Models, IReadOnlySet<string> Deals)
{
    /// <summary>The tables of the dataset sources, by source id: a citation into one names a row and columns.</summary>
    public IReadOnlyDictionary<string, SeedDataset> Datasets { get; init; } = new Dictionary<string, SeedDataset>();
}

/// <summary>
/// Checks a whole <see cref="SeedSet"/> before anything is written: slugs, enum values, dates, money,
/// references between files, and that every quote stands verbatim in its source.
/// </summary>
public static partial class SeedValidator
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    /// <summary>The longest text any field may hold: the seed's longest is under 500 characters.</summary>
    public const int MaxTextLength = 4000;

    public static List<SeedError> Validate(SeedSet set)
    {
        var errors = new List<SeedError>();
        var sources = set.Sources.ToDictionary(s => s.Source.Id, s => s.Text);
        if (sources.Count == 0) errors.Add(new("sources/", "$", "No source documents were found; every fact must cite one."));

        var known = new SeedReferences(sources,
            Slugs("organizations.json", set.Organizations, errors),
            Slugs("people.json", set.People, errors),
            Slugs("models.json", set.Models, errors),
            Slugs("deals.json", set.Deals, errors))
        {
            Datasets = set.Datasets.ToDictionary(d => d.SourceId),
        };
        Slugs("camps.json", set.Camps, errors);
        Slugs("roles.json", set.Roles, errors);
        Slugs("events.json", set.Events, errors);
        Slugs("viewpoints.json", set.Viewpoints, errors);
        Slugs("statistics.json", set.Statistics, errors);

        var checker = new Checker(errors, known);
        checker.Each("organizations.json", set.Organizations);
        checker.Each("camps.json", set.Camps);
        checker.Each("people.json", set.People);
        checker.Each("roles.json", set.Roles);
        checker.Each("models.json", set.Models);
        checker.Each("deals.json", set.Deals);
        checker.Each("events.json", set.Events);
        checker.Each("viewpoints.json", set.Viewpoints);
        checker.Each("statistics.json", set.Statistics);
        AlsoReportedFile.Validate(set, sources, errors);
        return errors;
    }

    /// <summary>
    /// One entry on its own (a proposal), by the same rules as a whole file: its references are checked against
    /// <paramref name="known"/> (the database's facts and the cited sources) and its paths read <c>$.field</c>.
    /// </summary>
    public static List<SeedError> ValidateEntry(SeedFact fact, SeedReferences known)
    {
        var errors = new List<SeedError>();
        var file = FileOf(fact);
        if (!SlugPattern().IsMatch(fact.Slug ?? ""))
            errors.Add(new(file, "$.slug", $"'{fact.Slug}' is not a slug: lower-case letters, digits and single hyphens."));
        new Checker(errors, known).One(file, fact, member => "$." + member);
        return errors;
    }

    /// <summary>The seed file an entry of this type lives in.</summary>
    public static string FileOf(SeedFact fact) => fact switch
    {
        SeedOrganization => "organizations.json",
        SeedCampAssignment => "camps.json",
        SeedPerson => "people.json",
        SeedRole => "roles.json",
        SeedModel => "models.json",
        SeedDeal => "deals.json",
        SeedEvent => "events.json",
        SeedViewpoint => "viewpoints.json",
        SeedStatistic => "statistics.json",
        _ => throw new ArgumentOutOfRangeException(nameof(fact), fact.GetType().Name, "Not a seed fact."),
    };

    /// <summary>The slugs of other facts an entry names, by kind ("organization", "person", "model", "deal"), and the sources it cites.</summary>
    public static (List<(string Kind, string Slug)> Facts, List<string> Sources) ReferencesOf(SeedFact fact)
    {
        var refs = new List<(string, string)>();
        void Add(string kind, string? slug) { if (slug is not null) refs.Add((kind, slug)); }
        switch (fact)
        {
            case SeedOrganization o: Add("organization", o.AcquiredBy); break;
            case SeedCampAssignment c: Add("organization", c.Organization); break;
            case SeedRole r: Add("person", r.Person); Add("organization", r.Organization); break;
            case SeedModel m: Add("organization", m.Organization); Add("model", m.BaseModel); break;
            case SeedDeal d:
                Add("organization", d.Organization);
                foreach (var p in d.Participants ?? []) { Add("organization", p?.Organization); Add("person", p?.Person); }
                break;
            case SeedEvent e:
                foreach (var x in e.Organizations ?? []) Add("organization", x);
                foreach (var x in e.People ?? []) Add("person", x);
                foreach (var x in e.Models ?? []) Add("model", x);
                foreach (var x in e.Deals ?? []) Add("deal", x);
                break;
            case SeedViewpoint v: Add("person", v.Person); break;
            case SeedStatistic s: Add("organization", s.Organization); break;
        }
        return (refs, (fact.Citations ?? []).Where(c => c?.SourceId is not null).Select(c => c.SourceId).Distinct().ToList());
    }

    private sealed class Checker(List<SeedError> errors, SeedReferences known)
    {
        private string _file = "";

        // Each fact: its notes and citations, then the checks of its own file.
        public void Each<T>(string file, List<T> facts) where T : SeedFact
        {
            for (var i = 0; i < facts.Count; i++)
            {
                var index = i;
                // An entry a dataset's row made is named by its slug: it has no place in a file.
                if (facts[i].Dataset is { } dataset)
                    One(file, facts[i], member => $"(made from dataset {dataset}) '{facts[index].Slug}'.{member}");
                else
                    One(file, facts[i], member => $"$[{index}].{member}");
            }
        }

        public void One(string file, SeedFact fact, Func<string, string> at)
        {
            _file = file;
            Hygiene(fact, at("").TrimEnd('.'));
            if (fact.Citations is null || fact.Citations.Count == 0) Fail(at("citations"), "Every fact cites at least one quote.");
            for (var c = 0; c < (fact.Citations?.Count ?? 0); c++) Citation(fact.Citations![c], at($"citations[{c}]"));
            for (var n = 0; n < (fact.Notes?.Count ?? 0); n++)
            {
                Text(fact.Notes![n]?.Zh, at($"notes[{n}].zh"));
                Text(fact.Notes![n]?.En, at($"notes[{n}].en"));
            }
            Bases(fact, BasisFields.TryGetValue(file, out var fields) ? fields : new Dictionary<string, Func<SeedFact, bool>>(), at);
            switch (fact)
            {
                case SeedOrganization o: Organization(o, at); break;
                case SeedCampAssignment c: CampAssignment(c, at); break;
                case SeedPerson p: Person(p, at); break;
                case SeedRole r: Role(r, at); break;
                case SeedModel m: Model(m, at); break;
                case SeedDeal d: Deal(d, at); break;
                case SeedEvent e: Event(e, at); break;
                case SeedViewpoint v: Viewpoint(v, at); break;
                case SeedStatistic s: Statistic(s, at); break;
            }
        }

        private void Organization(SeedOrganization o, Func<string, string> at)
        {
            Text(o.NameZh, at("nameZh"));
            Text(o.NameEn, at("nameEn"));
            Enum<OrganizationKind>(o.Kind, at("kind"));
            Enum<OrganizationStatus>(o.Status, at("status"));
            Date(o.FoundedOn, at("foundedOn"));
            Ref(o.AcquiredBy, known.Organizations, at("acquiredBy"), "organization");
            if (o.AcquiredBy == o.Slug) Fail(at("acquiredBy"), "An organization cannot acquire itself.");
            if (o.Status == "acquired" && o.AcquiredBy is null) Fail(at("acquiredBy"), "An acquired organization names who acquired it.");
            if (o.Country is not null && !Regex.IsMatch(o.Country, "^[A-Z]{2}$")) Fail(at("country"), $"'{o.Country}' is not an ISO 3166 alpha-2 code such as CN or US.");
        }

        private void CampAssignment(SeedCampAssignment c, Func<string, string> at)
        {
            Ref(c.Organization, known.Organizations, at("organization"), "organization");
            Enum<Camp>(c.Camp, at("camp"));
            Enum<CampBasis>(c.Basis, at("basis"));
            var from = Date(c.From, at("from"));
            if (c.AsOf is null) Fail(at("asOf"), "A camp assignment says as of when it holds (asOf): the date of the source that reports it.");
            var asOf = Date(c.AsOf, at("asOf"));
            if (from is { } f && asOf is { } a && f.Start > a.End) Fail(at("from"), $"The camp cannot start ({f}) after the date it is reported as of ({a}).");
            if (c.Basis == "inferred" && (string.IsNullOrWhiteSpace(c.ReasonZh) || string.IsNullOrWhiteSpace(c.ReasonEn)))
                Fail(at("reasonEn"), "An inferred camp says why, in both languages (reasonZh, reasonEn).");
        }

        private void Person(SeedPerson p, Func<string, string> at)
        {
            Text(p.NameZh, at("nameZh"));
            Text(p.NameEn, at("nameEn"));
            var aliases = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var a = 0; a < (p.Aliases?.Count ?? 0); a++)
            {
                Text(p.Aliases![a], at($"aliases[{a}]"));
                if (p.Aliases[a] is { } alias && !aliases.Add(alias)) Fail(at($"aliases[{a}]"), $"The alias '{alias}' appears more than once.");
            }
        }

        private void Role(SeedRole r, Func<string, string> at)
        {
            Ref(r.Person, known.People, at("person"), "person");
            Ref(r.Organization, known.Organizations, at("organization"), "organization");
            Text(r.TitleZh, at("titleZh"));
            Text(r.TitleEn, at("titleEn"));
            var from = Date(r.From, at("from"));
            var to = Date(r.To, at("to"));
            if (from is { } f && to is { } t && t.End < f.Start) Fail(at("to"), $"The role ends ({t}) before it starts ({f}).");
        }

        private void Model(SeedModel m, Func<string, string> at)
        {
            Text(m.Name, at("name"));
            Ref(m.Organization, known.Organizations, at("organization"), "organization");
            Date(m.ReleasedOn, at("releasedOn"));
            Quantity(m.Parameters, at("parameters"));
            Enum<CommercialUse>(m.CommercialUse, at("commercialUse"));
            Ref(m.BaseModel, known.Models, at("baseModel"), "model");
            if (m.BaseModel == m.Slug) Fail(at("baseModel"), "A model cannot be built on itself.");
        }

        private void Deal(SeedDeal d, Func<string, string> at)
        {
            Ref(d.Organization, known.Organizations, at("organization"), "organization");
            Enum<DealKind>(d.Kind, at("kind"));
            Enum<DealStage>(d.Stage, at("stage"));
            Enum<DealStatus>(d.Status, at("status"));
            Date(d.Date, at("date"));
            Money(d.Amount, at("amount"));
            Money(d.Valuation, at("valuation"));
            if (d.ValuationIsRaisingAt && d.Valuation is null) Fail(at("valuationIsRaisingAt"), "A 'raising at' flag needs a valuation.");
            for (var i = 0; i < (d.Participants?.Count ?? 0); i++)
            {
                var p = d.Participants![i];
                var here = at($"participants[{i}]");
                if (p is null) { Fail(here, "A participant is an object with a role and an organization or a person."); continue; }
                if ((p.Organization is null) == (p.Person is null)) Fail(here, "A participant names exactly one of organization or person.");
                Ref(p.Organization, known.Organizations, here + ".organization", "organization");
                Ref(p.Person, known.People, here + ".person", "person");
                Enum<ParticipantRole>(p.Role, here + ".role");
            }
        }

        private void Event(SeedEvent e, Func<string, string> at)
        {
            Date(e.Date, at("date"));
            Enum<EventKind>(e.Kind, at("kind"));
            Text(e.TitleZh, at("titleZh"));
            Text(e.TitleEn, at("titleEn"));
            Refs(e.Organizations, known.Organizations, at("organizations"), "organization");
            Refs(e.People, known.People, at("people"), "person");
            Refs(e.Models, known.Models, at("models"), "model");
            Refs(e.Deals, known.Deals, at("deals"), "deal");
        }

        private void Viewpoint(SeedViewpoint v, Func<string, string> at)
        {
            Ref(v.Person, known.People, at("person"), "person");
            if (v.Person is null && (string.IsNullOrWhiteSpace(v.SpeakerZh) || string.IsNullOrWhiteSpace(v.SpeakerEn)))
                Fail(at("speakerZh"), "A viewpoint without a person names its speaker in both languages (speakerZh, speakerEn).");
            if (v.Camp is not null) Enum<Camp>(v.Camp, at("camp"));
            Text(v.TopicZh, at("topicZh"));
            Text(v.TopicEn, at("topicEn"));
            Enum<Stance>(v.Stance, at("stance"));
            Date(v.Date, at("date"));
        }

        private void Statistic(SeedStatistic s, Func<string, string> at)
        {
            Text(s.LabelZh, at("labelZh"));
            Text(s.LabelEn, at("labelEn"));
            if (s.Value is null) Fail(at("value"), "A statistic has a value.");
            Quantity(s.Value, at("value"));
            Enum<StatisticUnit>(s.Unit, at("unit"));
            Date(s.Date, at("date"));
            Ref(s.Organization, known.Organizations, at("organization"), "organization");
        }

        private void Bases(SeedFact fact, IReadOnlyDictionary<string, Func<SeedFact, bool>> fields, Func<string, string> at)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var b = 0; b < (fact.Bases?.Count ?? 0); b++)
            {
                var basis = fact.Bases![b];
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

        private void Citation(SeedCitation? citation, string at)
        {
            if (citation is null) { Fail(at, "A citation is an object with sourceId and quote."); return; }
            if (citation.SourceId is null || !known.Sources.TryGetValue(citation.SourceId, out var text))
                Fail(at + ".sourceId", $"No source has the id '{citation.SourceId}'. Known: {string.Join(", ", known.Sources.Keys)}.");
            else if (string.IsNullOrWhiteSpace(citation.Quote))
                Fail(at + ".quote", "The quote is empty.");
            else if (known.Datasets.TryGetValue(citation.SourceId, out var dataset))
                DatasetCitation(citation, dataset, at);
            // An entry checked on its own (a proposal) knows the sources' texts but not the tables: its quote is then checked in the text.
            else if ((citation.Row is not null || citation.Columns is not null) && known.Datasets.Count > 0)
                Fail(at + ".row", $"Source '{citation.SourceId}' is an article: its quotes name no row or columns.");
            else if (!text.Contains(citation.Quote, StringComparison.Ordinal))
                Fail(at + ".quote", $"The quote is not verbatim in source '{citation.SourceId}': \"{Shorten(citation.Quote)}\".");
        }

        // A dataset citation names a row and its columns; the quote stands verbatim in those cells (joined by " | ").
        private void DatasetCitation(SeedCitation citation, SeedDataset dataset, string at)
        {
            if (citation.Row is not { } number || number < 1 || number > dataset.Rows.Count)
            {
                Fail(at + ".row", $"Source '{citation.SourceId}' is a dataset: a citation names one of its rows (1 to {dataset.Rows.Count}).");
                return;
            }
            if (citation.Columns is not { Count: > 0 } columns)
            {
                Fail(at + ".columns", "A dataset citation names the column(s) it quotes.");
                return;
            }
            if (columns.FirstOrDefault(c => dataset.Column(c) < 0) is { } unknown)
            {
                Fail(at + ".columns", $"The dataset '{citation.SourceId}' has no column '{unknown}'.");
                return;
            }
            var row = dataset.Rows[number - 1];
            var cells = string.Join(" | ", columns.Select(c => dataset.Cell(row, c)));
            if (!cells.Contains(citation.Quote, StringComparison.Ordinal))
                Fail(at + ".quote", $"The quote is not verbatim in row {number} (line {row.Line}) of '{citation.SourceId}', column(s) {string.Join(", ", columns)}: \"{Shorten(citation.Quote)}\".");
        }

        // Every text of an entry, however deep: bounded, printable, and never markup.
        private void Hygiene(object? value, string at)
        {
            switch (value)
            {
                case null: return;
                case string text:
                    if (text.Length > MaxTextLength) Fail(at, $"The text is {text.Length:N0} characters long; at most {MaxTextLength:N0} are allowed.");
                    else if (text.Any(char.IsControl)) Fail(at, "The text holds a control character (a line break, a tab or an invisible code); write it on one line.");
                    else if (MarkupPattern().IsMatch(text)) Fail(at, "The text holds HTML markup ('<' followed by a letter, '/', '!' or '?'); write plain text.");
                    return;
                case System.Collections.IEnumerable items:
                    var i = 0;
                    foreach (var item in items) Hygiene(item, $"{at}[{i++}]");
                    return;
                default:
                    var type = value.GetType();
                    if (type.Namespace != typeof(SeedFact).Namespace) return;
                    foreach (var property in type.GetProperties())
                        if (property.GetIndexParameters().Length == 0 && property.PropertyType != typeof(Type))
                            Hygiene(property.GetValue(value), $"{at}.{System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property.Name)}");
                    return;
            }
        }

        private void Text(string? value, string at)
        {
            if (string.IsNullOrWhiteSpace(value)) Fail(at, "A value is required here.");
        }

        private void Enum<T>(string? value, string at) where T : struct, System.Enum
        {
            if (!ApiNames.TryParseApi<T>(value, out _))
                Fail(at, $"'{value}' is not one of: {string.Join(", ", ApiNames.AllApi<T>())}.");
        }

        private PartialDate? Date(string? value, string at)
        {
            if (value is null) return null;
            if (PartialDate.TryParse(value, out var date)) return date;
            Fail(at, $"'{value}' is not a date of the form yyyy, yyyy-MM or yyyy-MM-dd.");
            return null;
        }

        private void Money(SeedMoney? money, string at)
        {
            if (money is null) return;
            if (!Values.Money.Currencies.Contains(money.Currency))
                Fail(at + ".currency", $"'{money.Currency}' is not one of: {string.Join(", ", Values.Money.Currencies)}.");
            Bounds(money.Min, money.Max, money.Text, money.Approximate, at);
        }

        private void Quantity(SeedQuantity? quantity, string at)
        {
            if (quantity is not null) Bounds(quantity.Min, quantity.Max, quantity.Text, quantity.Approximate, at);
        }

        private void Bounds(long min, long? max, string text, bool approximate, string at)
        {
            if (min < 0) Fail(at + ".min", "The lower bound cannot be negative.");
            if (max is not null && max < min) Fail(at + ".max", $"The upper bound ({max}) is below the lower bound ({min}).");
            Text(text, at + ".text");
            if (approximate && !string.IsNullOrWhiteSpace(text) && !Approximation.HasMarker(text))
                Fail(at + ".approximate", $"'approximate' needs the source's own hedge in text (one of {string.Join(", ", Approximation.Markers)}); \"{Shorten(text)}\" has none.");
        }

        private void Ref(string? slug, IReadOnlySet<string> slugs, string at, string what)
        {
            if (slug is not null && !slugs.Contains(slug)) Fail(at, $"No {what} has the slug '{slug}'.");
        }

        private void Refs(List<string>? slugs, IReadOnlySet<string> known, string at, string what)
        {
            for (var i = 0; i < (slugs?.Count ?? 0); i++) Ref(slugs![i], known, $"{at}[{i}]", what);
        }

        private void Fail(string at, string reason) => errors.Add(new(_file, at, reason));
    }

    [GeneratedRegex("<[A-Za-z/!?]")]
    private static partial Regex MarkupPattern();

    // The fields of each file whose basis an entry may give, and whether an entry has a value there.
    private static readonly Dictionary<string, IReadOnlyDictionary<string, Func<SeedFact, bool>>> BasisFields = new()
    {
        ["organizations.json"] = new Dictionary<string, Func<SeedFact, bool>>
        {
            ["nameZh"] = _ => true,
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
                errors.Add(new(file, $"$[{i}].slug", facts[i].Dataset is { } d
                    ? $"The slug '{slug}' that dataset '{d}' makes is a file's entry's too: map the row in {DatasetFacts.ModelMappingFile} or the name in {DatasetFacts.OrganizationMappingFile}."
                    : $"The slug '{slug}' appears more than once."));
            else if (facts[i].Dataset is null && previous is not null && string.CompareOrdinal(previous, slug) > 0)
                errors.Add(new(file, $"$[{i}].slug", $"Entries are sorted by slug: '{slug}' comes before '{previous}'."));
            if (facts[i].Dataset is null) previous = slug;
        }
        return seen;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "…";
}
