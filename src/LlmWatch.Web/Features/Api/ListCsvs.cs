using System.Globalization;
using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;
using LlmWatch.Web.Components.Shared;
using LlmWatch.Web.Features.Changes;
using LlmWatch.Web.Features.Funding;
using LlmWatch.Web.Features.Models;
using LlmWatch.Web.Features.People;
using LlmWatch.Web.Features.Timeline;
using LlmWatch.Web.Features.Valuations;

namespace LlmWatch.Web.Features.Api;

/// <summary>
/// A CSV beside every list page: /funding.csv, /valuations.csv, /models.csv, /people.csv, /timeline.csv and /changes.csv (the directory's is
/// /companies.csv). Each reads its page's filter class from the query string and answers the same rows as the page and the
/// API, every page of them (up to <see cref="Paging.MaxOffset"/> rows), in the page's order; a parameter it does not
/// understand is a 400 problem document, as in the API. Written by <see cref="DownloadCsv"/>; links are absolute from
/// <c>Site:PublicOrigin</c>.
/// </summary>
public static class ListCsvs
{
    public static readonly string[] FundingHeader =
    [
        "slug", "company", "company_zh", "company_en", "date", "kind", "stage", "stage_text", "status", "amount_min", "amount_max", "amount_currency",
        "amount_text", "valuation_min", "valuation_max", "valuation_currency", "valuation_text", "counts_as_raised", "investors", "note_zh", "note_en", "url",
    ];

    public static readonly string[] ModelHeader =
        ["slug", "name", "company", "company_zh", "company_en", "released_on", "parameters_min", "parameters_max", "parameters_text", "open_source", "commercial_use", "base_model", "url"];

    public static readonly string[] PeopleHeader = ["slug", "name_zh", "name_en", "is_pseudonym", "roles", "url"];

    public static readonly string[] TimelineHeader = ["slug", "date", "kind", "title_zh", "title_en", "companies", "people", "models"];

    public static readonly string[] ValuationHeader =
    [
        "company", "company_zh", "company_en", "camp", "date", "valuation_min", "valuation_max", "valuation_currency", "valuation_text",
        "raising_at", "latest", "url",
    ];

    public static readonly string[] ChangeHeader =
        ["id", "recorded_at", "action", "kind", "fact", "organization", "source", "proposed_by", "approved_by", "proposer_reason", "reviewer_reason", "fields", "url"];

