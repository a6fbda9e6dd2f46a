using LlmWatch.Data.Entities;

namespace LlmWatch.Web.Features.Api;

/// <summary>The read-only JSON API under /api, described at /openapi/v1.json.</summary>
public static class ApiEndpoints
{
    public static void MapLlmWatchApi(this WebApplication app)
    {
        var api = app.MapGroup("/api")
            .RequireRateLimiting(Hosting.HostingOptions.ApiRateLimit)
            .RequireCors(Hosting.HostingOptions.OpenDataCors)
            .CacheOutput(Hosting.ResponseCaching.ApiCache);

        api.MapGet("/companies", async (HttpRequest request, ApiQueries queries, CancellationToken ct) =>
            ApiFilter.TryParse(request, out var filter, out var problem)
            && ApiFilter.TryParseEnum<Camp>(request, "camp", out var camp, out problem)
            && ApiFilter.TryParseEnum<OrganizationKind>(request, "kind", out var kind, out problem)
                ? Results.Ok(await queries.CompaniesAsync(filter, camp, kind, ct))
                : problem!)
            .WithName("listCompanies").WithTags(Hosting.ApiTags.Organisations)
            .WithSummary("Organisations, paged; filter by camp, kind, q (names, aliases, pinyin) and founding date (from, to).")
            .Produces<Paged<CompanyItem>>().ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/companies/{slug}", async (string slug, ApiQueries queries, CancellationToken ct) =>
            await queries.CompanyAsync(slug, ct) is { } company
                ? Results.Ok(company)
                : NotFound($"No organisation has the slug '{Shorten(slug)}'."))
            .WithName("getCompany").WithTags(Hosting.ApiTags.Organisations)
            .WithSummary("One organisation with its people, models, funding rounds, events, camp history and citations.")
            .Produces<CompanyDetail>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/funding-rounds", async (HttpRequest request, ApiQueries queries, CancellationToken ct) =>
            ApiFilter.TryParse(request, out var filter, out var problem)
            && ApiFilter.TryParseEnum<DealKind>(request, "kind", out var kind, out problem)
            && ApiFilter.TryParseEnum<Camp>(request, "camp", out var camp, out problem)
                ? Results.Ok(await queries.FundingRoundsAsync(filter, kind, camp, ct))
                : problem!)
            .WithName("listFundingRounds").WithTags(Hosting.ApiTags.Funding)
            .WithSummary("Deals (rounds, founder capital, acquisitions, IPO filings, failed raises), paged; filter by kind, camp, q (company) and date.")
            .Produces<Paged<FundingRoundItem>>().ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/models", async (HttpRequest request, ApiQueries queries, CancellationToken ct) =>
            ApiFilter.TryParse(request, out var filter, out var problem)
                ? Results.Ok(await queries.ModelsAsync(filter, ct))
                : problem!)
            .WithName("listModels").WithTags(Hosting.ApiTags.Models)
            .WithSummary("Models, paged; filter by q (name, organisation) and release date.")
            .Produces<Paged<ModelItem>>().ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/people", async (HttpRequest request, ApiQueries queries, CancellationToken ct) =>
            ApiFilter.TryParse(request, out var filter, out var problem)
                ? Results.Ok(await queries.PeopleAsync(filter, ct))
                : problem!)
            .WithName("listPeople").WithTags(Hosting.ApiTags.People)
            .WithSummary("People with their roles over time, paged; filter by q (name).")
            .Produces<Paged<PersonItem>>().ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/events", async (HttpRequest request, ApiQueries queries, CancellationToken ct) =>
            ApiFilter.TryParse(request, out var filter, out var problem)
            && ApiFilter.TryParseEnum<EventKind>(request, "kind", out var kind, out problem)
                ? Results.Ok(await queries.EventsAsync(filter, kind, ct))
                : problem!)
            .WithName("listEvents").WithTags(Hosting.ApiTags.Events)
            .WithSummary("Events in date order, paged; filter by kind, q (title) and date.")
            .Produces<Paged<EventItem>>().ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/sources", async (HttpRequest request, ApiQueries queries, CancellationToken ct) =>
            ApiFilter.TryParse(request, out var filter, out var problem)
                ? Results.Ok(await queries.SourcesAsync(filter, ct))
                : problem!)
            .WithName("listSources").WithTags(Hosting.ApiTags.Sources)
            .WithSummary("The source documents, without their text.")
            .Produces<Paged<SourceItem>>().ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/sources/{id}", async (string id, ApiQueries queries, CancellationToken ct) =>
            await queries.SourceAsync(id, ct) is { } source
                ? Results.Ok(source)
                : NotFound($"No source has the id '{Shorten(id)}'."))
            .WithName("getSource").WithTags(Hosting.ApiTags.Sources)
            .WithSummary("One source document with its full text.")
            .Produces<SourceDetail>().ProducesProblem(StatusCodes.Status404NotFound);

        // Anything else under /api is a JSON 404, not the HTML not-found page.
        api.Map("/{**rest}", (string? rest) => NotFound($"There is no API route '/api/{Shorten(rest)}'.")).ExcludeFromDescription();
    }

    private static IResult NotFound(string detail) =>
        Results.Problem(title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);

    private static string Shorten(string? text) => ApiEcho.Echo(text);
}
