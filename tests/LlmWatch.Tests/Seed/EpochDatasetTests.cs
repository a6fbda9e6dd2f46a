using System.Text.Json;
using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Seed;
using LlmWatch.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Tests.Seed;

/// <summary>Epoch AI's dataset as LlmWatch's second source: read, mapped, validated, imported, dated by its rows and re-imported.</summary>
public sealed class EpochDatasetTests
{
    public const string Dataset = "epoch-ai-models-china";
    private const string CsvFile = "sources/" + Dataset + ".csv";

    private static string CsvPath(string dataDirectory) => Path.Combine(dataDirectory, "sources", Dataset + ".csv");

    /// <summary>The physical line (1 = the header) the row starting with <paramref name="prefix"/> starts on, counted in the file's own text.</summary>
    private static int LineOf(string text, string prefix)
    {
        var at = text.IndexOf("\n" + prefix, StringComparison.Ordinal);
        Assert.True(at >= 0, $"no row starts with {prefix}");
        return text[..(at + 1)].Count(c => c == '\n') + 1;
    }

    private static async Task<TestDatabase> ImportedAsync(string dataDirectory)
    {
        var database = await TestDatabase.CreateAsync();
        await database.Importer.ImportAsync(dataDirectory, intoEmptyDatabase: true);
        return database;
    }

