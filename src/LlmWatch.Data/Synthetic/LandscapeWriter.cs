using System.Globalization;
using System.Text;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;
using Microsoft.Extensions.Logging;
using static LlmWatch.Data.Synthetic.SyntheticLandscape;

namespace LlmWatch.Data.Synthetic;

/// <summary>
/// Generates organization after organization, each from a random stream of its own (seed, index), and inserts its rows
/// with ids counted up per table: the output depends on the seed and the count only.
/// </summary>
internal sealed class LandscapeWriter : IDisposable
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");
    private const string NoNotes = "[]";
    private const string NoBases = "[]";
    private static readonly PartialDate LastMonth = new(2024, 12);

    private readonly SyntheticOptions _options;
    private readonly FxRates _rates;
    private readonly ILogger _logger;

    private readonly BulkInsert _organizations, _camps, _people, _roles, _models, _deals, _participants, _events, _citations;
    private readonly BulkInsert _eventOrganizations, _eventPeople, _eventModels, _eventDeals, _modelOrganizations;

    private readonly OrganizationKind[] _kinds;
    private readonly List<int> _investors = [];
    private readonly List<int> _acquirers = [];
    private readonly List<int> _generalModels = [];
    private int _campId, _personId, _roleId, _modelId, _dealId, _participantId, _eventId, _citationId;

    // Per organization, reused.
    private readonly List<(PartialDate? From, PartialDate? AsOf, Camp Camp)> _campDrafts = [];
    private readonly List<DealFigures> _dealFigures = [];
    private readonly List<(int Id, string Zh, string En)> _team = [];
    private readonly List<(int Id, string Name, bool? Open)> _orgModels = [];
    private readonly List<(int DealId, PartialDate Date, string Zh, string En)> _fundingEvents = [];

    private readonly BulkLoader _loader;

    /// <param name="sinks">Where a table's rows go (prepared INSERTs on SQLite, a binary COPY on PostgreSQL), given its name and columns.</param>
    public LandscapeWriter(Func<string, string[], ITableSink> sinks, SyntheticOptions options, FxRates rates, ILogger logger,
        CancellationToken cancellationToken)
    {
        _loader = new BulkLoader(cancellationToken);
        BulkInsert Table(string table, params string[] columns) => new(_loader, sinks(table, columns), columns.Length);
        // A fact's bases: none, written out (PostgreSQL's column has no default).
        BulkInsert Facts(string table, params string[] columns) => new(_loader, sinks(table, [.. columns, "Bases"]), columns.Length, NoBases);
        _options = options;
        _rates = rates;
        _logger = logger;
        _organizations = Facts("Organizations", "Id", "Slug", "Notes", "NameZh", "NameEn", "Aliases", "Pinyin", "Kind",
            "Country", "City", "FoundedOn", "Status", "AcquiredById", "SummaryZh", "SummaryEn", "Camp", "LatestValuationUsd", "DisclosedFundingUsd");
        _camps = Facts("CampAssignments", "Id", "Slug", "Notes", "OrganizationId", "Camp", "From", "AsOf", "Basis", "ReasonZh", "ReasonEn");
        _people = new(_loader, sinks("People", ["Id", "Slug", "Notes", "NameZh", "NameEn", "IsPseudonym", "SummaryZh", "SummaryEn", "Bases", "Aliases"]), 8,
            NoBases, Array.Empty<string>());
        _roles = Facts("Roles", "Id", "Slug", "Notes", "PersonId", "OrganizationId", "TitleZh", "TitleEn", "From", "To");
        _models = Facts("Models", "Id", "Slug", "Notes", "Name", "OrganizationId", "ReleasedOn", "Parameters_Min",
            "Parameters_Max", "Parameters_Text", "Parameters_Approximate", "OpenSource", "CommercialUse", "BaseModelId", "SummaryZh", "SummaryEn");
        _deals = Facts("Deals", "Id", "Slug", "Notes", "OrganizationId", "Kind", "Stage", "StageText", "Date", "Status",
            "Amount_Currency", "Amount_Min", "Amount_Max", "Amount_Text", "Amount_Approximate", "Valuation_Currency", "Valuation_Min", "Valuation_Max",
            "Valuation_Text", "Valuation_Approximate",
            "ValuationIsRaisingAt", "NoteZh", "NoteEn");
        _participants = Table("DealParticipants", "Id", "DealId", "Ordinal", "OrganizationId", "PersonId", "Role");
        _events = Facts("Events", "Id", "Slug", "Notes", "Date", "Kind", "TitleZh", "TitleEn");
        _citations = Table("Citations", "Id", "SubjectType", "SubjectId", "Ordinal", "SourceId", "Quote", "Note");
        _eventOrganizations = Table("EventOrganizations", "EventId", "OrganizationsId");
        _eventPeople = Table("EventPeople", "EventId", "PeopleId");
        _eventModels = Table("EventModels", "EventId", "ModelsId");
        _eventDeals = Table("EventDeals", "DealsId", "EventId");
        // Every model's organisations, as the importer keeps them: a synthetic model has one, at position 0.
        _modelOrganizations = Table("ModelOrganizations", "ModelId", "OrganizationId", "Ordinal");

        // Kinds first, so that any deal can name any investor and any acquisition any acquirer.
        _kinds = new OrganizationKind[options.Organizations + 1];
        for (var i = 1; i <= options.Organizations; i++)
        {
            var random = new SyntheticRandom(options.Seed, (ulong)i * 2);
            _kinds[i] = random.Weighted(Kinds);
            if (_kinds[i] == OrganizationKind.Investor) _investors.Add(i);
            if (_kinds[i] is OrganizationKind.BigTech or OrganizationKind.ListedCompany) _acquirers.Add(i);
        }
    }

    private IEnumerable<BulkInsert> Tables =>
        [_organizations, _camps, _people, _roles, _models, _deals, _participants, _events, _citations, _eventOrganizations, _eventPeople, _eventModels, _eventDeals, _modelOrganizations];

    public long Write(CancellationToken cancellationToken)
    {
        var step = Math.Max(1, _options.Organizations / 10);
        try
        {
            for (var i = 1; i <= _options.Organizations; i++)
            {
                if (i % 1024 == 0) cancellationToken.ThrowIfCancellationRequested();
                WriteOrganization(i, new SyntheticRandom(_options.Seed, (ulong)i * 2 + 1));
                if (i % step == 0) _logger.LogInformation("Generated {Done} of {Total} organizations", i, _options.Organizations);
            }
            foreach (var table in Tables) table.Flush();
        }
        catch
        {
            _loader.Complete(abandon: true);
            throw;
        }
        _loader.Complete(abandon: false);
        return Tables.Sum(t => t.Rows);
    }

    private void WriteOrganization(int id, SyntheticRandom random)
    {
        var kind = _kinds[id];
        var name = OrganizationName(kind, ref random);
        var slug = $"syn-{id:D7}-{Slugify(name.En)}";
        var founded = Founded(kind, ref random);
        var city = random.Chance(0.02) ? null : random.Weighted(Cities);
        var domain = random.Pick(Domains);
        var acquiredBy = kind is OrganizationKind.Startup or OrganizationKind.AiCompany && _acquirers.Count > 0 && random.Chance(0.02)
            ? random.Pick(_acquirers) : (int?)null;
        var status = acquiredBy is not null ? OrganizationStatus.Acquired : random.Chance(0.05) ? OrganizationStatus.Closed : OrganizationStatus.Active;

        WriteCamps(id, kind, founded, domain, ref random);
        var camp = OrganizationFigures.LatestCamp(_campDrafts);
        WriteTeam(id, kind, name, founded, ref random);
        WriteModels(id, camp, name, ref random);
        WriteDeals(id, kind, name, founded, acquiredBy, ref random);
        WriteEvents(id, name, founded, ref random);

        var (summaryZh, summaryEn) = Summary(kind, camp, domain);
        _organizations.Insert(id, slug, NoNotes, name.Zh, name.En, name.Aliases.ToArray(), name.Pinyin, kind.ToString(),
            "CN", city, founded?.ToString(), status.ToString(), acquiredBy, summaryZh, summaryEn, camp.ToString(),
            OrganizationFigures.LatestValuationUsd(_dealFigures, _rates), OrganizationFigures.DisclosedFundingUsd(_dealFigures, _rates));
        Cite(SubjectType.Organization, id, ref random);
    }

    private sealed record Name(string Zh, string En, string Pinyin, List<string> Aliases)
    {
        public string FirstWord => En.Split(' ')[0];
    }

    private static Name OrganizationName(OrganizationKind kind, ref SyntheticRandom random)
    {
        var suffix = kind switch
        {
            OrganizationKind.Investor => random.Pick(InvestorSuffixes),
            OrganizationKind.BigTech or OrganizationKind.ListedCompany => random.Chance(0.7) ? random.Pick(GroupSuffixes) : random.Pick(CompanySuffixes),
            OrganizationKind.ResearchInstitute => random.Pick(InstituteSuffixes),
            _ => random.Chance(0.6) ? random.Pick(CompanySuffixes) : null,
        };
        var longest = Math.Min(4, 6 - (suffix?.Zh.Length ?? 0));
        var syllables = new (string Zh, string Py)[random.Between(2, longest)];
        for (var i = 0; i < syllables.Length; i++) syllables[i] = random.Pick(NameSyllables);

        var core = string.Concat(syllables.Select(s => s.Zh));
        string[] words = syllables.Length switch
        {
            2 => [Title(syllables[0].Py) + syllables[1].Py],
            3 => [Title(syllables[0].Py) + syllables[1].Py, Title(syllables[2].Py)],
            _ => [Title(syllables[0].Py) + syllables[1].Py, Title(syllables[2].Py) + syllables[3].Py],
        };
        var en = string.Join(' ', words);
        if (suffix is not null && (kind != OrganizationKind.Startup || random.Chance(0.7))) en += " " + suffix.En;
        var pinyin = string.Join(' ', syllables.Select(s => s.Py)) + (suffix is null ? "" : " " + suffix.Py);

        var aliases = new List<string>();
        if (suffix is not null && random.Chance(0.25)) aliases.Add(core);
        if (random.Chance(0.1)) aliases.Add(string.Concat(syllables.Select(s => char.ToUpperInvariant(s.Py[0]))));
        return new Name(core + suffix?.Zh, en, pinyin, aliases);
    }

    private static PartialDate? Founded(OrganizationKind kind, ref SyntheticRandom random)
    {
        if (random.Chance(0.02)) return null;
        var year = kind switch
        {
            OrganizationKind.Investor => random.Between(1995, 2020),
            OrganizationKind.BigTech or OrganizationKind.ListedCompany => random.Between(1994, 2015),
            OrganizationKind.ResearchInstitute => random.Between(2000, 2022),
            // Skewed to recent years: the square root of a uniform number leans towards 1.
            _ => Math.Min(2024, 2010 + (int)(15 * Math.Sqrt(random.Unit()))),
        };
        return random.Chance(0.65) ? new PartialDate(year, random.Between(1, 12)) : new PartialDate(year);
    }

    private void WriteCamps(int organizationId, OrganizationKind kind, PartialDate? founded, (string Zh, string En) domain, ref SyntheticRandom random)
    {
        _campDrafts.Clear();
        var assigned = kind switch
        {
            OrganizationKind.Startup or OrganizationKind.AiCompany => 0.95,
            OrganizationKind.BigTech or OrganizationKind.ListedCompany => 0.5,
            OrganizationKind.ResearchInstitute => 0.3,
            _ => 0,
        };
        if (!random.Chance(assigned)) return;
        var camp = kind == OrganizationKind.BigTech ? Camp.General : random.Weighted(Camps);
        var from = random.Chance(0.2) ? (PartialDate?)null : Later(founded ?? new PartialDate(2020), 0, 18, ref random);
        WriteCamp(organizationId, 1, camp, from, random.Chance(0.4) ? CampBasis.Stated : CampBasis.Inferred, domain, ref random);
        if (random.Chance(0.1))
        {
            // A pivot: a later assignment to another camp, which the organization's camp then follows.
            var next = random.Weighted(Camps);
            if (next == camp) next = camp == Camp.Application ? Camp.BuiltOnOthers : Camp.Application;
            WriteCamp(organizationId, 2, next, new PartialDate(random.Between(2023, 2024), random.Between(1, 12)), CampBasis.Stated, domain, ref random);
        }
    }

    private void WriteCamp(int organizationId, int ordinal, Camp camp, PartialDate? from, CampBasis basis, (string Zh, string En) domain, ref SyntheticRandom random)
    {
        var id = ++_campId;
        var (zh, en) = camp switch
        {
            Camp.General => ("自研通用大模型。", "Builds its own general-purpose model."),
            Camp.Vertical => ($"在{domain.Zh}领域自研垂直大模型。", $"Builds its own vertical model for {domain.En}."),
            Camp.BuiltOnOthers => ($"基于第三方大模型,结合{domain.Zh}行业数据与经验。", $"Builds on third-party models with {domain.En} data and know-how."),
            _ => ($"做{domain.Zh}方向的大模型应用。", $"Builds a large-model application for {domain.En}."),
        };
        // Generated camps are reported as of their start; an undated one as of the end of the generated years.
        var asOf = from ?? new PartialDate(2024, 12);
        _camps.Insert(id, $"syn-{organizationId:D7}-camp-{ordinal}", NoNotes, organizationId, camp.ToString(), from?.ToString(), asOf.ToString(), basis.ToString(), zh, en);
        _campDrafts.Add((from, asOf, camp));
        Cite(SubjectType.CampAssignment, id, ref random);
    }

    private void WriteTeam(int organizationId, OrganizationKind kind, Name organization, PartialDate? founded, ref SyntheticRandom random)
    {
        _team.Clear();
        var count = kind switch
        {
            OrganizationKind.Startup or OrganizationKind.AiCompany => random.Weighted([10, 40, 35, 15]),
            OrganizationKind.Investor or OrganizationKind.Other => random.Below(2),
            _ => random.Weighted([20, 50, 30]),
        };
        for (var i = 0; i < count; i++)
        {
            var id = ++_personId;
            var surname = random.Pick(Surnames);
            var given = new (string Zh, string Py)[random.Chance(0.75) ? 2 : 1];
            for (var g = 0; g < given.Length; g++) given[g] = random.Pick(GivenNames);
            var nameZh = surname.Zh + string.Concat(given.Select(g => g.Zh));
            var nameEn = Title(surname.Py) + " " + Title(string.Concat(given.Select(g => g.Py)));
            var title = kind == OrganizationKind.Investor ? random.Pick(InvestorTitles) : i == 0 ? random.Pick(FounderTitles) : random.Pick(TeamTitles);
            var summary = random.Chance(0.5) ? ($"{organization.Zh}{title.Zh}。", $"{title.En} of {organization.En}.") : (null, null);
            _people.Insert(id, $"syn-p{id:D8}-{Slugify(nameEn)}", NoNotes, nameZh, nameEn, random.Chance(0.01), summary.Item1, summary.Item2);
            Cite(SubjectType.Person, id, ref random);

            if (i == 0 && _acquirers.Count > 0 && founded is { } start && random.Chance(0.08))
            {
                // A career before the company: a role at a big company that ended when this one was founded.
                var before = random.Chance(0.5) ? ("研究员", "Researcher") : ("技术总监", "Technical Director");
                WriteRole(id, random.Pick(_acquirers), before, new PartialDate(Math.Max(1990, start.Year - random.Between(2, 8))), start, ref random);
            }
            var to = random.Chance(0.06) ? Later(founded ?? new PartialDate(2020), 6, 48, ref random) : (PartialDate?)null;
            WriteRole(id, organizationId, title, i == 0 ? founded : Later(founded ?? new PartialDate(2020), 0, 24, ref random), to, ref random);
            _team.Add((id, nameZh, nameEn));
        }
    }

    private void WriteRole(int personId, int organizationId, (string Zh, string En) title, PartialDate? from, PartialDate? to, ref SyntheticRandom random)
    {
        var id = ++_roleId;
        _roles.Insert(id, $"syn-r{id:D8}", NoNotes, personId, organizationId, title.Zh, title.En, from?.ToString(), to?.ToString());
        Cite(SubjectType.Role, id, ref random);
    }

    private void WriteModels(int organizationId, Camp camp, Name organization, ref SyntheticRandom random)
    {
        _orgModels.Clear();
        var count = camp switch
        {
            Camp.General => random.Between(1, 2),
            Camp.Vertical => random.Chance(0.5) ? 1 : 0,
            Camp.BuiltOnOthers => random.Chance(0.3) ? 1 : 0,
            Camp.Application => random.Chance(0.05) ? 1 : 0,
            _ => 0,
        };
        for (var i = 0; i < count; i++)
        {
            var id = ++_modelId;
            var size = random.Chance(0.25) ? ((string Text, long Min, long? Max)?)null : random.Pick(ModelSizes);
            var variant = size is { Text: var text } && text.All(char.IsAscii) && random.Chance(0.5) ? text : random.Pick(ModelVariants);
            var modelName = $"{organization.FirstWord}-{variant}" + (i > 0 ? "-2" : "");
            var released = new PartialDate(random.Between(2023, 2024), random.Between(1, 12));
            if (random.Chance(0.3)) released = new PartialDate(released.Year, released.Month, random.Between(1, 28));
            bool? open = random.Weighted([40, 40, 20]) switch { 0 => true, 1 => false, _ => null };
            var use = open == true ? (random.Chance(0.5) ? CommercialUse.Free : CommercialUse.FreeWithRegistration)
                : random.Chance(0.6) ? CommercialUse.Paid : CommercialUse.Unknown;
            int? baseModel = camp == Camp.BuiltOnOthers && _generalModels.Count > 0 && random.Chance(0.8) ? random.Pick(_generalModels) : null;
            _models.Insert(id, $"syn-m{id:D7}-{Slugify(modelName)}", NoNotes, modelName, organizationId, released.ToString(),
                size?.Min, size?.Max, size?.Text, size is null ? null : false, open, use.ToString(), baseModel, $"{organization.Zh}发布的大模型。", $"A large model released by {organization.En}.");
            _modelOrganizations.Insert(id, organizationId, 0);
            Cite(SubjectType.Model, id, ref random);
            if (camp == Camp.General) _generalModels.Add(id);
            _orgModels.Add((id, modelName, open));
        }
    }

    private void WriteDeals(int organizationId, OrganizationKind kind, Name organization, PartialDate? founded, int? acquiredBy, ref SyntheticRandom random)
    {
        _dealFigures.Clear();
        _fundingEvents.Clear();
        var count = kind is OrganizationKind.Startup or OrganizationKind.AiCompany ? random.Weighted(DealCounts) : 0;
        if (acquiredBy is not null) count = Math.Min(count, DealCounts.Length - 2); // the acquisition is the last of at most ten
        var start = founded is { } f && f.Year >= 2018 ? f : new PartialDate(2018, random.Between(1, 12));
        var date = Later(start, 0, 12, ref random);
        var stage = 0;
        for (var k = 0; k < count && date <= LastMonth; k++)
        {
            var founderCapital = k == 0 && random.Chance(0.08);
            var info = Stages[Math.Min(stage, Stages.Length - 1)];
            if (k > 0 && random.Chance(0.1)) info = Stages[^1];
            var dealKind = founderCapital ? DealKind.FounderCapital : DealKind.EquityRound;
            var status = random.Weighted([90, 4, 3, 1, 2]) switch
            {
                0 => DealStatus.Completed, 1 => DealStatus.Rumoured, 2 => DealStatus.InProgress, 3 => DealStatus.Planned, _ => DealStatus.Failed,
            };
            if (status == DealStatus.Failed) dealKind = DealKind.FailedRaise;
            var dealStage = founderCapital ? DealStage.Other : info.Stage;
            var stageText = founderCapital ? "创始人出资" : info.Zh;
            var amount = random.Chance(0.22) ? null : Amount(info.TypicalCny, ref random);
            Money? valuation = null;
            if (amount is not null && !founderCapital && info.Stage >= DealStage.A && random.Chance(status == DealStatus.Completed ? 0.3 : 0.4))
                valuation = Valuation(amount, ref random);
            var raisingAt = valuation is not null && status is DealStatus.InProgress or DealStatus.Rumoured;
            var dated = Precision(date, ref random);
            var id = WriteDeal(organizationId, $"syn-{organizationId:D7}-{dealStage.ToApi()}-{k + 1}", dealKind, dealStage, stageText, dated, status, amount, valuation, raisingAt, ref random);

            if (founderCapital && _team.Count > 0) Participant(id, 0, null, _team[0].Id, ParticipantRole.Investor);
            else if (!founderCapital && status != DealStatus.Failed) WriteInvestors(id, ref random);
            if (dated is not null && status == DealStatus.Completed && random.Chance(0.25))
                _fundingEvents.Add((id, dated.Value, $"{organization.Zh}完成{stageText}融资", $"{organization.En} closes a {(founderCapital ? "founder-funded" : info.En)} round"));

            if (!founderCapital && status != DealStatus.Failed) stage += random.Chance(0.15) ? 2 : 1;
            date = Later(date, 4, 18, ref random);
        }
        if (acquiredBy is { } acquirer)
        {
            var dated = Later(date > LastMonth ? LastMonth : date, 0, 0, ref random);
            var id = WriteDeal(organizationId, $"syn-{organizationId:D7}-acquisition", DealKind.Acquisition, DealStage.Acquisition, "被收购", dated,
                DealStatus.Completed, random.Chance(0.5) ? null : Amount(500_000_000, ref random), null, false, ref random);
            Participant(id, 0, acquirer, null, ParticipantRole.Acquirer);
            _fundingEvents.Add((id, dated, $"{organization.Zh}被收购", $"{organization.En} is acquired"));
        }
    }

    private int WriteDeal(int organizationId, string slug, DealKind kind, DealStage stage, string stageText, PartialDate? date, DealStatus status,
        Money? amount, Money? valuation, bool raisingAt, ref SyntheticRandom random)
    {
        var id = ++_dealId;
        _deals.Insert(id, slug, NoNotes, organizationId, kind.ToString(), stage.ToString(), stageText, date?.ToString(), status.ToString(),
            amount?.Currency, amount?.Min, amount?.Max, amount?.Text, amount?.Approximate, valuation?.Currency, valuation?.Min, valuation?.Max,
            valuation?.Text, valuation?.Approximate,
            raisingAt, null, null);
        _dealFigures.Add(new DealFigures(kind, status, date, amount, valuation));
        var quotes = Sentences[SubjectType.Deal];
        var quote = stage switch
        {
            DealStage.Angel => quotes[6], DealStage.PreA => quotes[7], DealStage.A => quotes[8], DealStage.APlus => quotes[9],
            DealStage.B => quotes[10], DealStage.C => quotes[11], DealStage.Strategic => quotes[12], DealStage.Acquisition => quotes[14],
            _ => random.Pick(quotes),
        };
        _citations.Insert(++_citationId, SubjectType.Deal.ToString(), id, 0, SourceId, quote, null);
        return id;
    }

    private void WriteInvestors(int dealId, ref SyntheticRandom random)
    {
        var count = Math.Min(_investors.Count, random.Weighted([20, 30, 25, 15, 10]));
        var lead = random.Chance(0.5);
        var chosen = new HashSet<int>();
        for (var i = 0; i < count; i++)
        {
            var investor = random.Pick(_investors);
            if (!chosen.Add(investor)) continue;
            Participant(dealId, chosen.Count - 1, investor, null, i == 0 && lead ? ParticipantRole.Lead : ParticipantRole.Investor);
        }
        // Some rounds name an angel: a person from an organization generated earlier.
        if (_personId > 1 && random.Chance(0.08)) Participant(dealId, chosen.Count, null, random.Between(1, _personId - 1), ParticipantRole.Investor);
    }

    private void Participant(int dealId, int ordinal, int? organizationId, int? personId, ParticipantRole role) =>
        _participants.Insert(++_participantId, dealId, ordinal, organizationId, personId, role.ToString());

    private void WriteEvents(int organizationId, Name organization, PartialDate? founded, ref SyntheticRandom random)
    {
        var ordinal = 0;
        if (founded is { } start && random.Chance(0.4))
        {
            var id = WriteEvent(organizationId, ++ordinal, start, EventKind.Founding, $"{organization.Zh}成立", $"{organization.En} is founded", ref random);
            if (_team.Count > 0) _eventPeople.Insert(id, _team[0].Id);
        }
        foreach (var (dealId, date, zh, en) in _fundingEvents)
        {
            var id = WriteEvent(organizationId, ++ordinal, date, zh.EndsWith("被收购") ? EventKind.Acquisition : EventKind.Funding, zh, en, ref random);
            _eventDeals.Insert(dealId, id);
        }
        foreach (var (modelId, name, open) in _orgModels)
        {
            if (!random.Chance(0.7)) continue;
            var openSourced = open == true && random.Chance(0.3);
            var date = new PartialDate(random.Between(2023, 2024), random.Between(1, 12));
            var id = WriteEvent(organizationId, ++ordinal, date, openSourced ? EventKind.OpenSource : EventKind.ModelRelease,
                $"{organization.Zh}{(openSourced ? "开源" : "发布")}{name}", $"{organization.En} {(openSourced ? "open-sources" : "releases")} {name}", ref random);
            _eventModels.Insert(id, modelId);
        }
        if (_team.Count >= 2 && random.Chance(0.08))
        {
            var person = _team[^1];
            var id = WriteEvent(organizationId, ++ordinal, new PartialDate(random.Between(2022, 2024), random.Between(1, 12)), EventKind.Personnel,
                $"{person.Zh}加入{organization.Zh}", $"{person.En} joins {organization.En}", ref random);
            _eventPeople.Insert(id, person.Id);
        }
    }

    private int WriteEvent(int organizationId, int ordinal, PartialDate date, EventKind kind, string zh, string en, ref SyntheticRandom random)
    {
        var id = ++_eventId;
        _events.Insert(id, $"syn-{organizationId:D7}-e{ordinal}", NoNotes, date.ToString(), kind.ToString(), zh, en);
        _eventOrganizations.Insert(id, organizationId);
        Cite(SubjectType.Event, id, ref random);
        return id;
    }

    private void Cite(SubjectType type, int subjectId, ref SyntheticRandom random) =>
        _citations.Insert(++_citationId, type.ToString(), subjectId, 0, SourceId, random.Pick(Sentences[type]), null);

    /// <summary>An amount around a stage's typical size: exact, a vague range ("数千万元"), or open above ("超1亿元").</summary>
    private static Money Amount(long typicalCny, ref SyntheticRandom random)
    {
        var usd = random.Chance(0.3);
        var u = random.Unit();
        var cny = (long)(typicalCny * (0.3 + 4 * u * u));
        var value = RoundTwoDigits(usd ? cny * 10 / 71 : cny);
        var currency = usd ? "USD" : "CNY";
        var shape = random.Weighted([60, 25, 15]);
        var magnitude = Magnitude(value);
        if (shape == 1 && magnitude >= 1_000_000)
        {
            var word = magnitude switch { 1_000_000 => "数百万", 10_000_000 => "数千万", 100_000_000 => "数亿", 1_000_000_000 => "数十亿", _ => "数百亿" };
            return new Money(currency, magnitude, magnitude * 10 - 1, word + (usd ? "美元" : "元"));
        }
        return shape == 2
            ? new Money(currency, value, null, "超" + Scale.FormatOne(value, Zh, currency))
            : new Money(currency, value, value, Scale.FormatOne(value, Zh, currency));
    }

    private static Money Valuation(Money amount, ref SyntheticRandom random)
    {
        var value = RoundTwoDigits(amount.Min * random.Between(4, 10));
        var usd = amount.Currency == "USD" ? value : value * 10 / 71;
        return usd >= 1_000_000_000 && random.Chance(0.5)
            ? new Money("USD", 1_000_000_000, null, "独角兽")
            : new Money(amount.Currency, value, value, Scale.FormatOne(value, Zh, amount.Currency));
    }

    private static (string?, string?) Summary(OrganizationKind kind, Camp camp, (string Zh, string En) domain) => (kind, camp) switch
    {
        (OrganizationKind.Investor, _) => ("投资大模型与人工智能公司的机构。", "An investor in large-model and AI companies."),
        (_, Camp.General) => ("自研通用大模型的公司。", "Builds its own general-purpose large model."),
        (_, Camp.Vertical) => ($"自研{domain.Zh}领域的垂直大模型。", $"Builds its own vertical large model for {domain.En}."),
        (_, Camp.BuiltOnOthers) => ($"基于第三方大模型,为{domain.Zh}行业提供服务。", $"Serves {domain.En} on top of third-party large models."),
        (_, Camp.Application) => ($"{domain.Zh}方向的大模型应用。", $"A large-model application for {domain.En}."),
        _ => (null, null),
    };

    /// <summary>A month some months after <paramref name="date"/>.</summary>
    private static PartialDate Later(PartialDate date, int minMonths, int maxMonths, ref SyntheticRandom random)
    {
        var month = date.Year * 12 + (date.Month ?? random.Between(1, 12)) - 1 + random.Between(minMonths, maxMonths);
        return new PartialDate(month / 12, month % 12 + 1);
    }

    /// <summary>How precisely a deal's date is known: mostly the month, some the year or the day, a few not at all.</summary>
    private static PartialDate? Precision(PartialDate month, ref SyntheticRandom random) => random.Weighted([80, 12, 5, 3]) switch
    {
        0 => month,
        1 => new PartialDate(month.Year),
        2 => new PartialDate(month.Year, month.Month, random.Between(1, 28)),
        _ => null,
    };

    private static long RoundTwoDigits(long value)
    {
        long unit = 1;
        while (value / unit >= 100) unit *= 10;
        return Math.Max(1, (value + unit / 2) / unit) * unit;
    }

    private static long Magnitude(long value)
    {
        long unit = 1;
        while (value / unit >= 10) unit *= 10;
        return unit;
    }

    private static string Title(string pinyin) => char.ToUpperInvariant(pinyin[0]) + pinyin[1..];

    private static string Slugify(string text)
    {
        var slug = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        return slug.ToString().TrimEnd('-');
    }

    public void Dispose()
    {
        foreach (var table in Tables) table.Dispose();
        _loader.Dispose();
    }
}
