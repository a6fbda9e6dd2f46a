using LlmWatch.Data.Curation;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Search;
using LlmWatch.Data.Seed;
using LlmWatch.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static LlmWatch.Tests.Curation.CurationFixture;

namespace LlmWatch.Tests.Curation;

public sealed class CurationServiceTests : IAsyncLifetime
{
    private CurationFixture _f = null!;

    public async Task InitializeAsync() => _f = await CurationFixture.CreateAsync();

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task An_approved_organization_is_recorded_with_its_citation_searchable_and_on_the_audit_trail()
    {
        var proposal = await _f.ProposeAsync(NewOrganization(), CampQuote);
        Assert.Equal(2, proposal.SentenceNumber);

        var outcome = await _f.Curation.ApproveAsync(proposal.Id, Reviewer, "Checked against the article.");

        Assert.Equal(ReviewStatus.Applied, outcome.Status);
        var organization = await _f.ReadAsync(db => db.Organizations.SingleAsync(o => o.Slug == "xinghe-ai"));
        Assert.Equal(("星河智能", OrganizationKind.Startup), (organization.NameZh, organization.Kind));
        var citation = await _f.ReadAsync(db => db.Citations.SingleAsync(c => c.SubjectType == SubjectType.Organization && c.SubjectId == organization.Id));
        Assert.Equal((_f.SourceId, CampQuote), (citation.SourceId, citation.Quote));
        var found = await _f.ReadAsync(db => db.Organizations.Search(db, "星河智").Select(o => o.Slug).ToListAsync());
        Assert.Equal(["xinghe-ai"], found);

        var record = await _f.ReadAsync(db => db.ChangeRecords.SingleAsync(r => r.FactKind == FactKind.Organization));
        Assert.Equal((ChangeAction.Added, "xinghe-ai", "xinghe-ai", (long?)proposal.Id), (record.Action, record.FactKey, record.OrganizationSlug, record.ProposalId));
        Assert.Equal(("Editor One", "Reviewer One", "The new article reports it.", "Checked against the article."),
            (record.ProposedByName, record.ApprovedByName, record.ProposerReason, record.ReviewerReason));
        Assert.Contains(record.Fields, f => f.Field == "nameZh" && f.Before is null && f.After == "\"星河智能\"");
        Assert.Equal(ProposalStatus.Approved, (await _f.ReadAsync(db => db.Proposals.SingleAsync(p => p.Id == proposal.Id))).Status);
    }

    [Fact]
    public async Task A_deal_with_a_range_and_a_camp_assignment_update_the_organizations_figures_and_camp()
    {
        await _f.Curation.ApproveAsync((await _f.ProposeAsync(NewOrganization(), CampQuote)).Id, Reviewer, "ok");
        var deal = await _f.ProposeAsync(NewDeal(), RoundQuote);
        var camp = await _f.ProposeAsync(new SeedCampAssignment
        {
            Slug = "xinghe-ai-general", Organization = "xinghe-ai", Camp = "general", AsOf = "2026-11-20", Basis = "stated", Citations = [],
        }, CampQuote);

        Assert.Equal(ReviewStatus.Applied, (await _f.Curation.ApproveAsync(deal.Id, Reviewer, "ok")).Status);
        Assert.Equal(ReviewStatus.Applied, (await _f.Curation.ApproveAsync(camp.Id, Reviewer, "ok")).Status);

        var organization = await _f.ReadAsync(db => db.Organizations.SingleAsync(o => o.Slug == "xinghe-ai"));
        Assert.Equal(Camp.General, organization.Camp);
        Assert.NotNull(organization.DisclosedFundingUsd);
        Assert.True(organization.DisclosedFundingUsd > 10_000_000, $"{organization.DisclosedFundingUsd}");
        var stored = await _f.ReadAsync(db => db.Deals.Include(d => d.Participants).SingleAsync(d => d.Slug == "xinghe-ai-a"));
        Assert.Equal((100_000_000L, (long?)999_999_999L, "数亿元"), (stored.Amount!.Min, stored.Amount.Max, stored.Amount.Text));
        Assert.Single(stored.Participants);
        var quarters = await _f.ReadAsync(db => db.FundingQuarters.Where(q => q.Year == 2026 && q.Quarter == 4 && q.Camp == Camp.General).ToListAsync());
        Assert.Equal(1, Assert.Single(quarters).Deals);
    }

