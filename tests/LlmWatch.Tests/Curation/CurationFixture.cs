using LlmWatch.Data;
using LlmWatch.Data.Curation;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Seed;
using LlmWatch.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmWatch.Tests.Curation;

/// <summary>A seeded database file with the curation services over it, a short new source, and an editor and two reviewers.</summary>
public sealed class CurationFixture : IAsyncDisposable
{
    public const string Text = "星河智能于2026年11月宣布完成数亿元A轮融资,由红杉中国领投。\n星河智能成立于2025年,专注自研通用大模型。百川智能于2026年10月完成了60亿元的新一轮融资。";
    public const string RoundQuote = "星河智能于2026年11月宣布完成数亿元A轮融资";
    public const string CampQuote = "星河智能成立于2025年,专注自研通用大模型";
    public const string BaichuanQuote = "百川智能于2026年10月完成了60亿元的新一轮融资";

    public static readonly Curator Editor = new("editor-1", "Editor One");
    public static readonly Curator Reviewer = new("reviewer-1", "Reviewer One");
    public static readonly Curator SecondReviewer = new("reviewer-2", "Reviewer Two");

    public TestDatabase Database { get; private init; } = null!;
    public CurationService Curation { get; private init; } = null!;
    public SourceIntake Intake { get; private init; } = null!;
    public string SourceId { get; private set; } = "";

    public static async Task<CurationFixture> CreateAsync()
    {
        var database = await TestDatabase.CreateAsync();
        await using (var db = await database.Factory.CreateDbContextAsync())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await database.Importer.ImportAsync(RepositoryData.Directory);
        var changes = new DataChanges();
        var fixture = new CurationFixture
        {
            Database = database,
            Curation = new CurationService(database.Factory, new DataOptions { Directory = RepositoryData.Directory }, changes, TimeProvider.System, NullLogger<CurationService>.Instance),
            Intake = new SourceIntake(database.Factory, changes, TimeProvider.System, NullLogger<SourceIntake>.Instance),
        };
        var added = await fixture.Intake.AddAsync(new NewSource("星河智能完成A轮融资", null, "测试日报", null, "https://example.com/xinghe", "2026-11-20", "zh", Text), Editor);
        fixture.SourceId = added.Id ?? throw new InvalidOperationException(string.Join("; ", added.Errors));
        return fixture;
    }

    public static SeedOrganization NewOrganization(string quote = CampQuote) => new()
    {
        Slug = "xinghe-ai", NameZh = "星河智能", NameEn = "Xinghe AI", Kind = "startup", Status = "active", Country = "CN", FoundedOn = "2025",
        Citations = [],
    };

    public static SeedDeal NewDeal() => new()
    {
        Slug = "xinghe-ai-a", Organization = "xinghe-ai", Kind = "equity-round", Stage = "a", Date = "2026-11", Status = "completed",
        Amount = new SeedMoney("CNY", 100_000_000, 999_999_999, "数亿元"), Participants = [new SeedParticipant { Organization = "baichuan", Role = "lead" }],
        Citations = [],
    };

    public ProposalDraft Draft(SeedFact fact, string quote, ProposalAction action = ProposalAction.Add, string reason = "The new article reports it.") =>
        new(FactDocuments.KindOf(fact), action, action == ProposalAction.Add ? "" : fact.Slug, FactDocuments.Serialize(fact), SourceId, quote, reason);

    public async Task<Proposal> ProposeAsync(SeedFact fact, string quote, ProposalAction action = ProposalAction.Add, Curator? editor = null)
    {
        var (proposal, check) = await Curation.ProposeAsync(Draft(fact, quote, action), editor ?? Editor);
        return proposal ?? throw new InvalidOperationException(string.Join("; ", check.Errors));
    }

    public async Task<T> ReadAsync<T>(Func<LlmWatchDbContext, Task<T>> read)
    {
        await using var db = await Database.Factory.CreateDbContextAsync();
        return await read(db);
    }

    public async ValueTask DisposeAsync() => await Database.DisposeAsync();
}