    [Fact]
    public void The_repository_dataset_reads_and_validates_with_every_row_a_model()
    {
        var (set, errors) = SeedReader.Read(RepositoryData.Directory);
        if (errors.Count == 0) errors.AddRange(SeedValidator.Validate(set));
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(30)));
        var dataset = Assert.Single(set.Datasets);
        Assert.Equal(152, dataset.Rows.Count);
        Assert.Equal(46, dataset.Columns.Count);
        // Every row is a model: 149 made from rows, 3 linked to the article's entries.
        Assert.Equal(152, set.DatasetFigures.Count);
        Assert.Equal(149, set.Models.Count(m => m.Dataset == Dataset));
        var text = File.ReadAllText(CsvPath(RepositoryData.Directory));
        // Cells hold line breaks: a row's line is the file's physical line, not its record number.
        var deepseek = dataset.Rows.Single(r => dataset.Cell(r, "Model") == "DeepSeek-V3");
        Assert.Equal(LineOf(text, "DeepSeek-V3,"), deepseek.Line);
        Assert.True(deepseek.Line > deepseek.Number + 1);
    }

    public static TheoryData<string, string, string> BrokenRows => new()
    {
        // row start, replace, by, reason
        { "DeepSeek-V3,DeepSeek,2024-12-24", "DeepSeek-V3,DeepSeek,2024-13-45", "Publication date '2024-13-45' is not a date" },
        { "Yi-34B,01.AI,", "Yi-34B,01.AI Labs,", "The organisation '01.AI Labs' is not in epoch-organizations.json" },
        { "Kimi K2,Moonshot,", "Kimi K2,,", "The Organization cell is empty" },
    };

    [Theory]
    [MemberData(nameof(BrokenRows))]
    public async Task A_row_that_does_not_parse_is_refused_with_its_line_and_reason_and_nothing_is_written(string row, string broken, string reason)
    {
        using var data = new DataCopy();
        await using var database = await ImportedAsync(data.Directory);
        var before = await database.SnapshotAsync();
        var text = File.ReadAllText(CsvPath(data.Directory));
        var line = LineOf(text, row);
        File.WriteAllText(CsvPath(data.Directory), text.Replace("\n" + row, "\n" + broken));

        var refused = await Assert.ThrowsAsync<SeedValidationException>(() => database.Importer.ImportAsync(data.Directory));

        var error = Assert.Single(refused.Errors);
        Assert.Equal(CsvFile, error.File);
        Assert.Equal($"line {line}", error.Path);
        Assert.Contains(reason, error.Reason);
        Assert.Equal(before, await database.SnapshotAsync());
    }

    [Fact]
    public void Unbalanced_quotes_and_a_wrong_cell_count_are_refused_with_their_lines()
    {
        var header = string.Join(",", DatasetFacts.RequiredColumns);
        var cells = string.Join(",", DatasetFacts.RequiredColumns.Select(_ => ""));
        var good = "A,B,2024-01-01" + cells[2..];
        var text = $"{header}\n{good}\n\"multi\nline\",B{cells[1..]}\nC,D\nE\"x,F{cells[1..]}\n";
        var errors = new List<SeedError>();

        var dataset = DatasetFacts.Parse("x", "sources/x.csv", text, errors);

        Assert.Equal(2, dataset.Rows.Count);
        Assert.Equal([2, 3], dataset.Rows.Select(r => r.Line));
        Assert.Equal(["line 5", "line 6"], errors.Select(e => e.Path));
        Assert.Contains("has 2 cells; the header has 14", errors[0].Reason);
        Assert.Contains("quotation marks do not balance", errors[1].Reason);
    }

    [Fact]
    public void A_citation_into_the_dataset_must_quote_the_named_cells_verbatim()
    {
        var (set, errors) = SeedReader.Read(RepositoryData.Directory);
        Assert.Empty(errors);
        var dataset = set.Datasets.Single();
        var yi = dataset.Rows.Single(r => dataset.Cell(r, "Model") == "Yi-34B");
        var baichuan = set.Models.Single(m => m.Slug == "baichuan-13b");
        SeedModel With(SeedCitation c) => baichuan with { Citations = [.. baichuan.Citations, c] };
        List<SeedError> Check(SeedModel model)
        {
            var i = set.Models.IndexOf(set.Models.Single(m => m.Slug == "baichuan-13b"));
            set.Models[i] = model;
            return SeedValidator.Validate(set).Where(e => e.Path.StartsWith($"$[{i}]")).ToList();
        }

        Assert.Empty(Check(With(new SeedCitation(Dataset, "34000000000.0", null, yi.Number, ["Parameters"]))));
        Assert.Empty(Check(With(new SeedCitation(Dataset, "Yi-34B | 01.AI", null, yi.Number, ["Model", "Organization"]))));
        Assert.Contains("not verbatim in row", Assert.Single(Check(With(new SeedCitation(Dataset, "34B", null, yi.Number, ["Model", "Parameters"]) with { Quote = "34 billion" }))).Reason);
        Assert.Contains("has no column 'Size'", Assert.Single(Check(With(new SeedCitation(Dataset, "34B", null, yi.Number, ["Size"])))).Reason);
        Assert.Contains("names one of its rows", Assert.Single(Check(With(new SeedCitation(Dataset, "34B", null, 999, ["Model"])))).Reason);
        Assert.Contains("names the column(s)", Assert.Single(Check(With(new SeedCitation(Dataset, "Yi-34B", null, yi.Number)))).Reason);
        Assert.Contains("is an article", Assert.Single(Check(With(new SeedCitation("huxiu-2023-08-02", "百川", null, 3, ["Model"])))).Reason);
    }

    [Fact]
    public async Task Every_imported_row_citation_quotes_its_cell_verbatim_and_every_model_is_cited_to_its_row()
    {
        await using var database = await ImportedAsync(RepositoryData.Directory);
        await using var db = await database.Factory.CreateDbContextAsync();
        var source = await db.Sources.SingleAsync(s => s.Id == Dataset);
        Assert.Equal(SourceKind.Dataset, source.Kind);
        Assert.Equal(File.ReadAllText(CsvPath(RepositoryData.Directory)), source.Text);
        var rows = await db.DatasetRows.ToDictionaryAsync(r => r.Number);
        Assert.Equal(152, rows.Count);
        var citations = await db.Citations.Where(c => c.SourceId == Dataset).ToListAsync();
        Assert.NotEmpty(citations);
        foreach (var c in citations)
        {
            var column = Assert.Single(c.Columns!);
            Assert.Contains(c.Quote, rows[c.Row!.Value].Cells[source.Columns.IndexOf(column)]);
            Assert.Equal(rows[c.Row.Value].KnownFrom, c.KnownFrom);
        }
        // Every row's model cites its row, its date among the cells.
        var models = await db.Models.Include(m => m.DatasetRow).Where(m => m.DatasetRow != null).ToListAsync();
        Assert.Equal(152, models.Count);
        foreach (var m in models)
            Assert.Contains(citations, c => c.SubjectType == SubjectType.Model && c.SubjectId == m.Id && c.Row == m.DatasetRow!.Number && c.Columns![0] == "Model");
    }

    [Fact]
    public void Every_epoch_organisation_name_is_mapped_once_to_an_organisation_that_exists_or_is_created()
    {
        var (set, errors) = SeedReader.Read(RepositoryData.Directory);
        Assert.Empty(errors);
        var dataset = set.Datasets.Single();
        var mapped = set.OrganizationMappings.Select(m => m.Name).ToList();
        Assert.Equal(mapped.Count, mapped.Distinct().Count());
        var names = dataset.Rows.SelectMany(r => DatasetFacts.SplitOrganizations(dataset.Cell(r, "Organization"), mapped.ToHashSet())).Distinct().ToList();
        Assert.Equal(119, names.Count);
        Assert.Empty(names.Except(mapped));
        Assert.Empty(mapped.Except(names));
        var fileOrganizations = JsonSerializer.Deserialize<List<SeedOrganization>>(File.ReadAllText(Path.Combine(RepositoryData.Directory, "seed", "organizations.json")), SeedReader.JsonOptions)!
            .Select(o => o.Slug).ToHashSet();
        foreach (var m in set.OrganizationMappings)
        {
            Assert.True((m.Organization is null) != (m.Create is null), m.Name);
            if (m.Organization is { } slug) Assert.Contains(slug, fileOrganizations);
            else Assert.DoesNotContain(m.Create!.Slug, fileOrganizations);
            Assert.Contains(m.Basis, DatasetFacts.MappingBases);
        }
        // The examples.
        string Of(string name) => set.OrganizationMappings.Single(m => m.Name == name) is var m ? m.Organization ?? m.Create!.Slug : "";
        Assert.Equal("alibaba", Of("Alibaba"));
        Assert.Equal("zhipu-ai", Of("Zhipu AI"));
        Assert.Equal("kunlun-tech", Of("Kunlun Inc."));
        Assert.Equal("meituan", Of("Meituan Inc"));
        var deepseek = set.Organizations.Single(o => o.Slug == "deepseek");
        Assert.Equal(("深度求索", Dataset), (deepseek.NameZh, deepseek.Dataset));
        Assert.Contains(deepseek.Bases, b => b.Field == "nameZh" && b.Basis == "outside-knowledge");
    }

    [Fact]
    public async Task A_joint_row_gives_its_model_each_of_its_organisations_in_order()
    {
        await using var database = await ImportedAsync(RepositoryData.Directory);
        await using var db = await database.Factory.CreateDbContextAsync();
        var glm = await db.Models.SingleAsync(m => m.Slug == "glm-4-5");
        var organizations = await DatasetQueries.OrganizationsOfAsync(db, [glm.Id]);
        Assert.Equal(["zhipu-ai", "tsinghua-university"], organizations[glm.Id].Select(o => o.Slug));
        Assert.Equal(glm.OrganizationId, await db.Organizations.Where(o => o.Slug == "zhipu-ai").Select(o => o.Id).SingleAsync());
        Assert.Contains(await DatasetQueries.ModelsOfAsync(db, "tsinghua-university"), m => m.Slug == "glm-4-5");
    }

    [Fact]
    public async Task The_same_model_in_the_article_and_the_dataset_is_one_model()
    {
        await using var database = await ImportedAsync(RepositoryData.Directory);
        await using var db = await database.Factory.CreateDbContextAsync();
        foreach (var (slug, row) in new[] { ("m6", "M6-T"), ("pangu", "PanGu-Σ"), ("plug", "PLUG") })
        {
            var model = await db.Models.Include(m => m.DatasetRow).SingleAsync(m => m.Slug == slug);
            Assert.Equal(row, model.DatasetRow!.Model);
            Assert.Null(model.FromDataset);
            Assert.Equal(1, await db.DatasetRows.CountAsync(r => r.Model == row));
            Assert.Equal(1, await db.Models.CountAsync(m => m.Name == model.Name));
        }
        Assert.Equal(1, await db.Models.CountAsync(m => m.Name == "PLUG"));
        Assert.False(await db.Models.AnyAsync(m => m.Slug == "m6-t" || m.Slug == "pangu" + "-" || m.Name == "PanGu-Σ" || m.Name == "M6-T"));
        // 文心/ERNIE: the dataset's versions are models of their own beside the article's family and chat entries.
        Assert.Equal(1, await db.Models.CountAsync(m => m.Slug == "wenxin"));
        Assert.Equal(1, await db.Models.CountAsync(m => m.Slug == "ernie-3-5"));
        // The article's quotes of M6 stay with it, and the row's cells join them.
        var m6 = await db.Models.SingleAsync(m => m.Slug == "m6");
        var sources = await db.Citations.Where(c => c.SubjectType == SubjectType.Model && c.SubjectId == m6.Id).Select(c => c.SourceId).Distinct().ToListAsync();
        Assert.Equal(["epoch-ai-models-china", "huxiu-2023-08-02"], sources.Order());
    }

    [Fact]
    public async Task The_glm_attribution_contradiction_is_a_note_on_both_sides()
    {
        await using var database = await ImportedAsync(RepositoryData.Directory);
        await using var db = await database.Factory.CreateDbContextAsync();
        var notes = await db.Models.Where(m => new[] { "glm", "chatglm-6b", "chatglm2-6b", "glm-130b", "chatglm3-6b" }.Contains(m.Slug))
            .ToDictionaryAsync(m => m.Slug, m => m.Notes);
        Assert.Equal(5, notes.Count);
        foreach (var (slug, list) in notes)
        {
            Assert.Contains(list, n => n.En.Contains("Epoch AI") && n.En.Contains("Tsinghua University") && n.En.Contains("BAAI"));
            Assert.Contains(list, n => n.Zh.Contains("Epoch AI") && n.Zh.Contains("清华大学") && n.Zh.Contains("智源"));
        }
        // Both claims keep their citations: the article's for ChatGLM-6B, the row's for GLM-130B (credited to Tsinghua University).
        var chatglm = await db.Models.Include(m => m.Organization).SingleAsync(m => m.Slug == "chatglm-6b");
        Assert.Equal("baai", chatglm.Organization!.Slug);
        Assert.True(await db.Citations.AnyAsync(c => c.SubjectType == SubjectType.Model && c.SubjectId == chatglm.Id && c.SourceId == "huxiu-2023-08-02"));
        var glm130 = await db.Models.Include(m => m.Organization).SingleAsync(m => m.Slug == "glm-130b");
        Assert.Equal("tsinghua-university", glm130.Organization!.Slug);
        Assert.True(await db.Citations.AnyAsync(c => c.SubjectType == SubjectType.Model && c.SubjectId == glm130.Id && c.Quote == "Tsinghua University" && c.Row != null));
    }

    [Fact]
    public async Task As_of_2024_01_01_yi_34b_is_known_and_deepseek_v3_is_not()
    {
        await using var database = await ImportedAsync(RepositoryData.Directory);
        using (AsOfScope.Enter(new DataView(new DateOnly(2024, 1, 1))))
        {
            await using var db = await database.Factory.CreateDbContextAsync();
            var slugs = await db.Models.Select(m => m.Slug).ToListAsync();
            Assert.Contains("yi-34b", slugs);
            Assert.DoesNotContain("deepseek-v3", slugs);
            Assert.DoesNotContain("deepseek-r1", slugs);
            // Its citations and row are there; DeepSeek itself (first named 2024-06-17) is not yet.
            var yi = await db.Models.Include(m => m.DatasetRow).SingleAsync(m => m.Slug == "yi-34b");
            Assert.Equal(new DateOnly(2023, 11, 2), yi.DatasetRow!.PublishedOn);
            Assert.True(await db.Citations.AnyAsync(c => c.SubjectType == SubjectType.Model && c.SubjectId == yi.Id));
            Assert.False(await db.Organizations.AnyAsync(o => o.Slug == "deepseek"));
            Assert.False(await db.DatasetRows.AnyAsync(r => r.Model == "DeepSeek-V3"));
            var page = await DatasetQueries.RowsAsync(db, Dataset, "deepseek", 1, 50);
            Assert.Equal(0, page.Total);
            Assert.DoesNotContain(await DatasetQueries.ReleasesPerYearAsync(db), r => r.Year >= 2024 && r.Models > 0 && r.OrganizationSlug == "deepseek");
        }
        await using (var today = await database.Factory.CreateDbContextAsync())
        {
            var deepseek = await today.Models.SingleAsync(m => m.Slug == "deepseek-v3");
            Assert.Equal(new DateOnly(2024, 12, 24), deepseek.KnownFrom);
            Assert.Equal(DatasetConfidence.Confident, deepseek.Confidence);
            Assert.Equal(ModelAccessibility.OpenWeightsRestrictedUse, deepseek.Accessibility);
            Assert.True(deepseek.OpenSource);
            Assert.Equal("3.4078e+24", deepseek.TrainingComputeText);
            Assert.Equal(3.4078e24, deepseek.TrainingCompute);
            var r1 = await today.Models.Include(m => m.BaseModel).SingleAsync(m => m.Slug == "deepseek-r1");
            Assert.Equal("deepseek-v3", r1.BaseModel!.Slug);
            var page = await DatasetQueries.RowsAsync(today, Dataset, "deepseek", 1, 50);
            // Its four models' rows, and the rows whose notes name DeepSeek.
            Assert.True(page.Total >= 4, $"{page.Total}");
            var row = page.Items.Single(r => r.Cells[0] == "DeepSeek-V3");
            Assert.Contains(row.Citations, c => c.Slug == "deepseek-v3" && c.Columns.SequenceEqual(["Publication date"]) && c.Quote == "2024-12-24");
            var reports = await DatasetQueries.ReportsAsync(today, [deepseek.Id]);
            Assert.Equal(new DateOnly(2024, 12, 24), reports[deepseek.Id].PublishedOn);
            Assert.Equal("Epoch AI", reports[deepseek.Id].Publisher);
        }
    }

    [Fact]
    public async Task Models_filter_by_organisation_year_open_weights_confidence_and_parameters()
    {
        await using var database = await ImportedAsync(RepositoryData.Directory);
        await using var db = await database.Factory.CreateDbContextAsync();
        async Task<List<string>> Slugs(ModelCriteria c) => await db.Models.Matching(db, c).Select(m => m.Slug).ToListAsync();
        Assert.Equal(["deepseek-coder-v2-236b", "deepseek-r1", "deepseek-v2-5", "deepseek-v3"], (await Slugs(new(Organization: "deepseek"))).Order());
        Assert.Equal(["deepseek-r1"], await Slugs(new(Organization: "deepseek", Year: 2025)));
        Assert.Contains("glm-4-5", await Slugs(new(Organization: "tsinghua-university", Year: 2025, OpenWeights: true)));
        Assert.Equal(["qwen3-max", "qwq-32b"], (await Slugs(new(Organization: "alibaba", Year: 2025, Confidence: DatasetConfidence.Speculative))).Order());
        var large = await Slugs(new(MinParameters: 1_000_000_000_000));
        Assert.Contains("kimi-k2", large);
        Assert.DoesNotContain("deepseek-v3", large);
        Assert.Contains("yi-34b", await Slugs(new(MinParameters: 30_000_000_000, MaxParameters: 40_000_000_000)));
        var perYear = await DatasetQueries.ReleasesPerYearAsync(db);
        Assert.Equal(3, perYear.Single(r => r.Year == 2024 && r.OrganizationSlug == "deepseek").Models);
        var shipped = (await DatasetQueries.ShippedAfterAsync(db, new DateOnly(2023, 8, 2))).Keys;
        Assert.Contains("zhipu-ai", shipped);
        Assert.Contains("minimax", shipped);
        Assert.DoesNotContain("baichuan", shipped);
    }

    [Fact]
    public async Task A_second_import_changes_nothing_and_records_nothing()
    {
        await using var database = await ImportedAsync(RepositoryData.Directory);
        var before = await database.SnapshotAsync();
        var again = await database.Importer.ImportAsync(RepositoryData.Directory);
        Assert.True(again.ChangedNothing, $"{again.Added} added, {again.Updated} updated, {again.Deleted} deleted");
        Assert.Equal(before, await database.SnapshotAsync());
        await using var db = await database.Factory.CreateDbContextAsync();
        Assert.Equal(0, await db.ChangeRecords.CountAsync());
    }

    [Fact]
    public async Task A_newer_export_updates_rows_by_model_and_organisation_adds_new_ones_and_records_each_change()
    {
        using var data = new DataCopy();
        await using var database = await ImportedAsync(data.Directory);
        await using (var db = await database.Factory.CreateDbContextAsync())
            Assert.Equal(0, await db.ChangeRecords.CountAsync());
        var text = File.ReadAllText(CsvPath(data.Directory));
        var header = text[..(text.IndexOf('\n') + 1)];
        // A newer export: a new row first (every row's number moves), and DeepSeek-V3's parameters and confidence revised.
        var newRow = "Kimi K3," + text[(text.IndexOf("\nKimi K2 Thinking,", StringComparison.Ordinal) + "\nKimi K2 Thinking,".Length)..];
        newRow = newRow[..(newRow.IndexOf("\nTongyi DeepResearch,", StringComparison.Ordinal) + 1)].Replace("2025-11-06", "2025-11-20");
        var revised = text.Replace("\nDeepSeek-V3,DeepSeek,2024-12-24,Language,", "\nDeepSeek-V3,DeepSeek,2024-12-24,Language,");
        var v3 = revised.IndexOf("\nDeepSeek-V3,DeepSeek,", StringComparison.Ordinal);
        var v3End = revised.IndexOf("\nNVILA 15B,", StringComparison.Ordinal);
        var v3Row = revised[v3..v3End].Replace("671000000000.0", "685000000000.0").Replace(",Confident,", ",Likely,");
        revised = revised[..v3] + v3Row + revised[v3End..];
        File.WriteAllText(CsvPath(data.Directory), header + newRow + revised[header.Length..]);

        var result = await database.Importer.ImportAsync(data.Directory);

        Assert.False(result.ChangedNothing);
        await using var after = await database.Factory.CreateDbContextAsync();
        Assert.Equal(153, await after.DatasetRows.CountAsync());
        Assert.Equal(1, await after.Models.CountAsync(m => m.Name == "DeepSeek-V3"));
        var deepseek = await after.Models.Include(m => m.DatasetRow).SingleAsync(m => m.Slug == "deepseek-v3");
        Assert.Equal(685_000_000_000, deepseek.Parameters!.Min);
        Assert.Equal(DatasetConfidence.Likely, deepseek.Confidence);
        Assert.Equal(LineOf(File.ReadAllText(CsvPath(data.Directory)), "DeepSeek-V3,"), deepseek.DatasetRow!.Line);
        var k3 = await after.Models.SingleAsync(m => m.Slug == "kimi-k3");
        Assert.Equal(new DateOnly(2025, 11, 20), k3.KnownFrom);
        var records = await after.ChangeRecords.OrderBy(r => r.FactKey).ToListAsync();
        Assert.Equal(["deepseek-v3", "kimi-k3"], records.Select(r => r.FactKey));
        var changed = records[0];
        Assert.Equal((ChangeAction.Changed, FactKind.Model, Dataset, "import: " + Dataset), (changed.Action, changed.FactKind, changed.SourceId, changed.ApprovedByName));
        Assert.Contains(changed.Fields, f => f.Field == "parameters" && f.After!.Contains("685000000000"));
        Assert.Contains(changed.Fields, f => f.Field == "confidence" && f.Before == "confident" && f.After == "likely");
        Assert.Equal(ChangeAction.Added, records[1].Action);
        Assert.True(await after.FactVersions.AnyAsync(v => v.Slug == "deepseek-v3" && v.Payload.Contains("671000000000")));

        // Read again, the newer export changes nothing more, and its own records do not make the facts "curated".
        var again = await database.Importer.ImportAsync(data.Directory);
        Assert.True(again.ChangedNothing, $"{again.Added} added, {again.Updated} updated, {again.Deleted} deleted");
        await using var last = await database.Factory.CreateDbContextAsync();
        Assert.Equal(2, await last.ChangeRecords.CountAsync());
    }

    [Fact]
    public async Task An_as_of_export_carries_only_the_rows_known_by_then_and_imports_into_an_empty_database()
    {
        await using var database = await ImportedAsync(RepositoryData.Directory);
        var files = new Dictionary<string, byte[]>();
        using (AsOfScope.Enter(new DataView(new DateOnly(2024, 1, 1))))
        await using (var db = await database.Factory.CreateDbContextAsync())
            await foreach (var file in SeedExporter.FilesAsync(db, RepositoryData.Directory)) files[file.Path] = file.Content;

        var csv = System.Text.Encoding.UTF8.GetString(files[CsvFile]);
        var full = File.ReadAllText(CsvPath(RepositoryData.Directory));
        Assert.StartsWith(full[..full.IndexOf('\n')], csv);
        Assert.Contains("Yi-34B", csv);
        Assert.DoesNotContain("DeepSeek-V3", csv);
        // Every line kept is the original's, verbatim and in order.
        var lines = full.Split('\n');
        var at = 0;
        foreach (var line in csv.Split('\n'))
        {
            while (at < lines.Length && lines[at] != line) at++;
            Assert.True(at < lines.Length, $"not a line of the dataset, in order: {line}");
        }
        var mapping = System.Text.Encoding.UTF8.GetString(files["seed/epoch-models.json"]);
        Assert.Contains("\"model\": \"M6-T\"", mapping);
        Assert.DoesNotContain("ERNIE-4.5", mapping);

        // The export is data/ as it stood then: it imports into an empty database, which then holds Yi-34B and not DeepSeek-V3.
        var folder = Path.Combine(Path.GetTempPath(), $"llmwatch-asof-export-{Guid.NewGuid():N}");
        try
        {
            foreach (var (path, bytes) in files)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, path))!);
                File.WriteAllBytes(Path.Combine(folder, path), bytes);
            }
            await using var then = await ImportedAsync(folder);
            await using var db = await then.Factory.CreateDbContextAsync();
            Assert.True(await db.Models.AnyAsync(m => m.Slug == "yi-34b"));
            Assert.False(await db.Models.AnyAsync(m => m.Slug == "deepseek-v3"));
            int knownThen;
            using (AsOfScope.Enter(new DataView(new DateOnly(2024, 1, 1))))
            await using (var original = await database.Factory.CreateDbContextAsync())
                knownThen = await original.DatasetRows.CountAsync();
            Assert.True(knownThen is > 0 and < 152, $"{knownThen} rows known on 2024-01-01");
            Assert.Equal(knownThen, await db.DatasetRows.CountAsync());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_export_carries_the_dataset_its_credit_and_its_mappings_and_reimports_to_the_same_database()
    {
        await using var database = await ImportedAsync(RepositoryData.Directory);
        var files = new Dictionary<string, byte[]>();
        await using (var db = await database.Factory.CreateDbContextAsync())
            await foreach (var file in SeedExporter.FilesAsync(db, null)) files[file.Path] = file.Content;
        Assert.Equal(File.ReadAllBytes(CsvPath(RepositoryData.Directory)), files[CsvFile]);
        Assert.Equal(File.ReadAllBytes(Path.Combine(RepositoryData.Directory, "seed", "epoch-organizations.json")), files["seed/epoch-organizations.json"]);
        Assert.Equal(File.ReadAllBytes(Path.Combine(RepositoryData.Directory, "seed", "epoch-models.json")), files["seed/epoch-models.json"]);
        var metadata = System.Text.Encoding.UTF8.GetString(files[$"sources/{Dataset}.json"]);
        Assert.Contains("\"credit\": \"Epoch AI, 'Data on AI Models'. Published online at epoch.ai. Retrieved from 'https://epoch.ai/data/ai-models' [online resource].\"", metadata);
        Assert.Contains("\"licence\": \"CC BY 4.0\"", metadata);
        // The derived facts are not in the files: the dataset makes them again.
        var models = System.Text.Encoding.UTF8.GetString(files["seed/models.json"]);
        Assert.DoesNotContain("\"slug\": \"deepseek-v3\"", models);
        Assert.DoesNotContain(Dataset, models);
    }
}

