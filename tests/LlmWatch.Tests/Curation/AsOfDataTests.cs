using LlmWatch.Data;
using LlmWatch.Data.Curation;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Seed;
using LlmWatch.Data.Values;
using LlmWatch.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static LlmWatch.Tests.Curation.CurationFixture;

namespace LlmWatch.Tests.Curation;

/// <summary>
/// asOf and recordedAt in Data: the global filters, the versions an approval keeps, the diff of two days and the funding summary
/// of a past day. The seed's one source is dated 2023-08-02; the fixture's new source 2026-11-20.
/// </summary>
public sealed class AsOfDataTests : IAsyncLifetime
{
    private static readonly DateOnly DayBefore = new(2026, 11, 19);
    private static readonly DateOnly SourceDay = new(2026, 11, 20);
    private static readonly FxRates Rates = FxRates.Load(RepositoryData.Directory);

    private CurationFixture _f = null!;

    public async Task InitializeAsync() => _f = await CurationFixture.CreateAsync();

    public async Task DisposeAsync() => await _f.DisposeAsync();

    private async Task ApproveAsync(SeedFact fact, string quote, ProposalAction action = ProposalAction.Add) =>
        Assert.Equal(ReviewStatus.Applied, (await _f.Curation.ApproveAsync((await _f.ProposeAsync(fact, quote, action)).Id, Reviewer, "ok")).Status);

    private async Task<T> InViewAsync<T>(DataView view, Func<LlmWatchDbContext, Task<T>> read)
    {
        using var scope = AsOfScope.Enter(view);
        return await _f.ReadAsync(read);
    }

    [Fact]
    public async Task A_fact_from_a_later_source_is_absent_before_its_day_and_present_from_it_with_its_citations_and_source()
    {
        await ApproveAsync(NewOrganization(), CampQuote);

        Assert.Equal(0, await InViewAsync(new DataView(DayBefore), db => db.Organizations.CountAsync(o => o.Slug == "xinghe-ai")));
        Assert.Equal(1, await InViewAsync(new DataView(SourceDay), db => db.Organizations.CountAsync(o => o.Slug == "xinghe-ai")));
        Assert.Equal(1, await _f.ReadAsync(db => db.Organizations.CountAsync(o => o.Slug == "xinghe-ai")));
        // The seed's facts (2023-08-02) are there from their day; nothing before it.
        var seeded = await _f.ReadAsync(db => db.Organizations.CountAsync());
        Assert.Equal(seeded - 1, await InViewAsync(new DataView(DayBefore), db => db.Organizations.CountAsync()));
        // Before the article only the organisations a dataset row had already named (each from its row's day).
        Assert.Equal(0, await InViewAsync(new DataView(new DateOnly(2023, 8, 1)), db => db.Organizations.CountAsync(o => o.FromDataset == null && !db.Citations.Any(c => c.SubjectType == SubjectType.Organization && c.SubjectId == o.Id && c.Row != null))));
        Assert.Equal(0, await InViewAsync(new DataView(DayBefore), db => db.Sources.CountAsync(s => s.Id == _f.SourceId)));
        Assert.Equal(0, await InViewAsync(new DataView(DayBefore), db => db.Citations.CountAsync(c => c.SourceId == _f.SourceId)));
        Assert.True(await InViewAsync(new DataView(SourceDay), db => db.Citations.CountAsync(c => c.SourceId == _f.SourceId)) > 0);

        var times = await _f.ReadAsync(db => db.Organizations.Where(o => o.Slug == "xinghe-ai").Select(o => new { o.KnownFrom, o.ValidFrom, o.RecordedAt }).SingleAsync());
        Assert.Equal((SourceDay, SourceDay), (times.KnownFrom, times.ValidFrom));
        Assert.True(times.RecordedAt > DateTime.UtcNow.AddMinutes(-5), $"{times.RecordedAt}");
    }