    [Fact]
    public async Task A_round_may_name_an_organization_still_proposed_but_is_approved_only_after_it()
    {
        var organization = await _f.ProposeAsync(NewOrganization(), CampQuote);
        var deal = await _f.ProposeAsync(NewDeal(), RoundQuote);

        var early = await _f.Curation.ApproveAsync(deal.Id, Reviewer, "ok");
        Assert.Equal(ReviewStatus.Refused, early.Status);
        Assert.Contains(early.Errors!, e => e.Path == "$.organization");
        Assert.False(await _f.ReadAsync(db => db.Deals.AnyAsync(d => d.Slug == "xinghe-ai-a")));

        Assert.Equal(ReviewStatus.Applied, (await _f.Curation.ApproveAsync(organization.Id, Reviewer, "ok")).Status);
        Assert.Equal(ReviewStatus.Applied, (await _f.Curation.ApproveAsync(deal.Id, Reviewer, "ok")).Status);
    }

    [Fact]
    public async Task Nobody_approves_or_rejects_their_own_proposal()
    {
        var proposal = await _f.ProposeAsync(NewOrganization(), CampQuote, editor: Reviewer);

        var approve = await _f.Curation.ApproveAsync(proposal.Id, Reviewer, "mine");
        var reject = await _f.Curation.RejectAsync(proposal.Id, Reviewer, "mine");

        Assert.Equal((ReviewStatus.Refused, ReviewStatus.Refused), (approve.Status, reject.Status));
        Assert.False(await _f.ReadAsync(db => db.Organizations.AnyAsync(o => o.Slug == "xinghe-ai")));
        Assert.False(await _f.ReadAsync(db => db.ChangeRecords.AnyAsync(r => r.FactKind != FactKind.Source)));
        Assert.Equal(ReviewStatus.Applied, (await _f.Curation.ApproveAsync(proposal.Id, SecondReviewer, "another reviewer")).Status);
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_the_editor_can_revise_and_resubmit()
    {
        var proposal = await _f.ProposeAsync(NewOrganization(), CampQuote);

        Assert.Equal(ReviewStatus.Refused, (await _f.Curation.RejectAsync(proposal.Id, Reviewer, "  ")).Status);
        Assert.Equal(ReviewStatus.Rejected, (await _f.Curation.RejectAsync(proposal.Id, Reviewer, "The English name is Xinghe Intelligence.")).Status);
        Assert.Equal(ReviewStatus.Refused, (await _f.Curation.ApproveAsync(proposal.Id, Reviewer, "too late")).Status);

        var (revised, check) = await _f.Curation.ReviseAsync(proposal.Id, _f.Draft(NewOrganization() with { NameEn = "Xinghe Intelligence" }, CampQuote), Editor);
        Assert.True(check.IsValid, string.Join("; ", check.Errors));
        Assert.Equal(ProposalStatus.Open, revised!.Status);
        var (_, notMine) = await _f.Curation.ReviseAsync(proposal.Id, _f.Draft(NewOrganization(), CampQuote), SecondReviewer);
        Assert.False(notMine.IsValid);

        Assert.Equal(ReviewStatus.Applied, (await _f.Curation.ApproveAsync(proposal.Id, Reviewer, "ok")).Status);
        Assert.Equal("Xinghe Intelligence", await _f.ReadAsync(db => db.Organizations.Where(o => o.Slug == "xinghe-ai").Select(o => o.NameEn).SingleAsync()));
    }

    [Fact]
    public async Task Hostile_proposals_are_refused_field_by_field_and_nothing_is_stored()
    {
        async Task<IReadOnlyList<SeedError>> Errors(SeedFact fact, string quote = CampQuote) => (await _f.Curation.ProposeAsync(_f.Draft(fact, quote), Editor)).Check.Errors;

        Assert.Contains(await Errors(NewOrganization() with { SummaryEn = new string('x', 1024 * 1024) }), e => e.Path == "$.summaryEn" && e.Reason.Contains("at most"));
        Assert.Contains(await Errors(NewOrganization() with { NameEn = "Xinghe\u0007AI" }), e => e.Path == "$.nameEn" && e.Reason.Contains("control"));
        Assert.Contains(await Errors(NewOrganization() with { NameZh = "<script>alert(1)</script>" }), e => e.Path == "$.nameZh" && e.Reason.Contains("markup"));
        Assert.Contains(await Errors(NewOrganization(), "星河智能成立于2024年"), e => e.Path == "quote");
        Assert.Contains(await Errors(NewDeal() with { Organization = "no-such-company" }, RoundQuote), e => e.Path == "$.organization" && e.Reason.Contains("no-such-company"));
        Assert.Contains(await Errors(NewDeal() with { Amount = new SeedMoney("CNY", 900, 100, "数亿元") }, RoundQuote), e => e.Path == "$.amount.max");
        Assert.Contains(await Errors(NewOrganization() with { Slug = "Not A Slug" }), e => e.Path == "$.slug");
        Assert.Contains(await Errors(NewOrganization() with { Kind = "spaceship" }), e => e.Path == "$.kind" && e.Reason.Contains("startup"));
        Assert.Contains((await _f.Curation.ProposeAsync(_f.Draft(NewOrganization(), CampQuote) with { Payload = "{\"slug\": 5" }, Editor)).Check.Errors, e => e.Path == "$");
        Assert.Contains((await _f.Curation.ProposeAsync(_f.Draft(NewOrganization(), CampQuote, reason: ""), Editor)).Check.Errors, e => e.Path == "reason");

        Assert.False(await _f.ReadAsync(db => db.Proposals.AnyAsync()));
        Assert.False(await _f.ReadAsync(db => db.Organizations.AnyAsync(o => o.Slug == "xinghe-ai")));
    }

    [Fact]
    public async Task A_similar_organization_name_is_a_warning()
    {
        var check = await _f.Curation.CheckAsync(_f.Draft(NewOrganization() with { Slug = "baichuan-2", NameZh = "百川智能科技", NameEn = "Baichuan Two" }, CampQuote));

        Assert.True(check.IsValid, string.Join("; ", check.Errors));
        Assert.Contains(check.Warnings, w => w.Contains("(baichuan)"));
    }

    [Fact]
    public async Task A_proposal_on_a_fact_that_changed_since_is_a_conflict_showing_the_current_value()
    {
        var current = (SeedDeal)(await _f.ReadAsync(db => FactDocuments.LoadAsync(db, SubjectType.Deal, "baichuan-founder-capital")))!;
        var first = await _f.ProposeAsync(current with { StageText = "创始资金" }, BaichuanQuote, ProposalAction.Change);
        var second = await _f.ProposeAsync(current with { NoteEn = "Put up by Wang Xiaochuan." }, BaichuanQuote, ProposalAction.Change);

        Assert.Equal(ReviewStatus.Applied, (await _f.Curation.ApproveAsync(first.Id, Reviewer, "ok")).Status);
        var outcome = await _f.Curation.ApproveAsync(second.Id, Reviewer, "ok");

        Assert.Equal(ReviewStatus.Conflict, outcome.Status);
        Assert.Equal("创始资金", ((SeedDeal)outcome.Current!).StageText);
        Assert.Equal(ProposalStatus.Open, (await _f.ReadAsync(db => db.Proposals.SingleAsync(p => p.Id == second.Id))).Status);
        Assert.Equal("Wang Xiaochuan put up US$50M in total to found Baichuan Intelligence.",
            await _f.ReadAsync(db => db.Deals.Where(d => d.Slug == "baichuan-founder-capital").Select(d => d.NoteEn).SingleAsync()));
    }

    [Fact]
    public async Task Two_reviewers_approving_conflicting_proposals_at_once_apply_exactly_one()
    {
        var current = (SeedDeal)(await _f.ReadAsync(db => FactDocuments.LoadAsync(db, SubjectType.Deal, "baichuan-founder-capital")))!;
        var a = await _f.ProposeAsync(current with { StageText = "A" }, BaichuanQuote, ProposalAction.Change);
        var b = await _f.ProposeAsync(current with { StageText = "B" }, BaichuanQuote, ProposalAction.Change);

        using var start = new SemaphoreSlim(0);
        async Task<ReviewOutcome> Approve(int id, Curator reviewer)
        {
            await start.WaitAsync();
            return await _f.Curation.ApproveAsync(id, reviewer, "at once");
        }
        var both = Task.WhenAll(Task.Run(() => Approve(a.Id, Reviewer)), Task.Run(() => Approve(b.Id, SecondReviewer)));
        start.Release(2);
        var outcomes = await both;

        Assert.Equal([ReviewStatus.Applied, ReviewStatus.Conflict], outcomes.Select(o => o.Status).Order());
        var winner = outcomes[0].Status == ReviewStatus.Applied ? "A" : "B";
        Assert.Equal(winner, await _f.ReadAsync(db => db.Deals.Where(d => d.Slug == "baichuan-founder-capital").Select(d => d.StageText).SingleAsync()));
        Assert.Equal(1, await _f.ReadAsync(db => db.ChangeRecords.CountAsync(r => r.FactKey == "baichuan-founder-capital")));
    }

    [Fact]
    public async Task A_contradicting_amount_keeps_both_the_preferred_one_shown_and_the_other_also_reported()
    {
        var current = (SeedDeal)(await _f.ReadAsync(db => FactDocuments.LoadAsync(db, SubjectType.Deal, "baichuan-founder-capital")))!;
        var other = current with { Amount = new SeedMoney("CNY", 6_000_000_000, 6_000_000_000, "60亿元") };
        var proposal = await _f.ProposeAsync(other, BaichuanQuote, ProposalAction.Change);

        var kept = await _f.Curation.ApproveAsync(proposal.Id, Reviewer, "The founding article is the better witness.", preferNew: false);

        Assert.Equal(ReviewStatus.Applied, kept.Status);
        var deal = await _f.ReadAsync(db => db.Deals.SingleAsync(d => d.Slug == "baichuan-founder-capital"));
        Assert.Equal(("USD", 50_000_000L), (deal.Amount!.Currency, deal.Amount.Min));
        var also = await _f.ReadAsync(db => db.AlsoReported.SingleAsync(a => a.SubjectType == SubjectType.Deal && a.SubjectId == deal.Id));
        Assert.Equal(("amount", _f.SourceId, BaichuanQuote), (also.Field, also.SourceId, also.Quote));
        Assert.Contains("60亿元", also.Value);
        var record = await _f.ReadAsync(db => db.ChangeRecords.SingleAsync(r => r.FactKey == "baichuan-founder-capital"));
        Assert.Equal(ChangeAction.Preferred, record.Action);

        // The profile's "also reported" reads it with its source.
        var shown = await new LlmWatch.Web.Features.Companies.AlsoReportedQueries(_f.Database.Factory).ForOrganizationAsync("baichuan");
        var row = Assert.Single(shown);
        Assert.Equal((SubjectType.Deal, "baichuan-founder-capital", "amount", BaichuanQuote, "星河智能完成A轮融资"), (row.Kind, row.FactSlug, row.Field, row.Quote, row.SourceTitle));
    }

    [Fact]
    public async Task Preferring_the_new_amount_keeps_the_old_one_with_its_citation()
    {
        var current = (SeedDeal)(await _f.ReadAsync(db => FactDocuments.LoadAsync(db, SubjectType.Deal, "baichuan-founder-capital")))!;
        var proposal = await _f.ProposeAsync(current with { Amount = new SeedMoney("CNY", 6_000_000_000, 6_000_000_000, "60亿元") }, BaichuanQuote, ProposalAction.Change);

        Assert.Equal(ReviewStatus.Applied, (await _f.Curation.ApproveAsync(proposal.Id, Reviewer, "newer", preferNew: true)).Status);

        var deal = await _f.ReadAsync(db => db.Deals.SingleAsync(d => d.Slug == "baichuan-founder-capital"));
        Assert.Equal(("CNY", 6_000_000_000L), (deal.Amount!.Currency, deal.Amount.Min));
        var also = await _f.ReadAsync(db => db.AlsoReported.SingleAsync(a => a.SubjectId == deal.Id && a.SubjectType == SubjectType.Deal));
        Assert.Equal(("huxiu-2023-08-02", "王小川共拿出5000万美元成立“百川智能”"), (also.SourceId, also.Quote));
        Assert.Contains("5000万美元", also.Value);
        Assert.Equal(2, await _f.ReadAsync(db => db.Citations.CountAsync(c => c.SubjectType == SubjectType.Deal && c.SubjectId == deal.Id)));
    }

    [Fact]
    public async Task Retiring_a_fact_others_rest_on_is_refused_and_a_free_one_is_removed()
    {
        var refused = await _f.Curation.ProposeAsync(new ProposalDraft(SubjectType.Organization, ProposalAction.Retire, "baichuan", "", _f.SourceId, BaichuanQuote, "gone"), Editor);
        Assert.Contains(refused.Check.Errors, e => e.Path == "targetSlug" && e.Reason.Contains("retire those first"));

        var (proposal, check) = await _f.Curation.ProposeAsync(new ProposalDraft(SubjectType.Deal, ProposalAction.Retire, "baichuan-founder-capital", "", _f.SourceId, BaichuanQuote, "A duplicate."), Editor);
        Assert.True(check.IsValid, string.Join("; ", check.Errors));
        Assert.Equal(ReviewStatus.Applied, (await _f.Curation.ApproveAsync(proposal!.Id, Reviewer, "ok")).Status);

        Assert.False(await _f.ReadAsync(db => db.Deals.AnyAsync(d => d.Slug == "baichuan-founder-capital")));
        var record = await _f.ReadAsync(db => db.ChangeRecords.SingleAsync(r => r.FactKey == "baichuan-founder-capital"));
        Assert.Equal(ChangeAction.Retired, record.Action);
        Assert.Contains(record.Fields, f => f.Field == "amount" && f.After is null && f.Before!.Contains("50000000"));
    }

    [Fact]
    public async Task Every_seed_entry_passes_the_entry_check_against_the_imported_database()
    {
        var (set, readErrors) = SeedReader.Read(RepositoryData.Directory);
        Assert.Empty(readErrors);
        await using var db = await _f.Database.Factory.CreateDbContextAsync();
        var events = set.Events.Select(e => e with
        {
            Organizations = e.Organizations.Order(StringComparer.Ordinal).ToList(), People = e.People.Order(StringComparer.Ordinal).ToList(),
            Models = e.Models.Order(StringComparer.Ordinal).ToList(), Deals = e.Deals.Order(StringComparer.Ordinal).ToList(),
        });
        foreach (var entry in set.Organizations.Cast<SeedFact>().Concat(set.Deals).Concat(set.Camps).Concat(events).Concat(set.Models)
                     .Concat(set.People).Concat(set.Roles).Concat(set.Viewpoints).Concat(set.Statistics))
        {
            Assert.Empty(SeedValidator.ValidateEntry(entry, await CurationService.ReferencesAsync(db, entry, default)));
            // Read back from the database, an entry is the entry the file holds: the version hash sees every field.
            var stored = await FactDocuments.LoadAsync(db, FactDocuments.KindOf(entry), entry.Slug);
            Assert.Equal(FactDocuments.Serialize(entry), FactDocuments.Serialize(stored!));
        }
    }
}
