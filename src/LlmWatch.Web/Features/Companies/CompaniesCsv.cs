using System.Globalization;
using System.Text;
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
            var filter = CompanyFilter.Parse(new FilterQuery(http.Request.Query));
            var rows = await queries.ListAllAsync(filter, CultureInfo.CurrentUICulture.IsChinese(), cancellationToken);
            // From the configured public origin, never from the request's Host (which a client chooses): relative when none is set.
            var origin = Hosting.HostChecks.PublicOrigin(http);
            // The BOM lets Excel read the file as UTF-8, so Chinese names survive a double-click.
            var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Write(rows, origin))).ToArray();
            return Results.File(body, "text/csv; charset=utf-8", "llmwatch-companies.csv");
        }).ExcludeFromDescription().RequireRateLimiting(Hosting.HostingOptions.ApiRateLimit)
            .WithRequestTimeout(Hosting.RequestTimeouts.Api);
        return app;
    }

    public static string Write(IEnumerable<CompanyRow> rows, string origin)
    {
        var csv = new StringBuilder();
        csv.Append("slug,name_zh,name_en,kind,status,camp,city,founded_on,latest_valuation,latest_valuation_currency,latest_valuation_text,latest_valuation_usd_lower_bound,disclosed_funding_usd_min,disclosed_funding_usd_max,undisclosed_rounds,url\r\n");
        foreach (var r in rows)
        {
            var cells = new[]
            {
                r.Slug, r.NameZh, r.NameEn, r.Kind.ToApi(), r.Status.ToApi(), r.Camp.ToApi(), r.City, r.FoundedOn?.ToString(),
                r.LatestValuation is { } v ? Range(v.Min, v.Max) : null, r.LatestValuation?.Currency, r.LatestValuation?.Text,
                Number(r.LatestValuationUsd),
                Number(r.DisclosedFunding?.Min), r.DisclosedFunding is { Max: null } ? "open" : Number(r.DisclosedFunding?.Max),
                r.UndisclosedRounds.ToString(CultureInfo.InvariantCulture), $"{origin}/companies/{r.Slug}",
            };
            csv.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
        }
        return csv.ToString();
    }

    /// <summary>Quotes a cell when needed and defuses spreadsheet formulas (a cell starting with = + - @ gets a leading quote).</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Range(long min, long? max) =>
        max == min ? Number(min)! : max is null ? $"{Number(min)}+" : $"{Number(min)}..{Number(max)}";
}
