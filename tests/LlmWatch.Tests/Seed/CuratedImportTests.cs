using System.Diagnostics;
using System.Text.Json.Nodes;
using LlmWatch.Data.Curation;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Seed;
using LlmWatch.Tests.Curation;
using LlmWatch.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Tests.Seed;

/// <summary>`import` into a database that holds the editor area's work: it never removes or silently overwrites it.</summary>
public sealed class CuratedImportTests : IAsyncLifetime
{
    private const string CuratedSummary = "Changed in the editor area after the new article.";
    private CurationFixture _f = null!;

    public async Task InitializeAsync() => _f = await CurationFixture.CreateAsync();

    public async Task DisposeAsync() => await _f.DisposeAsync();

    private async Task ApproveAsync(SeedFact fact, string quote, ProposalAction action = ProposalAction.Add)
    {
        var proposal = await _f.ProposeAsync(fact, quote, action);
        Assert.Equal(ReviewStatus.Applied, (await _f.Curation.ApproveAsync(proposal.Id, CurationFixture.Reviewer, "Checked against the article.")).Status);
    }

    /// <summary>An approved change to baichuan, a fact data/ holds with another summary.</summary>
    private async Task ChangeBaichuanAsync()
    {
        var baichuan = (SeedOrganization)(await _f.ReadAsync(db => FactDocuments.LoadAsync(db, SubjectType.Organization, "baichuan")))!;
        await ApproveAsync(baichuan with { SummaryEn = CuratedSummary }, CurationFixture.BaichuanQuote, ProposalAction.Change);
    }

    private Task<string?> BaichuanSummaryAsync() =>
        _f.ReadAsync(db => db.Organizations.Where(o => o.Slug == "baichuan").Select(o => o.SummaryEn).FirstAsync());

    [Fact]
    public async Task A_file_that_disagrees_with_an_approved_change_stops_the_import_before_anything_is_written()
    {
        await ChangeBaichuanAsync();
        var before = await _f.Database.SnapshotAsync();

        var refused = await Assert.ThrowsAsync<ImportConflictException>(() => _f.Database.Importer.ImportAsync(RepositoryData.Directory));

        // The change cited the new article too: the summary and the citations disagree, nothing else.
        Assert.Equal(["citations", "summaryEn"], refused.Conflicts.Select(c => c.Field).Order());
        Assert.All(refused.Conflicts, c => Assert.Equal(("organizations.json", "baichuan"), (c.File, c.Slug)));
        var conflict = refused.Conflicts.Single(c => c.Field == "summaryEn");
        Assert.Equal($"\"{CuratedSummary}\"", conflict.DatabaseValue);
        Assert.StartsWith("\"Large-model start-up", conflict.FileValue);
        Assert.Equal(CurationFixture.Reviewer.Name, conflict.ApprovedBy);
        Assert.Equal(before, await _f.Database.SnapshotAsync());
        Assert.Equal(CuratedSummary, await BaichuanSummaryAsync());
    }

    [Fact]
    public async Task The_import_command_names_the_conflict_and_exits_2()
    {
        await ChangeBaichuanAsync();
        var before = await _f.Database.SnapshotAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var (code, _, errors) = await RunImportAsync(_f.Database.File);

        Assert.Equal(2, code);
        Assert.Contains("nothing was imported", errors);
        Assert.Contains($"organizations.json 'baichuan' summaryEn: the file says \"Large-model start-up", errors);
        Assert.Contains($"the database says \"{CuratedSummary}\" (approved by {CurationFixture.Reviewer.Name} on ", errors);
        Assert.Contains("--prefer-files", errors);
        Assert.Equal(before, await _f.Database.SnapshotAsync());
    }

    [Fact]
    public async Task Prefer_files_lets_the_files_win_and_the_trail_keeps_the_replaced_value()
    {
        await ChangeBaichuanAsync();

        await _f.Database.Importer.ImportAsync(RepositoryData.Directory, preferFiles: true);

        Assert.StartsWith("Large-model start-up", await BaichuanSummaryAsync());
        var trail = await _f.ReadAsync(db => db.ChangeRecords.Where(c => c.FactKey == "baichuan").OrderBy(c => c.Id).ToListAsync());
        Assert.Equal(2, trail.Count);
        Assert.Equal(CurationFixture.Reviewer.Name, trail[0].ApprovedByName);
        var replaced = trail[1];
        Assert.Equal((ChangeAction.Changed, CuratedWork.ImportCurator), (replaced.Action, replaced.ApprovedByName));
        var field = Assert.Single(replaced.Fields, f => f.Field == "summaryEn");
        Assert.Equal($"\"{CuratedSummary}\"", field.Before);
        Assert.StartsWith("\"Large-model start-up", field.After);

        // The files and the database now agree: the next import has nothing to refuse.
        Assert.True((await _f.Database.Importer.ImportAsync(RepositoryData.Directory)).ChangedNothing);
    }

    [Fact]
    public async Task Curated_facts_and_sources_no_file_holds_are_kept_with_their_citations()
    {
        await ApproveAsync(CurationFixture.NewOrganization(), CurationFixture.CampQuote);
        await ApproveAsync(CurationFixture.NewDeal(), CurationFixture.RoundQuote);

        var result = await _f.Database.Importer.ImportAsync(RepositoryData.Directory);

        Assert.Equal(0, result.Deleted);
        Assert.True(await _f.ReadAsync(db => db.Sources.AnyAsync(s => s.Id == _f.SourceId)));
        var deal = await _f.ReadAsync(db => db.Deals.Where(d => d.Slug == "xinghe-ai-a").Select(d => new { d.Id, Organization = d.Organization.Slug }).SingleAsync());
        Assert.Equal("xinghe-ai", deal.Organization);
        Assert.Equal(CurationFixture.RoundQuote, await _f.ReadAsync(db => db.Citations
            .Where(c => c.SubjectType == SubjectType.Deal && c.SubjectId == deal.Id).Select(c => c.Quote).SingleAsync()));
    }

    [Fact]
    public async Task A_fact_only_a_file_holds_is_added_beside_the_curated_work()
    {
        await ApproveAsync(CurationFixture.NewOrganization(), CurationFixture.CampQuote);
        using var data = new DataCopy();
        var organizations = JsonNode.Parse(File.ReadAllText(data.PathOf("organizations.json")))!.AsArray();
        var added = organizations.Single(o => (string?)o!["slug"] == "baichuan")!.DeepClone();
        added["slug"] = "zz-file-only";
        organizations.Add(added);
        File.WriteAllText(data.PathOf("organizations.json"), organizations.ToJsonString());

        var result = await _f.Database.Importer.ImportAsync(data.Directory);

        Assert.True(result.Added > 0);
        Assert.True(await _f.ReadAsync(db => db.Organizations.AnyAsync(o => o.Slug == "zz-file-only")));
        Assert.True(await _f.ReadAsync(db => db.Organizations.AnyAsync(o => o.Slug == "xinghe-ai")));
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunImportAsync(string databaseFile)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "import"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(typeof(Program).Assembly.Location)!,
            Environment =
            {
                ["ConnectionStrings__LlmWatch"] = $"Data Source={databaseFile}",
                ["Data__Directory"] = RepositoryData.Directory,
                ["Serilog__WriteTo__1__Args__path"] = Path.Combine(Path.GetTempPath(), "llmwatch-test-logs", "llmwatch-.log"),
                ["DOTNET_ENVIRONMENT"] = "Production",
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output, await errors);
    }
}
