using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using LlmWatch.Data.Entities;

namespace LlmWatch.Data.Seed;

/// <summary>What one dataset row adds to the model it describes, beyond the model's seed fields (which a derived entry carries).</summary>
public sealed record DatasetModelFigures(
    string SourceId, int Row, IReadOnlyList<string> Organizations, DatasetConfidence? Confidence, ModelAccessibility? Accessibility,
    string? ParametersNote, double? TrainingCompute, string? TrainingComputeText, string? TrainingComputeNote, string? Domain, string? Task);

/// <summary>
/// A dataset source (a CSV kept verbatim under data/sources/) read into rows, and its rows turned into facts: the models it
/// lists (or, where a row is the same model as a file's entry, that entry gains the row's citations and figures), the
/// organisations its mapping creates, every fact cited cell by cell to its row. Runs inside <see cref="SeedReader.Read"/>, so
/// the validator, the importer and the curated-work reconciliation see the derived entries like any other.
/// </summary>
public static class DatasetFacts
{
    public const string OrganizationMappingFile = "epoch-organizations.json";
    public const string ModelMappingFile = "epoch-models.json";

    /// <summary>The mapping files under data/seed/ (not facts: an export copies them as they are, like fx/).</summary>
    public static readonly IReadOnlyList<string> MappingFiles = [OrganizationMappingFile, ModelMappingFile];

    // The columns a dataset of notable models must have.
    public const string ModelColumn = "Model", OrganizationColumn = "Organization", DateColumn = "Publication date",
        ParametersColumn = "Parameters", ParametersNotesColumn = "Parameters notes", ComputeColumn = "Training compute (FLOP)",
        ComputeNotesColumn = "Training compute notes", ConfidenceColumn = "Confidence", LinkColumn = "Link", ReferenceColumn = "Reference",
        AccessibilityColumn = "Model accessibility", BaseModelColumn = "Base model", DomainColumn = "Domain", TaskColumn = "Task";

    public static readonly IReadOnlyList<string> RequiredColumns =
    [
        ModelColumn, OrganizationColumn, DateColumn, ParametersColumn, ParametersNotesColumn, ComputeColumn, ComputeNotesColumn,
        ConfidenceColumn, LinkColumn, ReferenceColumn, AccessibilityColumn, BaseModelColumn, DomainColumn, TaskColumn,
    ];

    /// <summary>The cells a derived fact is cited to, one citation each, in this order (the empty ones left out).</summary>
    public static readonly IReadOnlyList<string> CitedColumns =
    [
        ModelColumn, OrganizationColumn, DateColumn, ParametersColumn, ComputeColumn, ConfidenceColumn, AccessibilityColumn,
        BaseModelColumn, DomainColumn, TaskColumn,
    ];

    /// <summary>
    /// A mapping's basis: <c>name</c> (the same name, or its plain translation), <c>inferred</c> (a judgement from what the
    /// sources say), <c>outside-knowledge</c> (public knowledge neither source states), <c>new</c> (nothing matches: created).
    /// </summary>
    public static readonly IReadOnlyList<string> MappingBases = ["name", "inferred", "outside-knowledge", "new"];

    /// <summary>Epoch AI's <c>Model accessibility</c> values.</summary>
    public static readonly IReadOnlyDictionary<string, ModelAccessibility> Accessibilities = new Dictionary<string, ModelAccessibility>(StringComparer.Ordinal)
    {
        ["Open weights (unrestricted)"] = ModelAccessibility.OpenWeightsUnrestricted,
        ["Open weights (restricted use)"] = ModelAccessibility.OpenWeightsRestrictedUse,
        ["Open weights (non-commercial)"] = ModelAccessibility.OpenWeightsNonCommercial,
        ["API access"] = ModelAccessibility.ApiAccess,
        ["Hosted access (no API)"] = ModelAccessibility.HostedAccessNoApi,
        ["Unreleased"] = ModelAccessibility.Unreleased,
    };

