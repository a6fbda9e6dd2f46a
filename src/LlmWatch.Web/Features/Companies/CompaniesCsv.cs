using System.Globalization;
using LlmWatch.Web.Features.Api;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;
using LlmWatch.Web.Components.Shared;

namespace LlmWatch.Web.Features.Companies;

public static class CompaniesCsv
{
    public static WebApplication MapCompaniesCsv(this WebApplication app)
    {
        app.MapGet("/companies.csv", async (HttpContext http, CompanyQueries queries, CancellationToken cancellationToken) =>
        {
            var q = new FilterQuery(http.Request.Query);
            var filter = CompanyFilter.Parse(q);
            // As every list's CSV and the API: a parameter not understood is a 400 naming it, not a silently wider file.
            if (q.Problems.Count > 0) return ApiEndpoints.Invalid(q);
            var rows = await queries.ListAllAsync(filter, CultureInfo.CurrentUICulture.IsChinese(), cancellationToken);
            // From the configured public origin, never from the request's Host (which a client chooses): relative when none is set.
            var origin = Hosting.HostChecks.PublicOrigin(http);
            return Api.DownloadCsv.File(Write(rows, origin), "llmwatch-companies.csv");
        }).AsDownload();
        return app;
    }

    public static readonly string[] Header =
    [
        "slug", "name_zh", "name_en", "kind", "status", "camp", "city", "founded_on", "latest_valuation", "latest_valuation_currency",
        "latest_valuation_text", "latest_valuation_usd_lower_bound", "disclosed_funding_usd_min", "disclosed_funding_usd_max", "undisclosed_rounds", "url",
    ];

    public static byte[] Write(IEnumerable<CompanyRow> rows, string origin) => Api.DownloadCsv.Write(Header, rows.Select(r => new[]
    {
        r.Slug, r.NameZh, r.NameEn, r.Kind.ToApi(), r.Status.ToApi(), r.Camp.ToApi(), r.City, r.FoundedOn?.ToString(),
        r.LatestValuation is { } v ? Range(v.Min, v.Max) : null, r.LatestValuation?.Currency, r.LatestValuation?.Text,
        Number(r.LatestValuationUsd),
        Number(r.DisclosedFunding?.Min), r.DisclosedFunding is { Max: null } ? "open" : Number(r.DisclosedFunding?.Max),
        r.UndisclosedRounds.ToString(CultureInfo.InvariantCulture), $"{origin}/companies/{r.Slug}",
    }));

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Range(long min, long? max) =>
        max == min ? Number(min)! : max is null ? $"{Number(min)}+" : $"{Number(min)}..{Number(max)}";
}