    [Fact]
    public async Task A_later_correction_does_not_leak_back_the_earlier_version_is_kept_and_the_diff_names_the_field()
    {
        // As if the seed had been imported on 1 Jan 2026.
        await _f.ReadAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"Organizations\" SET \"RecordedAt\" = '2026-01-01 00:00:00'"));
        var before = (SeedOrganization)(await _f.ReadAsync(db => FactDocuments.LoadAsync(db, SubjectType.Organization, "baichuan")))!;
        var corrected = before with { SummaryEn = "Corrected by the 2026 article." };
        await ApproveAsync(corrected, BaichuanQuote, ProposalAction.Change);

        var version = await _f.ReadAsync(db => db.FactVersions.SingleAsync(v => v.Slug == "baichuan"));
        Assert.Equal((new DateOnly(2023, 8, 2), SourceDay, false), (version.ValidFrom, version.SupersededFrom, version.Retired));
        Assert.Equal(SourceDay, await _f.ReadAsync(db => db.Organizations.Where(o => o.Slug == "baichuan").Select(o => o.ValidFrom).SingleAsync()));

        var then = await InViewAsync(new DataView(DayBefore), db => FactHistory.OfOrganizationAsync(db, "baichuan"));
        var thenOrganization = then.Single(s => s.Kind == SubjectType.Organization);
        Assert.True(thenOrganization.Earlier);
        Assert.Equal(before.SummaryEn, ((SeedOrganization)thenOrganization.Fact).SummaryEn);
        var now = await InViewAsync(new DataView(SourceDay), db => FactHistory.OfOrganizationAsync(db, "baichuan"));
        Assert.Equal("Corrected by the 2026 article.", ((SeedOrganization)now.Single(s => s.Kind == SubjectType.Organization).Fact).SummaryEn);

        var diff = FactHistory.Compare(then, now);
        var changed = Assert.Single(diff, d => d.Kind == SubjectType.Organization);
        Assert.Equal("summaryEn", Assert.Single(changed.Fields).Field);

        // As recorded on a day between the import and the approval the old text shows too; as recorded today, the new one.
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), version.RecordedAt);
        var recorded = await InViewAsync(new DataView(null, new DateOnly(2026, 6, 1)), db => FactHistory.OfOrganizationAsync(db, "baichuan"));
        Assert.Equal(before.SummaryEn, ((SeedOrganization)recorded.Single(s => s.Kind == SubjectType.Organization).Fact).SummaryEn);
        var recordedToday = await InViewAsync(new DataView(null, DateOnly.FromDateTime(DateTime.UtcNow)), db => FactHistory.OfOrganizationAsync(db, "baichuan"));
        Assert.False(recordedToday.Single(s => s.Kind == SubjectType.Organization).Earlier);
    }

    [Fact]
    public async Task RecordedAt_hides_what_was_recorded_after_that_day()
    {
        await ApproveAsync(NewOrganization(), CampQuote);
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        // The import recorded the seed today as well: as recorded yesterday, nothing was there yet.
        Assert.Equal(0, await InViewAsync(new DataView(null, yesterday), db => db.Organizations.CountAsync()));
        Assert.Equal(1, await InViewAsync(new DataView(null, today), db => db.Organizations.CountAsync(o => o.Slug == "xinghe-ai")));
        Assert.Equal(0, await InViewAsync(new DataView(null, yesterday), db => db.Organizations.CountAsync(o => o.Slug == "xinghe-ai")));
    }

    [Fact]
    public async Task The_funding_summary_of_a_past_day_sums_only_the_rounds_known_then_and_today_agrees_with_the_table()
    {
        await ApproveAsync(NewOrganization(), CampQuote);
        await ApproveAsync(NewDeal(), RoundQuote);

        var table = await _f.ReadAsync(db => FundingSummary.ByQuarterAsync(db, Rates));
        var fromRows = await InViewAsync(new DataView(SourceDay), db => FundingSummary.ByQuarterAsync(db, Rates));
        var before = await InViewAsync(new DataView(DayBefore), db => FundingSummary.ByQuarterAsync(db, Rates));

        Assert.Contains(table, q => q is { Year: 2026, Quarter: 4 });
        // On the source's day every round is known: the sum from the rows is the summary table's, to the dollar.
        Assert.Equal(table, fromRows);
        Assert.DoesNotContain(before, q => q is { Year: 2026, Quarter: 4 });
        Assert.Equal(table.Where(q => q is not { Year: 2026, Quarter: 4 }), before);
        Assert.Equal(
            (await _f.ReadAsync(db => FundingSummary.ByQuarterAndCampAsync(db))).Count,
            (await InViewAsync(new DataView(SourceDay), db => FundingSummary.ByQuarterAndCampAsync(db, Rates))).Count);

        // The table is today's: reading it under a past view is refused rather than leaking later rounds.
        await Assert.ThrowsAsync<InvalidOperationException>(() => InViewAsync(new DataView(DayBefore), db => FundingSummary.ByQuarterAsync(db)));
    }

    [Fact]
    public async Task A_retired_fact_is_kept_as_a_version_and_recordedAt_before_the_retirement_still_shows_it()
    {
        await ApproveAsync(NewOrganization(), CampQuote);
        var camp = new SeedCampAssignment { Slug = "xinghe-ai-general", Organization = "xinghe-ai", Camp = "general", AsOf = "2026-11-20", Basis = "stated", Citations = [] };
        await ApproveAsync(camp, CampQuote);
        var current = await _f.ReadAsync(db => FactDocuments.LoadAsync(db, SubjectType.CampAssignment, "xinghe-ai-general"));
        await ApproveAsync(current!, CampQuote, ProposalAction.Retire);

        var version = await _f.ReadAsync(db => db.FactVersions.SingleAsync(v => v.Slug == "xinghe-ai-general"));
        Assert.True(version.Retired);
        Assert.Equal("xinghe-ai", version.OrganizationSlug);
        // Recorded today it was retired; a view of a recordedAt between its recording and retirement is what FactHistory
        // reads from the kept version (both fell today here, so today's view no longer has it).
        var today = await InViewAsync(new DataView(null, DateOnly.FromDateTime(DateTime.UtcNow)), db => FactHistory.OfOrganizationAsync(db, "xinghe-ai"));
        Assert.DoesNotContain(today, s => s.Slug == "xinghe-ai-general");
        Assert.NotNull(FactHistory.EarlierVersion(new DataView(null, DateOnly.FromDateTime(version.RecordedAt)),
            [new FactVersion { Kind = version.Kind, Slug = version.Slug, Payload = version.Payload, RecordedAt = version.RecordedAt.AddDays(-1), SupersededAt = version.SupersededAt.AddDays(1) }],
            version.ValidFrom));
    }
}
