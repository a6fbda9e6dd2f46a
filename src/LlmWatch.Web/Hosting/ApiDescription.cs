using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LlmWatch.Web.Hosting;

/// <summary>The tags the API's operations are grouped under; each is declared in /openapi/v1.json with its description.</summary>
public static class ApiTags
{
    public const string Organisations = "Organisations";
    public const string Funding = "Funding";
    public const string Models = "Models";
    public const string People = "People";
    public const string Events = "Events";
    public const string Sources = "Sources";
    public const string Changes = "Changes";

    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        [Organisations] = "Start-ups, big-tech labs, institutes and investors, with their camp, founding date, status and key figures.",
        [Funding] = "Deals: financing rounds, founder capital, acquisitions, IPO filings and failed raises, with amounts as bounds.",
        [Models] = "Large models with their maker, size band, release date and lineage.",
        [People] = "Founders, executives and researchers with their roles over time.",
        [Events] = "Dated events of the landscape (launches, pivots, licensing, statements) and every dated model release, derived from the model (kind model-release, slug \"model:<model slug>\", title the model's name, cited to its date).",
        [Sources] = "The documents every fact is cited from; every quote is verbatim in its source's text.",
        [Changes] = "The audit trail: every approved change with who proposed and approved it (display names), when, why, and each field before and after.",
    };
}

/// <summary>What /openapi/v1.json says about the API as a whole: licence, contact, servers, security, tags.</summary>
public static class ApiDescription
{
    public static IServiceCollection AddLlmWatchOpenApi(this IServiceCollection services) => services.AddOpenApi(o =>
    {
        o.AddDocumentTransformer((document, context, _) =>
        {
            document.Info.Title = "LlmWatch API";
            document.Info.Description = "Read-only open data on China's large-model start-up landscape. Every fact carries citations "
                + "({ sourceId, quote }) whose quote is verbatim in the source; dates are ISO partial dates; amounts are whole units with "
                + "bounds (max null = open upper bound). The facts are LlmWatch's own extraction from the cited sources; CNY/USD "
                + "conversions use the Federal Reserve's H.10 monthly rates (series EXCHUS, via FRED), cited wherever a converted figure is shown.";
            // The data folder states no licence of its own; the open data are offered under CC BY 4.0: reuse freely, citing LlmWatch.
            document.Info.License = new OpenApiLicense { Name = "CC BY 4.0 (data)", Url = new Uri("https://creativecommons.org/licenses/by/4.0/") };
            document.Info.Contact = new OpenApiContact { Name = "LlmWatch maintainers" };
            // The server is the configured public origin, never the Host the document was asked with (a client chooses that);
            // with none configured it names "/" (the origin the document was fetched from, resolved by the client).
            var origin = context.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SiteSettings>>().Value.PublicOriginUri;
            document.Servers = [new OpenApiServer { Url = origin is null ? "/" : origin.GetLeftPart(UriPartial.Authority) }];
            // Open data: no operation needs credentials, and the document says so instead of leaving it unstated.
            document.Security = [];
            document.Tags = new HashSet<OpenApiTag>(ApiTags.Descriptions.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
            return Task.CompletedTask;
        });
        o.AddOperationTransformer((operation, context, _) =>
        {
            operation.Security = [];
            Features.Api.ApiQueryParametersDocument.Describe(operation, context.Description.ActionDescriptor.EndpointMetadata);
            return Task.CompletedTask;
        });
    });
}