    public static bool IsOpenWeights(ModelAccessibility a) =>
        a is ModelAccessibility.OpenWeightsUnrestricted or ModelAccessibility.OpenWeightsRestrictedUse or ModelAccessibility.OpenWeightsNonCommercial;

    /// <summary>
    /// The table of a dataset file: its header and rows, cells verbatim. A row that cannot be read (unbalanced quotes, a cell
    /// count other than the header's, an empty model or organisation, a date, number, confidence or accessibility that is not
    /// one) is refused with the physical line it starts on and why; so is a second row with the same (model, organisation).
    /// </summary>
    public static SeedDataset Parse(string sourceId, string file, string text, List<SeedError> errors)
    {
        var columns = new List<string>();
        var rows = new List<SeedDatasetRow>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            DetectColumnCountChanges = false,
            BadDataFound = null,
            MissingFieldFound = null,
        };
        using var reader = new StringReader(text);
        using var parser = new CsvParser(reader, config);
        var line = 1; // where the next record starts
        var identities = new Dictionary<(string, string), int>();
        while (true)
        {
            string[]? record;
            var start = line;
            try
            {
                if (!parser.Read()) break;
                record = parser.Record;
            }
            catch (CsvHelperException e)
            {
                errors.Add(new(file, $"line {start}", $"The row cannot be read as CSV: {e.Message.Split('\n')[0]}"));
                return new SeedDataset(sourceId, file, columns, rows);
            }
            line = parser.RawRow + 1;
            var raw = parser.RawRecord;
            if (record is null) continue;
            if (columns.Count == 0)
            {
                columns.AddRange(record);
                foreach (var missing in RequiredColumns.Where(c => !columns.Contains(c)))
                    errors.Add(new(file, "line 1", $"The header has no column '{missing}'."));
                if (columns.Distinct(StringComparer.Ordinal).Count() != columns.Count)
                    errors.Add(new(file, "line 1", "The header names a column twice."));
                continue;
            }
            var number = rows.Count + 1;
            var at = $"line {start}";
            // A quote inside an unquoted cell, or a quoted cell not closed before the end of the file.
            if (!WellQuoted(raw))
            {
                errors.Add(new(file, at, "The row's quotation marks do not balance: a cell's quote is not closed, or a quote stands inside an unquoted cell."));
                continue;
            }
            if (record.Length != columns.Count)
            {
                errors.Add(new(file, at, $"The row has {record.Length} cells; the header has {columns.Count}."));
                continue;
            }
            var row = new SeedDatasetRow(number, start, record);
            var dataset = new SeedDataset(sourceId, file, columns, []);
            var reason = RowProblem(dataset, row);
            if (reason is not null)
            {
                errors.Add(new(file, at, reason));
                continue;
            }
            var identity = (dataset.Cell(row, ModelColumn), dataset.Cell(row, OrganizationColumn));
            if (identities.TryGetValue(identity, out var firstLine))
            {
                errors.Add(new(file, at, $"The row repeats the model '{identity.Item1}' of '{identity.Item2}' (line {firstLine}): a model and its organisations identify a row."));
                continue;
            }
            identities[identity] = start;
            rows.Add(row);
        }
        if (columns.Count == 0) errors.Add(new(file, "line 1", "The file has no header."));
        return new SeedDataset(sourceId, file, columns, rows);
    }

    // Every quote of the record opens a cell, closes it or is doubled inside a quoted cell.
    private static bool WellQuoted(string raw)
    {
        var text = raw.TrimEnd('\r', '\n');
        var i = 0;
        while (i <= text.Length)
        {
            if (i < text.Length && text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length) return false;
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { i += 2; continue; }
                        i++;
                        break;
                    }
                    i++;
                }
                if (i < text.Length && text[i] != ',') return false;
            }
            else
            {
                while (i < text.Length && text[i] != ',')
                {
                    if (text[i] == '"') return false;
                    i++;
                }
            }
            i++; // past the comma (or the end)
        }
        return true;
    }

    /// <summary>Why a row's cells cannot be facts, or null.</summary>
    public static string? RowProblem(SeedDataset dataset, SeedDatasetRow row)
    {
        string Cell(string column) => dataset.Cell(row, column);
        if (string.IsNullOrWhiteSpace(Cell(ModelColumn))) return "The Model cell is empty.";
        if (string.IsNullOrWhiteSpace(Cell(OrganizationColumn))) return "The Organization cell is empty.";
        if (Cell(DateColumn) is { Length: > 0 } date && ParseDate(date) is null)
            return $"The Publication date '{date}' is not a date (YYYY-MM-DD).";
        if (Cell(ParametersColumn) is { Length: > 0 } parameters && ParseCount(parameters) is null)
            return $"The Parameters cell '{parameters}' is not a count of parameters.";
        if (Cell(ComputeColumn) is { Length: > 0 } compute && ParseNumber(compute) is null)
            return $"The Training compute (FLOP) cell '{compute}' is not a number.";
        if (Cell(ConfidenceColumn) is { Length: > 0 } confidence && !Enum.TryParse<DatasetConfidence>(confidence, ignoreCase: false, out _))
            return $"The Confidence '{confidence}' is not one of Confident, Likely, Speculative, Unknown (or empty).";
        if (Cell(AccessibilityColumn) is { Length: > 0 } accessibility && !Accessibilities.ContainsKey(accessibility))
            return $"The Model accessibility '{accessibility}' is not one of {string.Join(", ", Accessibilities.Keys)} (or empty).";
        return null;
    }

    public static DateOnly? ParseDate(string cell) =>
        DateOnly.TryParseExact(cell, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    public static double? ParseNumber(string cell) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= 0 ? value : null;

    /// <summary>A parameter count as a whole number ("247000000.00000003" is 247,000,000); null when not one that fits.</summary>
    public static long? ParseCount(string cell) =>
        ParseNumber(cell) is { } value && value < 9.2e18 ? (long)Math.Round(value) : null;

    /// <summary>
    /// The organisation names of an Organization cell: split on commas, except where a mapped name itself holds a comma
    /// (the longest mapped run of pieces wins).
    /// </summary>
    public static List<string> SplitOrganizations(string cell, IReadOnlySet<string> mappedNames)
    {
        var pieces = cell.Split(',');
        var names = new List<string>();
        for (var i = 0; i < pieces.Length;)
        {
            var taken = 1;
            for (var j = pieces.Length; j > i + 1; j--)
            {
                var joined = string.Join(",", pieces[i..j]).Trim();
                if (mappedNames.Contains(joined)) { taken = j - i; break; }
            }
            var name = string.Join(",", pieces[i..(i + taken)]).Trim();
            if (name.Length > 0) names.Add(name);
            i += taken;
        }
        return names;
    }

    /// <summary>A slug from a model's name: ASCII letters and digits, diacritics dropped ("NÜWA" → "nuwa"), other runs a hyphen.</summary>
    public static string Slug(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder();
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') builder.Append(c);
            else if (c is >= 'A' and <= 'Z') builder.Append(char.ToLowerInvariant(c));
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
        }
        return builder.ToString().Trim('-');
    }

    /// <summary>
    /// Turns every dataset row into facts, added to <paramref name="set"/>: organisations the mapping creates, models the
    /// rows list (a row mapped to a file's entry adds its citations to that entry instead), and each model's figures.
    /// Problems (an unmapped organisation, a slug taken by a file's entry, a mapping naming nothing) are errors with the line.
    /// </summary>
    public static void Derive(SeedSet set, List<SeedError> errors)
    {
        if (set.Datasets.Count == 0) return;
        var orgFile = "seed/" + OrganizationMappingFile;
        var modelFile = "seed/" + ModelMappingFile;
        var orgMap = new Dictionary<string, SeedOrganizationMapping>(StringComparer.Ordinal);
        var fileOrganizations = set.Organizations.Select(o => o.Slug).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < set.OrganizationMappings.Count; i++)
        {
            var m = set.OrganizationMappings[i];
            if (!orgMap.TryAdd(m.Name, m)) errors.Add(new(orgFile, $"$[{i}].name", $"The name '{m.Name}' is mapped twice."));
            if (!MappingBases.Contains(m.Basis)) errors.Add(new(orgFile, $"$[{i}].basis", $"The basis '{m.Basis}' is not one of {string.Join(", ", MappingBases)}."));
            if (string.IsNullOrWhiteSpace(m.ReasonZh) || string.IsNullOrWhiteSpace(m.ReasonEn)) errors.Add(new(orgFile, $"$[{i}]", "Every mapping says why, in both languages (reasonZh, reasonEn)."));
            if ((m.Organization is null) == (m.Create is null))
                errors.Add(new(orgFile, $"$[{i}]", $"'{m.Name}' maps to an existing organisation (organization) or creates one (create): exactly one of them."));
            // A mapped slug that names no organisation is the validator's to refuse, at the models that name it.
            else if (m.Create is not null && fileOrganizations.Contains(m.Create.Slug))
                errors.Add(new(orgFile, $"$[{i}].create.slug", $"The slug '{m.Create.Slug}' is an existing organisation's: map to it with organization instead."));
        }
        var modelMap = new Dictionary<(string, string), SeedModelMapping>();
        for (var i = 0; i < set.ModelMappings.Count; i++)
        {
            var m = set.ModelMappings[i];
            if (!modelMap.TryAdd((m.Model, m.Organization), m)) errors.Add(new(modelFile, $"$[{i}]", $"The row '{m.Model}' of '{m.Organization}' is mapped twice."));
            if (!MappingBases.Contains(m.Basis)) errors.Add(new(modelFile, $"$[{i}].basis", $"The basis '{m.Basis}' is not one of {string.Join(", ", MappingBases)}."));
            if (string.IsNullOrWhiteSpace(m.ReasonZh) || string.IsNullOrWhiteSpace(m.ReasonEn)) errors.Add(new(modelFile, $"$[{i}]", "Every mapping says why, in both languages (reasonZh, reasonEn)."));
            if (m.Link is not null && m.Slug is not null) errors.Add(new(modelFile, $"$[{i}]", "A row links to a file's model (link) or is given a slug (slug), not both."));
            if (m.Link is not null && m.Notes.Count > 0) errors.Add(new(modelFile, $"$[{i}].notes", "A linked row's notes belong on the file's entry (models.json)."));
        }
        if (errors.Count > 0) return;

        var mappedNames = orgMap.Keys.ToHashSet(StringComparer.Ordinal);
        var fileModels = set.Models.ToDictionary(m => m.Slug, StringComparer.Ordinal);
        var createdOrganizations = new Dictionary<string, SeedOrganization>(StringComparer.Ordinal);
        var createdFirst = new Dictionary<string, (DateOnly Day, int Row)>(StringComparer.Ordinal);
        var derivedModels = new Dictionary<string, SeedModel>(StringComparer.Ordinal);
        var linked = new Dictionary<string, SeedModel>(StringComparer.Ordinal);
        var usedMappings = new HashSet<(string, string)>();
        var rowSlugs = new List<(SeedDataset Dataset, SeedDatasetRow Row, string Slug, string? BaseOverride)>();

        foreach (var dataset in set.Datasets)
        {
            var source = set.Sources.First(s => s.Source.Id == dataset.SourceId).Source;
            var retrieved = DatasetDay(source);
            foreach (var row in dataset.Rows)
            {
                string Cell(string column) => dataset.Cell(row, column);
                var at = $"line {row.Line}";
                var names = SplitOrganizations(Cell(OrganizationColumn), mappedNames);
                var slugs = new List<string>();
                foreach (var name in names)
                {
                    if (!orgMap.TryGetValue(name, out var mapping))
                    {
                        errors.Add(new(dataset.File, at, $"The organisation '{name}' is not in {OrganizationMappingFile}: map it to an existing organisation or create one."));
                        continue;
                    }
                    var slug = mapping.Organization ?? mapping.Create!.Slug;
                    if (!slugs.Contains(slug)) slugs.Add(slug);
                    if (mapping.Create is { } create)
                    {
                        var day = ParseDate(Cell(DateColumn)) ?? retrieved;
                        var citation = new SeedCitation(dataset.SourceId, name, null, row.Number, [OrganizationColumn]) { Derived = true };
                        if (!createdFirst.TryGetValue(slug, out var first) || (day, row.Number).CompareTo(first) < 0)
                        {
                            createdFirst[slug] = (day, row.Number);
                            createdOrganizations[slug] = new SeedOrganization
                            {
                                Slug = create.Slug, NameZh = create.NameZh, NameEn = create.NameEn, Aliases = create.Aliases.ToList(), Kind = create.Kind,
                                Country = create.Country, City = create.City, Status = "active", Bases = create.Bases.ToList(),
                                Citations = [citation], Dataset = dataset.SourceId,
                            };
                        }
                    }
                }
                if (slugs.Count != names.Count) continue;

                var identity = (Cell(ModelColumn), Cell(OrganizationColumn));
                modelMap.TryGetValue(identity, out var modelMapping);
                if (modelMapping is not null) usedMappings.Add(identity);
                var citations = CitedColumns.Where(c => Cell(c).Length > 0)
                    .Select(c => new SeedCitation(dataset.SourceId, Cell(c), null, row.Number, [c]) { Derived = true }).ToList();
                var accessibility = Cell(AccessibilityColumn) is { Length: > 0 } a ? Accessibilities[a] : (ModelAccessibility?)null;
                var confidence = Cell(ConfidenceColumn) is { Length: > 0 } c0 ? Enum.Parse<DatasetConfidence>(c0) : (DatasetConfidence?)null;
                var figures = new DatasetModelFigures(dataset.SourceId, row.Number, slugs, confidence, accessibility,
                    Nullable(Cell(ParametersNotesColumn)), ParseNumber(Cell(ComputeColumn)), Nullable(Cell(ComputeColumn)),
                    Nullable(Cell(ComputeNotesColumn)), Nullable(Cell(DomainColumn)), Nullable(Cell(TaskColumn)));

                if (modelMapping?.Link is { } link)
                {
                    if (!fileModels.TryGetValue(link, out var entry))
                    {
                        errors.Add(new(modelFile, $"'{identity.Item1}'", $"The row links to the model '{link}', which models.json does not hold."));
                        continue;
                    }
                    if (linked.ContainsKey(link))
                    {
                        errors.Add(new(dataset.File, at, $"A second row links to the model '{link}'."));
                        continue;
                    }
                    linked[link] = entry;
                    set.DatasetFigures[link] = figures;
                    var index = set.Models.IndexOf(entry);
                    set.Models[index] = entry with { Citations = [.. entry.Citations.Where(c => !c.Derived), .. citations] };
                    continue;
                }

                var modelSlug = modelMapping?.Slug ?? Slug(identity.Item1);
                if (fileModels.ContainsKey(modelSlug))
                {
                    errors.Add(new(dataset.File, at, $"The model '{identity.Item1}' would take the slug '{modelSlug}' of a models.json entry: say in {ModelMappingFile} whether it is that model (link) or another (slug)."));
                    continue;
                }
                if (derivedModels.ContainsKey(modelSlug))
                {
                    errors.Add(new(dataset.File, at, $"The model '{identity.Item1}' would take the slug '{modelSlug}' of another row: give it one in {ModelMappingFile}."));
                    continue;
                }
                var count = ParseCount(Cell(ParametersColumn));
                var parameters = count is { } n ? new SeedQuantity(n, n, Cell(ParametersColumn)) : null;
                var bases = new List<SeedBasis>();
                if (parameters is not null) bases.Add(ConfidenceBasis("parameters", confidence));
                derivedModels[modelSlug] = new SeedModel
                {
                    Slug = modelSlug, Name = identity.Item1.Trim(), Organization = slugs[0],
                    ReleasedOn = Nullable(Cell(DateColumn)), Parameters = parameters,
                    OpenSource = accessibility is { } acc ? IsOpenWeights(acc) : null, CommercialUse = "unknown",
                    Notes = modelMapping?.Notes.ToList() ?? [], Bases = bases, Citations = citations, Dataset = dataset.SourceId,
                };
                set.DatasetFigures[modelSlug] = figures;
                rowSlugs.Add((dataset, row, modelSlug, modelMapping?.BaseModel));
            }
        }
        for (var i = 0; i < set.ModelMappings.Count; i++)
        {
            var m = set.ModelMappings[i];
            if (!usedMappings.Contains((m.Model, m.Organization)))
                errors.Add(new(modelFile, $"$[{i}]", $"No dataset row is the model '{m.Model}' of '{m.Organization}'."));
        }

        // Lineage: a base model named by a row of the same dataset (or by the mapping) becomes the model's base.
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (dataset, row, slug, _) in rowSlugs) byName.TryAdd(dataset.Cell(row, ModelColumn).Trim(), slug);
        foreach (var (link, entry) in linked)
        {
            var figures = set.DatasetFigures[link];
            var dataset = set.Datasets.First(d => d.SourceId == figures.SourceId);
            byName.TryAdd(dataset.Cell(dataset.Rows[figures.Row - 1], ModelColumn).Trim(), link);
        }
        foreach (var (dataset, row, slug, baseOverride) in rowSlugs)
        {
            var named = dataset.Cell(row, BaseModelColumn).Trim();
            var baseSlug = baseOverride ?? (named.Length > 0 && byName.TryGetValue(named, out var found) ? found : null);
            if (baseSlug is not null && baseSlug != slug) derivedModels[slug] = derivedModels[slug] with { BaseModel = baseSlug };
        }

        // After the files' entries (whose positions the validator's paths name), sorted among themselves.
        set.Models.AddRange(derivedModels.Values.OrderBy(m => m.Slug, StringComparer.Ordinal));
        set.Organizations.AddRange(createdOrganizations.Values.OrderBy(o => o.Slug, StringComparer.Ordinal));
    }

    /// <summary>The day a dataset row without a date counts from: the dataset's retrieval (else its publication) day.</summary>
    public static DateOnly DatasetDay(SeedSource source) =>
        source.RetrievedOn is { } text && ParseDate(text) is { } day ? day : DateOnly.FromDateTime(source.PublishedAt.DateTime);

    /// <summary>Epoch AI's confidence in a row as the basis of a figure it qualifies: stated when confident, inferred (an estimate) otherwise.</summary>
    public static SeedBasis ConfidenceBasis(string field, DatasetConfidence? confidence) => confidence switch
    {
        DatasetConfidence.Confident => new(field, "stated", "Epoch AI 对该行数据的置信度：Confident（确信）。", "Epoch AI's confidence in the row's figures: Confident."),
        DatasetConfidence.Likely => new(field, "inferred", "Epoch AI 对该行数据的置信度：Likely（很可能）：估计值。", "Epoch AI's confidence in the row's figures: Likely (an estimate)."),
        DatasetConfidence.Speculative => new(field, "inferred", "Epoch AI 对该行数据的置信度：Speculative（推测）：粗略估计。", "Epoch AI's confidence in the row's figures: Speculative (a rough estimate)."),
        DatasetConfidence.Unknown => new(field, "inferred", "Epoch AI 对该行数据的置信度：Unknown（未知）。", "Epoch AI's confidence in the row's figures: Unknown."),
        _ => new(field, "inferred", "Epoch AI 未给出该行数据的置信度。", "Epoch AI gives no confidence for the row's figures."),
    };

    private static string? Nullable(string cell) => cell.Length == 0 ? null : cell;
}