    public static WebApplication MapListCsvs(this WebApplication app)
    {
        app.MapGet("/funding.csv", (HttpContext http, FundingQueries queries, CancellationToken ct) =>
            CsvAsync(http, q => queries.ParseAsync(q, ct), async f => (await queries.GetDealsAsync(f, ct)).Deals,
                (f, page) => f with { Page = page, PageSize = FilterQuery.MaxPageSize }, FundingHeader, (d, origin) =>
                [
                    d.Slug, d.CompanySlug, d.CompanyZh, d.CompanyEn, d.Date?.ToString(), d.Kind.ToApi(), d.Stage.ToApi(), d.StageText, d.Status.ToApi(),
                    DownloadCsv.Number(d.Amount?.Min), MaxOf(d.Amount), d.Amount?.Currency, d.Amount?.Text,
                    DownloadCsv.Number(d.Valuation?.Min), MaxOf(d.Valuation), d.Valuation?.Currency, d.Valuation?.Text,
                    OrganizationFigures.CountsAsRaised(d.Kind, d.Status) ? "true" : "false",
                    string.Join(';', d.Participants.Where(p => p.Role is ParticipantRole.Investor or ParticipantRole.Lead && !p.IsPerson).Select(p => p.Slug)),
                    d.NoteZh, d.NoteEn, $"{origin}/companies/{d.CompanySlug}",
                ], "llmwatch-funding.csv")).AsDownload();

        app.MapGet("/models.csv", (HttpContext http, ModelQueries queries, CancellationToken ct) =>
            CsvAsync(http, q => queries.ParseAsync(q, ct), f => queries.GetPageAsync(f, ct),
                (f, page) => f with { Page = page, PageSize = FilterQuery.MaxPageSize }, ModelHeader, (m, origin) =>
                [
                    m.Slug, m.Name, m.OrganizationSlug, m.OrganizationZh, m.OrganizationEn, m.ReleasedOn?.ToString(),
                    DownloadCsv.Number(m.Parameters?.Min), m.Parameters is { Max: null } ? "open" : DownloadCsv.Number(m.Parameters?.Max), m.Parameters?.Text,
                    m.OpenSource is { } open ? (open ? "true" : "false") : null, m.CommercialUse.ToApi(), m.BaseSlug, $"{origin}/models/{m.Slug}",
                ], "llmwatch-models.csv")).AsDownload();

        app.MapGet("/people.csv", (HttpContext http, PeopleQueries queries, CancellationToken ct) =>
            CsvAsync(http, q => queries.ParseAsync(q, ct), f => queries.GetPageAsync(f, ct),
                (f, page) => f with { Page = page, PageSize = FilterQuery.MaxPageSize }, PeopleHeader, (p, origin) =>
                [
                    p.Slug, p.NameZh, p.NameEn, p.IsPseudonym ? "true" : "false",
                    string.Join("; ", p.Roles.Select(r => $"{r.OrganizationSlug}: {r.TitleZh} / {r.TitleEn} ({r.From?.ToString() ?? "?"}–{r.To?.ToString() ?? ""})")),
                    $"{origin}/people/{p.Slug}",
                ], "llmwatch-people.csv")).AsDownload();

        app.MapGet("/timeline.csv", (HttpContext http, TimelineQueries queries, CancellationToken ct) =>
            CsvAsync(http, q => queries.ParseAsync(q, ct), f => queries.GetAsync(f, ct),
                (f, page) => f with { Page = page, PageSize = FilterQuery.MaxPageSize }, TimelineHeader, (e, _) =>
                [
                    e.Slug, e.Date?.ToString(), e.Kind.ToApi(), e.TitleZh, e.TitleEn, Links(e, "company"), Links(e, "person"), Links(e, "model"),
                ], "llmwatch-timeline.csv")).AsDownload();

        app.MapGet("/valuations.csv", async (HttpContext http, ValuationQueries queries, CancellationToken ct) =>
        {
            // Every valuation the sources state for the companies the leaderboard ranks, in its order (by latest valuation in US dollars).
            var q = new FilterQuery(http.Request.Query);
            var filter = ValuationFilter.Parse(q);
            if (q.Problems.Count > 0) return ApiEndpoints.Invalid(q);
            var origin = Hosting.HostChecks.PublicOrigin(http);
            var rows = new List<string?[]>();
            for (var number = 1; !Paging.IsTooDeep(number, ValuationQueries.PageSize); number++)
            {
                var result = await queries.GetPageAsync(filter with { Page = number }, ct);
                var latest = result.Latest.Items.Select(p => p.DealId).ToHashSet();
                rows.AddRange(result.History.Select(v => new[]
                {
                    v.CompanySlug, v.CompanyZh, v.CompanyEn, v.Camp.ToApi(), v.Date?.ToString(), DownloadCsv.Number(v.Valuation.Min), MaxOf(v.Valuation),
                    v.Valuation.Currency, v.Valuation.Text, v.RaisingAt ? "true" : "false", latest.Contains(v.DealId) ? "true" : "false",
                    $"{origin}/companies/{v.CompanySlug}",
                }));
                if (number >= result.Latest.PageCount) break;
            }
            return DownloadCsv.File(DownloadCsv.Write(ValuationHeader, rows), "llmwatch-valuations.csv");
        }).AsDownload();

        app.MapGet("/changes.csv", (HttpContext http, ChangeQueries queries, CancellationToken ct) =>
            CsvAsync(http, q => queries.ParseAsync(q, ct), f => queries.ListAsync(f, ct),
                (f, page) => f with { Page = page, PageSize = FilterQuery.MaxPageSize }, ChangeHeader, (c, origin) =>
                [
                    c.Id.ToString(CultureInfo.InvariantCulture), c.RecordedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), c.Action.ToApi(),
                    c.Kind.ToApi(), c.FactKey, c.OrganizationSlug, c.SourceId, c.ProposedBy, c.ApprovedBy, c.ProposerReason, c.ReviewerReason,
                    string.Join(';', c.Fields.Select(f => f.Field)), origin + c.FactHref,
                ], "llmwatch-changes.csv")).AsDownload();
        return app;
    }

    private static string Links(TimelineEvent e, string kind) =>
        string.Join(';', e.Links.Where(l => l.Kind == kind).Select(l => l.Slug).Distinct().Order(StringComparer.Ordinal));

    private static string? MaxOf(Money? money) => money is null ? null : money.Max is null ? "open" : DownloadCsv.Number(money.Max);

    /// <summary>Every row the page's filter selects, page by page at the largest page size, as one CSV; a 400 when a parameter is not understood.</summary>
    private static async Task<IResult> CsvAsync<TFilter, TRow>(HttpContext http, Func<FilterQuery, Task<TFilter>> parse, Func<TFilter, Task<Paged<TRow>>> read,
        Func<TFilter, int, TFilter> page, string[] header, Func<TRow, string, string?[]> cells, string fileName)
    {
        var q = new FilterQuery(http.Request.Query);
        var filter = await parse(q);
        if (q.Problems.Count > 0) return ApiEndpoints.Invalid(q);
        var origin = Hosting.HostChecks.PublicOrigin(http);
        var rows = new List<TRow>();
        for (var number = 1; !Paging.IsTooDeep(number, FilterQuery.MaxPageSize); number++)
        {
            var paged = await read(page(filter, number));
            rows.AddRange(paged.Items);
            if (number >= paged.PageCount) break;
        }
        return DownloadCsv.File(DownloadCsv.Write(header, rows.Select(r => (IReadOnlyList<string?>)cells(r, origin))), fileName);
    }
}
