using System.Text.Json;
using System.Text.Json.Nodes;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Search;
using LlmWatch.Data.Seed;
using LlmWatch.Data.Values;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LlmWatch.Data.Curation;

/// <summary>Who acts: the signed-in account's id and display name (never an e-mail address).</summary>
public sealed record Curator(string Id, string Name);

/// <summary>What an editor proposes: one seed entry as JSON (ignored when retiring), the quote it rests on, and why.</summary>
public sealed record ProposalDraft(SubjectType Kind, ProposalAction Action, string TargetSlug, string Payload, string SourceId, string Quote, string Reason);

/// <summary>The checks of a draft: errors by JSON path ("$.amount.max", "quote", "reason"), warnings that do not block, and the entry as it would be stored.</summary>
public sealed record ProposalCheck(IReadOnlyList<SeedError> Errors, IReadOnlyList<string> Warnings, SeedFact? Entry)
{
    public bool IsValid => Errors.Count == 0;

    public IEnumerable<string> ErrorsAt(string path) => Errors.Where(e => e.Path == path || e.Path.StartsWith(path + ".", StringComparison.Ordinal) || e.Path.StartsWith(path + "[", StringComparison.Ordinal)).Select(e => e.Reason);
}

public enum ReviewStatus { Applied, Rejected, Conflict, Refused }

/// <summary>What a review did; on a conflict, the fact as it now stands.</summary>
public sealed record ReviewOutcome(ReviewStatus Status, string Message, SeedFact? Current = null, IReadOnlyList<SeedError>? Errors = null);