/// <summary>The API over the imported dataset: asOf, the credit line in every answer's metadata, the export's.</summary>
public sealed class EpochDatasetApiTests(LlmWatchFactory factory) : IClassFixture<LlmWatchFactory>
{
    private const string Credit = "Epoch AI, 'Data on AI Models'. Published online at epoch.ai. Retrieved from 'https://epoch.ai/data/ai-models' [online resource].";

    [Fact]
    public async Task As_of_2024_01_01_the_api_lists_yi_34b_and_not_deepseek_v3()
    {
        using var client = factory.CreateClient();
        var then = await client.GetStringAsync("/api/models?pageSize=200&asOf=2024-01-01");
        Assert.Contains("\"slug\":\"yi-34b\"", then);
        Assert.DoesNotContain("\"slug\":\"deepseek-v3\"", then);
        var now = await client.GetStringAsync("/api/models?pageSize=200");
        Assert.Contains("\"slug\":\"deepseek-v3\"", now);
        Assert.Contains("\"row\":", now);
    }

    [Fact]
    public async Task The_api_gives_a_models_organisations_confidence_and_accessibility_as_the_page_does()
    {
        using var client = factory.CreateClient();
        using var list = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/models?pageSize=200&org=zhipu-ai"));
        var glm45 = list.RootElement.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("slug").GetString() == "glm-4-5");
        Assert.Equal(["zhipu-ai", "tsinghua-university"], glm45.GetProperty("companies").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("zhipu-ai", glm45.GetProperty("company").GetString());
        Assert.Equal("confident", glm45.GetProperty("confidence").GetString());
        Assert.Equal("open-weights-unrestricted", glm45.GetProperty("accessibility").GetString());

        // An article's model has no dataset confidence or accessibility: the fields are absent, not invented.
        using var article = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/models?pageSize=200&org=baichuan"));
        var baichuan = article.RootElement.GetProperty("items").EnumerateArray().First(m => m.GetProperty("slug").GetString() == "baichuan-13b");
        Assert.False(baichuan.TryGetProperty("confidence", out _));
        Assert.False(baichuan.TryGetProperty("accessibility", out _));
        Assert.Equal(["baichuan"], baichuan.GetProperty("companies").EnumerateArray().Select(c => c.GetString()));
    }

    [Theory]
    [InlineData("/api/models")]
    [InlineData("/api/companies")]
    [InlineData("/api/companies/deepseek")]
    [InlineData("/api/export.zip")]
    public async Task Every_answer_names_the_datasets_credit_in_its_metadata(string url)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
        Assert.Equal([Credit], response.Headers.GetValues(LlmWatch.Data.DatasetCredits.Header));
    }
}