/// <summary>
/// The editor's workflow over the importer's own rules: a proposal is one seed entry, checked by <see cref="SeedValidator"/>
/// against the database's facts and its source, and an approval writes it through <see cref="FactUpsert"/> in one transaction
/// with its audit record. Nobody reviews their own proposal; a proposal made against an older version of a fact is reported as
/// a conflict, never applied over the change it has not seen.
/// </summary>
public sealed class CurationService(IDbContextFactory<LlmWatchDbContext> dbFactory, DataOptions options, DataChanges changes,
    TimeProvider clock, ILogger<CurationService> logger)
{
    public const int MaxPayloadLength = 2 * 1024 * 1024;
    public const int MaxReasonLength = ChangeRecord.ReasonMaxLength;

    private FxRates? _rates;


    private FxRates Rates => _rates ??= FxRates.Load(options.Directory);

    public async Task<ProposalCheck> CheckAsync(ProposalDraft draft, CancellationToken ct = default)
    {
        // The editor's work always reads and writes today's facts, whatever asOf the page it came from shows.
        using var today = AsOfScope.Enter(DataView.Today);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await CheckAsync(db, draft, ct);
    }

    public async Task<(Proposal? Proposal, ProposalCheck Check)> ProposeAsync(ProposalDraft draft, Curator editor, CancellationToken ct = default)
    {
        // The editor's work always reads and writes today's facts, whatever asOf the page it came from shows.
        using var today = AsOfScope.Enter(DataView.Today);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var check = await CheckAsync(db, draft, ct);
        if (!check.IsValid) return (null, check);
        var now = clock.GetUtcNow().UtcDateTime;
        var proposal = new Proposal
        {
            Kind = draft.Kind, Action = draft.Action, TargetSlug = check.Entry!.Slug, Payload = FactDocuments.Serialize(check.Entry),
            SourceId = draft.SourceId, Quote = draft.Quote, ProposedById = editor.Id, ProposedByName = editor.Name, Reason = draft.Reason.Trim(),
            Status = ProposalStatus.Open, CreatedAt = now, UpdatedAt = now,
        };
        await StampAsync(db, proposal, ct);
        db.Proposals.Add(proposal);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Proposal {ProposalId}: {Action} {Kind} {Slug} from source {SourceId}", proposal.Id, proposal.Action, proposal.Kind, proposal.TargetSlug, proposal.SourceId);
        return (proposal, check);
    }

    /// <summary>The proposer revises an open or rejected proposal; it is open again, against the fact as it now stands.</summary>
    public async Task<(Proposal? Proposal, ProposalCheck Check)> ReviseAsync(int id, ProposalDraft draft, Curator editor, CancellationToken ct = default)
    {
        // The editor's work always reads and writes today's facts, whatever asOf the page it came from shows.
        using var today = AsOfScope.Enter(DataView.Today);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var proposal = await db.Proposals.AsTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (proposal is null || proposal.ProposedById != editor.Id)
            return (null, Refusal("$", "Only the editor who made a proposal can revise it."));
        if (proposal.Status is not (ProposalStatus.Open or ProposalStatus.Rejected))
            return (null, Refusal("$", $"The proposal is {proposal.Status.ToApi()}; it can no longer be revised."));
        var check = await CheckAsync(db, draft with { Kind = proposal.Kind, Action = proposal.Action }, ct);
        if (!check.IsValid) return (null, check);
        proposal.TargetSlug = check.Entry!.Slug;
        proposal.Payload = FactDocuments.Serialize(check.Entry);
        proposal.SourceId = draft.SourceId;
        proposal.Quote = draft.Quote;
        proposal.Reason = draft.Reason.Trim();
        proposal.Status = ProposalStatus.Open;
        proposal.ReviewedById = proposal.ReviewedByName = null;
        proposal.ReviewReason = null;
        proposal.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        proposal.Revision++;
        await StampAsync(db, proposal, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (null, Refusal("$", "The proposal was reviewed or revised meanwhile; reload it."));
        }
        return (proposal, check);
    }

    public async Task<bool> WithdrawAsync(int id, Curator editor, CancellationToken ct = default)
    {
        // The editor's work always reads and writes today's facts, whatever asOf the page it came from shows.
        using var today = AsOfScope.Enter(DataView.Today);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Proposals.Where(p => p.Id == id && p.ProposedById == editor.Id && (p.Status == ProposalStatus.Open || p.Status == ProposalStatus.Rejected))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, ProposalStatus.Withdrawn).SetProperty(p => p.UpdatedAt, now).SetProperty(p => p.Revision, p => p.Revision + 1), ct) == 1;
    }

    public async Task<ReviewOutcome> RejectAsync(int id, Curator reviewer, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return new(ReviewStatus.Refused, "A rejection says why: the editor reads the reason to revise the proposal.");
        if (ReasonProblem(reason) is { } problem) return new(ReviewStatus.Refused, problem);
        // The editor's work always reads and writes today's facts, whatever asOf the page it came from shows.
        using var today = AsOfScope.Enter(DataView.Today);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var proposal = await db.Proposals.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (proposal is null) return new(ReviewStatus.Refused, "No such proposal.");
        if (proposal.ProposedById == reviewer.Id) return new(ReviewStatus.Refused, "Nobody reviews their own proposal: another reviewer decides.");
        var now = clock.GetUtcNow().UtcDateTime;
        var updated = await db.Proposals.Where(p => p.Id == id && p.Status == ProposalStatus.Open && p.Revision == proposal.Revision)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, ProposalStatus.Rejected).SetProperty(p => p.ReviewedById, reviewer.Id)
                .SetProperty(p => p.ReviewedByName, reviewer.Name).SetProperty(p => p.ReviewReason, reason.Trim())
                .SetProperty(p => p.UpdatedAt, now).SetProperty(p => p.Revision, p => p.Revision + 1), ct);
        return updated == 1
            ? new(ReviewStatus.Rejected, "Rejected; the editor sees your reason and can revise the proposal.")
            : new(ReviewStatus.Refused, "The proposal is no longer open: someone reviewed, revised or withdrew it meanwhile.");
    }

    /// <summary>
    /// Applies an open proposal in one transaction with its audit record. <paramref name="preferNew"/> decides, when the
    /// proposal contradicts a recorded value, which is shown; the other is kept as "also reported" with its citation.
    /// </summary>
    public async Task<ReviewOutcome> ApproveAsync(int id, Curator reviewer, string reason, bool preferNew = true, CancellationToken ct = default)
    {
        if (ReasonProblem(reason) is { } problem) return new(ReviewStatus.Refused, problem);
        // The editor's work always reads and writes today's facts, whatever asOf the page it came from shows.
        using var today = AsOfScope.Enter(DataView.Today);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.TrackAll;
        // An immediate transaction: approvals take the write lock first, so two of them run one after the other and the
        // second compares against what the first wrote.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var proposal = await db.Proposals.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (proposal is null) return new(ReviewStatus.Refused, "No such proposal.");
        if (proposal.ProposedById == reviewer.Id) return new(ReviewStatus.Refused, "Nobody approves their own proposal: another reviewer decides.");
        if (proposal.Status != ProposalStatus.Open) return new(ReviewStatus.Refused, $"The proposal is {proposal.Status.ToApi()}, not open.");

        var current = await FactDocuments.LoadAsync(db, proposal.Kind, proposal.TargetSlug, ct);
        var currentVersion = current is null ? null : FactDocuments.Version(current);
        if (currentVersion != proposal.BaseVersion)
        {
            var message = current is null
                ? $"The {proposal.Kind.ToApi()} '{proposal.TargetSlug}' no longer exists; the editor can revise the proposal."
                : proposal.BaseVersion is null
                    ? $"A {proposal.Kind.ToApi()} '{proposal.TargetSlug}' was recorded after this proposal was made; compare it with the proposal."
                    : $"The {proposal.Kind.ToApi()} '{proposal.TargetSlug}' changed after this proposal was made; compare the current value before deciding.";
            return new(ReviewStatus.Conflict, message, current);
        }

        SeedFact? entry = null;
        if (proposal.Action != ProposalAction.Retire)
        {
            entry = FactDocuments.Deserialize(proposal.Kind, proposal.Payload, out var error);
            if (entry is null) return new(ReviewStatus.Refused, error!);
            var errors = SeedValidator.ValidateEntry(entry, await ReferencesAsync(db, entry, ct));
            if (errors.Count > 0) return new(ReviewStatus.Refused, "The proposal no longer passes the checks (a fact it names may have been retired).", current, errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var preferred = false;
        if (proposal.Action == ProposalAction.Change && current is not null && entry is not null)
        {
            var contradicted = Contradictions(proposal.Kind, current, entry);
            if (contradicted.Count > 0)
            {
                preferred = true;
                var rowId = await SubjectIdAsync(db, proposal.Kind, proposal.TargetSlug, ct);
                if (preferNew)
                {
                    var cited = current.Citations.FirstOrDefault(c => c.SourceId != proposal.SourceId) ?? current.Citations.FirstOrDefault();
                    foreach (var (field, before, _) in contradicted)
                        if (cited is not null)
                            db.AlsoReported.Add(new AlsoReported { SubjectType = proposal.Kind, SubjectId = rowId, Field = field, Value = before!, SourceId = cited.SourceId, Quote = cited.Quote, ProposalId = proposal.Id, RecordedAt = now });
                }
                else
                {
                    foreach (var (field, _, after) in contradicted)
                        db.AlsoReported.Add(new AlsoReported { SubjectType = proposal.Kind, SubjectId = rowId, Field = field, Value = after!, SourceId = proposal.SourceId, Quote = proposal.Quote, ProposalId = proposal.Id, RecordedAt = now });
                    entry = WithFields(entry, current, contradicted.Select(c => c.Field));
                }
            }
        }

        var sourceDay = await db.Sources.Where(s => s.Id == proposal.SourceId).Select(s => s.PublishedOn).FirstOrDefaultAsync(ct);
        if (proposal.Action == ProposalAction.Retire)
        {
            var dependents = await FactUpsert.DependentsAsync(db, proposal.Kind, proposal.TargetSlug, ct);
            if (dependents.Count > 0) return new(ReviewStatus.Refused, $"Other facts rest on it ({string.Join(", ", dependents)}); retire those first.", current);
            await KeepVersionAsync(db, proposal, current!, null, now, ct);
            await FactUpsert.RetireAsync(db, proposal.Kind, proposal.TargetSlug, Rates, ct);
        }
        else
        {
            if (current is not null) await KeepVersionAsync(db, proposal, current, sourceDay, now, ct);
            await FactUpsert.UpsertAsync(db, entry!, Rates, ct, proposal.Action == ProposalAction.Change ? sourceDay : null, now);
        }

        proposal.Status = ProposalStatus.Approved;
        proposal.ReviewedById = reviewer.Id;
        proposal.ReviewedByName = reviewer.Name;
        proposal.ReviewReason = reason.Trim();
        proposal.UpdatedAt = now;
        proposal.Revision++;
        var fields = FactDocuments.Diff(current, proposal.Action == ProposalAction.Retire ? null : entry);
        Audit(db, proposal, current, entry, fields, preferred, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(ReviewStatus.Conflict, "The proposal was reviewed or revised meanwhile; nothing was applied.", current);
        }
        await transaction.CommitAsync(ct);
        logger.LogInformation("Proposal {ProposalId} approved: {Action} {Kind} {Slug}, {Fields} field(s)", proposal.Id, proposal.Action, proposal.Kind, proposal.TargetSlug, fields.Count);
        await changes.NotifyAsync(ct);
        return new(ReviewStatus.Applied, preferred
            ? (preferNew ? "Applied; the value it replaces stays on the profile as also reported." : "Kept the recorded value; the proposal's value stays on the profile as also reported.")
            : "Applied.");
    }

    /// <summary>
    /// The version an approval replaces or retires, as it stood, with its times: so that an asOf before the change's source,
    /// or a recordedAt before the approval, still finds it (the fact's row holds only the new version).
    /// </summary>
    private static async Task KeepVersionAsync(LlmWatchDbContext db, Proposal proposal, SeedFact current, DateOnly? supersededFrom, DateTime now, CancellationToken ct)
    {
        var times = await FactUpsert.TimesAsync(db, proposal.Kind, proposal.TargetSlug, ct);
        db.FactVersions.Add(new FactVersion
        {
            Kind = proposal.Kind, Slug = proposal.TargetSlug, OrganizationSlug = OrganizationOf(current),
            Payload = FactDocuments.Serialize(current), KnownFrom = times?.KnownFrom, ValidFrom = times?.ValidFrom ?? times?.KnownFrom,
            RecordedAt = times?.RecordedAt ?? now, SupersededAt = now, SupersededFrom = supersededFrom,
            Retired = proposal.Action == ProposalAction.Retire,
        });
        await db.SaveChangesAsync(ct);
    }

    private static void Audit(LlmWatchDbContext db, Proposal proposal, SeedFact? before, SeedFact? after, List<(string Field, string? Before, string? After)> fields, bool preferred, DateTime now)
    {
        db.ChangeRecords.Add(new ChangeRecord
        {
            RecordedAt = now,
            Action = preferred ? ChangeAction.Preferred : proposal.Action switch
            {
                ProposalAction.Add => ChangeAction.Added,
                ProposalAction.Retire => ChangeAction.Retired,
                _ => ChangeAction.Changed,
            },
            FactKind = Enum.Parse<FactKind>(proposal.Kind.ToString()),
            FactKey = proposal.TargetSlug,
            OrganizationSlug = OrganizationOf(after ?? before),
            SourceId = proposal.SourceId,
            ProposalId = proposal.Id,
            ProposedById = proposal.ProposedById,
            ProposedByName = proposal.ProposedByName,
            ApprovedById = proposal.ReviewedById!,
            ApprovedByName = proposal.ReviewedByName!,
            ProposerReason = proposal.Reason,
            ReviewerReason = proposal.ReviewReason,
            Fields = fields.Select(f => new FieldChange(f.Field, f.Before, f.After)).ToList(),
        });
    }

    /// <summary>The organisation a fact belongs to, for the trail's filter and the profile's history.</summary>
    public static string? OrganizationOf(SeedFact? fact) => fact switch
    {
        SeedOrganization o => o.Slug,
        SeedCampAssignment c => c.Organization,
        SeedRole r => r.Organization,
        SeedModel m => m.Organization,
        SeedDeal d => d.Organization,
        SeedStatistic s => s.Organization,
        SeedEvent e => e.Organizations.FirstOrDefault(),
        _ => null,
    };

    private async Task<ProposalCheck> CheckAsync(LlmWatchDbContext db, ProposalDraft draft, CancellationToken ct)
    {
        var errors = new List<SeedError>();
        var warnings = new List<string>();
        var file = draft.Kind.ToApi();
        void Fail(string path, string reason) => errors.Add(new(file, path, reason));

        if (string.IsNullOrWhiteSpace(draft.Reason)) Fail("reason", "Say why: the reviewer reads your reason.");
        else if (ReasonProblem(draft.Reason) is { } reasonProblem) Fail("reason", reasonProblem);

        var source = await db.Sources.Where(s => s.Id == draft.SourceId).Select(s => new { s.Id, s.Text }).FirstOrDefaultAsync(ct);
        if (source is null) Fail("sourceId", $"No source has the id '{draft.SourceId}'.");
        if (string.IsNullOrWhiteSpace(draft.Quote)) Fail("quote", "Select the words of the source that state it.");
        else if (draft.Quote.Length > SeedValidator.MaxTextLength) Fail("quote", $"A quote is at most {SeedValidator.MaxTextLength:N0} characters; select the sentence that states it.");
        else if (source is not null && !source.Text.Contains(draft.Quote, StringComparison.Ordinal)) Fail("quote", "The quote is not verbatim in the source: select it in the text rather than typing it.");

        SeedFact? current = string.IsNullOrEmpty(draft.TargetSlug) ? null : await FactDocuments.LoadAsync(db, draft.Kind, draft.TargetSlug, ct);
        SeedFact? entry;
        if (draft.Action == ProposalAction.Retire)
        {
            if (current is null) { Fail("targetSlug", $"No {file} has the slug '{draft.TargetSlug}'."); return new(errors, warnings, null); }
            var dependents = await FactUpsert.DependentsAsync(db, draft.Kind, draft.TargetSlug, ct);
            if (dependents.Count > 0) Fail("targetSlug", $"Other facts rest on it ({string.Join(", ", dependents)}); retire those first.");
            return new(errors, warnings, current);
        }

        if (draft.Payload.Length > MaxPayloadLength) { Fail("$", $"The entry is {draft.Payload.Length:N0} characters; at most {MaxPayloadLength:N0}."); return new(errors, warnings, null); }
        entry = FactDocuments.Deserialize(draft.Kind, draft.Payload, out var readError);
        if (entry is null) { Fail("$", readError!); return new(errors, warnings, null); }
        if (source is not null && !string.IsNullOrWhiteSpace(draft.Quote) && !entry.Citations.Any(c => c.SourceId == draft.SourceId && c.Quote == draft.Quote))
            entry = entry with { Citations = [.. entry.Citations, new SeedCitation(draft.SourceId, draft.Quote)] };

        if (draft.Action == ProposalAction.Add)
        {
            if (!string.IsNullOrEmpty(entry.Slug) && await FactDocuments.LoadAsync(db, draft.Kind, entry.Slug, ct) is not null)
                Fail("$.slug", $"A {file} with the slug '{entry.Slug}' is already recorded: propose a change to it instead.");
        }
        else if (current is null) Fail("targetSlug", $"No {file} has the slug '{draft.TargetSlug}'.");
        else if (entry.Slug != draft.TargetSlug) Fail("$.slug", "A change keeps the fact's slug.");

        foreach (var error in SeedValidator.ValidateEntry(entry, await ReferencesAsync(db, entry, ct, includeProposed: true)))
            if (!(error.Path.StartsWith("$.citations", StringComparison.Ordinal) && errors.Any(e => e.Path == "quote"))) errors.Add(error with { File = file });

        if (entry is SeedOrganization organization) warnings.AddRange(await SimilarOrganizationsAsync(db, organization, ct));
        return new(errors, warnings, entry);
    }

    /// <summary>Organisations whose names or aliases contain this one's, or the other way round: probably the same one.</summary>
    public async Task<List<string>> SimilarOrganizationsAsync(LlmWatchDbContext db, SeedOrganization organization, CancellationToken ct)
    {
        // Each name, and its stem (the first four characters of a Chinese name, the first word of an English one), so that
        // "百川智能科技" finds 百川智能 and "Baichuan Two" finds Baichuan.
        var given = new[] { organization.NameZh, organization.NameEn }.Concat(organization.Aliases ?? [])
            .Where(n => !string.IsNullOrWhiteSpace(n) && n.Length <= 100).Select(n => n.Trim()).ToList();
        var stems = given.Select(n => n.Any(OrganizationSearch.IsGramChar) ? new string(n.Take(4).ToArray()) : n.Split(' ')[0]);
        var names = given.Concat(stems).Where(n => n.Length >= 2 && (n.Any(OrganizationSearch.IsGramChar) || n.Length >= 4))
            .Distinct(StringComparer.OrdinalIgnoreCase).Take(10).ToList();
        var similar = new List<string>();
        foreach (var name in names)
        {
            var found = await db.Organizations.Search(db, name).Where(o => o.Slug != organization.Slug).OrderBy(o => o.Slug)
                .Select(o => new { o.Slug, o.NameZh, o.NameEn }).Take(5).ToListAsync(ct);
            foreach (var o in found)
            {
                var line = $"'{name}' resembles the recorded organization {o.NameZh} / {o.NameEn} ({o.Slug}): is it the same one?";
                if (!similar.Any(s => s.Contains($"({o.Slug})", StringComparison.Ordinal))) similar.Add(line);
            }
        }
        return similar;
    }

    /// <summary>The facts and sources an entry names that exist in the database, for the validator.</summary>
    /// <param name="includeProposed">
    /// Also count the facts open proposals would add (an editor proposes an organisation and its round together); an
    /// approval never does, so the round waits for its organisation.
    /// </param>
    public static async Task<SeedReferences> ReferencesAsync(LlmWatchDbContext db, SeedFact entry, CancellationToken ct, bool includeProposed = false)
    {
        var (facts, sources) = SeedValidator.ReferencesOf(entry);
        async Task<HashSet<string>> Existing<T>(DbSet<T> table, string kind) where T : Fact
        {
            var slugs = facts.Where(f => f.Kind == kind).Select(f => f.Slug).Distinct().ToList();
            if (slugs.Count == 0) return [];
            var found = (await table.Where(x => slugs.Contains(x.Slug)).Select(x => x.Slug).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            if (includeProposed)
            {
                var subject = kind switch { "organization" => SubjectType.Organization, "person" => SubjectType.Person, "model" => SubjectType.Model, _ => SubjectType.Deal };
                found.UnionWith(await db.Proposals.Where(p => p.Status == ProposalStatus.Open && p.Action == ProposalAction.Add && p.Kind == subject && slugs.Contains(p.TargetSlug))
                    .Select(p => p.TargetSlug).ToListAsync(ct));
            }
            return found;
        }
        var texts = await db.Sources.Where(s => sources.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Text, ct);
        return new SeedReferences(texts, await Existing(db.Organizations, "organization"), await Existing(db.People, "person"),
            await Existing(db.Models, "model"), await Existing(db.Deals, "deal"));
    }

    private static async Task StampAsync(LlmWatchDbContext db, Proposal proposal, CancellationToken ct)
    {
        proposal.BaseVersion = proposal.Action == ProposalAction.Add ? null
            : await FactDocuments.LoadAsync(db, proposal.Kind, proposal.TargetSlug, ct) is { } current ? FactDocuments.Version(current) : null;
        var text = await db.Sources.Where(s => s.Id == proposal.SourceId).Select(s => s.Text).FirstAsync(ct);
        proposal.SentenceNumber = SourceSentences.Overlapping(SourceSentences.Split(text).SelectMany(p => p), text, proposal.Quote).FirstOrDefault()?.Number;
    }

    private static List<(string Field, string? Before, string? After)> Contradictions(SubjectType kind, SeedFact current, SeedFact entry) =>
        AlsoReportedFile.ClaimFields.TryGetValue(kind, out var claims)
            ? FactDocuments.Diff(current, entry).Where(d => claims.Contains(d.Field) && d.Before is not null && d.After is not null).ToList()
            : [];

    // The entry with some fields taken from the recorded fact: the reviewer kept the recorded value.
    private static SeedFact WithFields(SeedFact entry, SeedFact current, IEnumerable<string> fields)
    {
        var node = JsonSerializer.SerializeToNode(entry, entry.GetType(), FactDocuments.Json)!.AsObject();
        var from = JsonSerializer.SerializeToNode(current, current.GetType(), FactDocuments.Json)!.AsObject();
        foreach (var field in fields) node[field] = from[field]?.DeepClone();
        return (SeedFact)node.Deserialize(entry.GetType(), FactDocuments.Json)!;
    }

    private static async Task<int> SubjectIdAsync(LlmWatchDbContext db, SubjectType kind, string slug, CancellationToken ct) => kind switch
    {
        SubjectType.Organization => await db.Organizations.Where(x => x.Slug == slug).Select(x => x.Id).FirstAsync(ct),
        SubjectType.CampAssignment => await db.CampAssignments.Where(x => x.Slug == slug).Select(x => x.Id).FirstAsync(ct),
        SubjectType.Person => await db.People.Where(x => x.Slug == slug).Select(x => x.Id).FirstAsync(ct),
        SubjectType.Role => await db.Roles.Where(x => x.Slug == slug).Select(x => x.Id).FirstAsync(ct),
        SubjectType.Model => await db.Models.Where(x => x.Slug == slug).Select(x => x.Id).FirstAsync(ct),
        SubjectType.Deal => await db.Deals.Where(x => x.Slug == slug).Select(x => x.Id).FirstAsync(ct),
        SubjectType.Event => await db.Events.Where(x => x.Slug == slug).Select(x => x.Id).FirstAsync(ct),
        SubjectType.Viewpoint => await db.Viewpoints.Where(x => x.Slug == slug).Select(x => x.Id).FirstAsync(ct),
        _ => await db.Statistics.Where(x => x.Slug == slug).Select(x => x.Id).FirstAsync(ct),
    };

    private static string? ReasonProblem(string reason)
    {
        if (reason.Length > MaxReasonLength) return $"A reason is at most {MaxReasonLength:N0} characters.";
        if (reason.Any(c => char.IsControl(c) && c is not '\n' and not '\r')) return "The reason holds a control character; write plain text.";
        return null;
    }

    private static ProposalCheck Refusal(string path, string reason) => new([new SeedError("proposal", path, reason)], [], null);
}
