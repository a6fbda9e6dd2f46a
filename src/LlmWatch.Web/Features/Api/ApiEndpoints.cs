using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Web.Components.Shared;
using LlmWatch.Web.Features.Changes;
using LlmWatch.Web.Features.Companies;
using LlmWatch.Web.Features.Funding;
using LlmWatch.Web.Features.Models;
using LlmWatch.Web.Features.People;
using LlmWatch.Web.Features.Sources;
using LlmWatch.Web.Features.Timeline;

namespace LlmWatch.Web.Features.Api;

/// <summary>
/// The read-only JSON API under /api, described at /openapi/v1.json: a second view of the pages' queries. Each list reads its
/// filter with the pages' parser and answers from the page's query class, mapping its records to the contracts.
/// </summary>
public static class ApiEndpoints
{
    /// <summary>
    /// Every answer names in its metadata (the <see cref="DatasetCredits.Header"/> header) the credit each dataset's licence asks
    /// for: Epoch AI's CC BY 4.0 wants it wherever its data are shown or shared.
    /// </summary>
    public static async ValueTask<object?> CreditDatasets(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var credits = await http.RequestServices.GetRequiredService<DatasetCredits>().GetAsync(http.RequestAborted);
        if (credits.Count > 0) http.Response.Headers.Append(DatasetCredits.Header, credits.ToArray());
        return await next(context);
    }

    public static void MapLlmWatchApi(this WebApplication app)
    {
        var api = app.MapGroup("/api")
            .RequireRateLimiting(Hosting.HostingOptions.ApiRateLimit)
            .RequireCors(Hosting.HostingOptions.OpenDataCors)
            .CacheOutput(Hosting.ResponseCaching.ApiCache)
            .RefuseUnknownQueryParameters()
            .ApplyAsOf()
            .AddEndpointFilter(CreditDatasets);
        api.WithMetadata(new Microsoft.AspNetCore.Http.Timeouts.RequestTimeoutAttribute(Hosting.RequestTimeouts.Api));

        // The directory's English order: the API answers the same whatever the caller's language.
        api.MapGet("/companies", (HttpRequest request, CompanyQueries queries, CancellationToken ct) =>
                ListAsync(request, q => Task.FromResult(CompanyFilter.Parse(q)), f => queries.ListAsync(f, chinese: false, ct), CompanyItem.From))
            .WithName("listCompanies").WithQueryParameters(CompanyFilter.Parameters, ("camp", ApiNames.AllApi<Camp>()),
                ("kind", ApiNames.AllApi<OrganizationKind>()), ("status", ApiNames.AllApi<OrganizationStatus>()), ("sort", ApiNames.AllApi<CompanySort>())).WithTags(Hosting.ApiTags.Organisations)
            .WithSummary("Organisations, paged, in the directory's order; filter by camp (comma-separated), kind, status, q (names, aliases, pinyin), founding year (from, to) and sort.")
            .Produces<Paged<CompanyItem>>().ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/companies/{slug}", async (string slug, CompanyQueries companies, FundingQueries funding, ModelQueries models, TimelineQueries timeline,
                CancellationToken ct) =>
            await companies.GetProfileAsync(slug, ct) is { } profile
                ? Results.Ok(CompanyDetail.From(profile,
                    (await models.GetPageAsync(new ModelFilter(slug, null, null, ModelSort.Name, 1, PageSize: FilterQuery.MaxPageSize), ct)).Items,
                    await funding.FindCompanyAsync(slug, ct) is { } company
                        ? (await funding.GetDealsAsync(new FundingFilter(null, null, null, null, company, null, null, null, 1, PageSize: FilterQuery.MaxPageSize), ct)).Deals.Items
                        : [],
                    (await timeline.GetAsync(new TimelineFilter(null, null, slug, null, 1, PageSize: FilterQuery.MaxPageSize), ct)).Items))
                : NotFound($"No organisation has the slug '{FilterQuery.Echo(slug)}'."))
            .WithName("getCompany").WithNoQueryParameters().WithTags(Hosting.ApiTags.Organisations)
            .WithSummary("One organisation with its people, models, funding rounds, events, camp history and citations.")
            .Produces<CompanyDetail>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/funding-rounds", (HttpRequest request, FundingQueries queries, CancellationToken ct) =>
                ListAsync(request, q => queries.ParseAsync(q, ct), async f => (await queries.GetDealsAsync(f, ct)).Deals, FundingRoundItem.From))
            .WithName("listFundingRounds").WithQueryParameters(FundingFilter.Parameters, ("camp", ApiNames.AllApi<Camp>()),
                ("kind", ApiNames.AllApi<DealKind>()), ("stage", ApiNames.AllApi<DealStage>()), ("status", ApiNames.AllApi<DealStatus>())).WithTags(Hosting.ApiTags.Funding)
            .WithSummary("Deals (rounds, founder capital, acquisitions, IPO filings, failed raises), latest first, paged; filter by kind, stage, status, camp, company, investor, q (company) and date.")
            .Produces<Paged<FundingRoundItem>>().ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/models", (HttpRequest request, ModelQueries queries, CancellationToken ct) =>
                ListAsync(request, q => queries.ParseAsync(q, ct), f => queries.GetPageAsync(f, ct), ModelItem.From))
            .WithName("listModels").WithQueryParameters(ModelFilter.Parameters, ("open", OfferedValues.Booleans),
                ("size", ApiNames.AllApi<SizeBand>()), ("sort", ApiNames.AllApi<ModelSort>())).WithTags(Hosting.ApiTags.Models)
            .WithSummary("Models, paged; filter by org, open, size, q (name, organisation), release date (from, to) and sort.")
            .Produces<Paged<ModelItem>>().ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/people", (HttpRequest request, PeopleQueries queries, CancellationToken ct) =>
                ListAsync(request, q => queries.ParseAsync(q, ct), f => queries.GetPageAsync(f, ct), PersonItem.From))
            .WithName("listPeople").WithQueryParameters(PeopleFilter.Parameters, ("pseudonym", OfferedValues.Booleans)).WithTags(Hosting.ApiTags.People)
            .WithSummary("People with their roles over time, paged; filter by company, pseudonym and q (either name or an alias, in any order it is written).")
            .Produces<Paged<PersonItem>>().ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/events", (HttpRequest request, TimelineQueries queries, CancellationToken ct) =>
                ListAsync(request, q => queries.ParseAsync(q, ct), f => queries.GetAsync(f, ct), EventItem.From))
            .WithName("listEvents").WithQueryParameters(TimelineFilter.Parameters, ("kind", ApiNames.AllApi<EventKind>()), ("camp", ApiNames.AllApi<Camp>())).WithTags(Hosting.ApiTags.Events)
            .WithSummary("Events and dated model releases (slug \"model:<model slug>\", kind model-release) in date order, undated last, paged; filter by kind, camp, company, person, q (title or model name) and date; a person filter leaves releases out.")
            .Produces<Paged<EventItem>>().ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/sources", (HttpRequest request, SourceQueries queries, CancellationToken ct) =>
                ListAsync(request, q => Task.FromResult(SourceFilter.Parse(q)), f => queries.ListAsync(f, ct), SourceItem.From))
            .WithName("listSources").WithQueryParameters(SourceFilter.Parameters).WithTags(Hosting.ApiTags.Sources)
            .WithSummary("The source documents, without their text.")
            .Produces<Paged<SourceItem>>().ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/sources/{id}", async (string id, SourceQueries queries, CancellationToken ct) =>
            await queries.GetAsync(id, ct: ct) is { } source
                ? Results.Ok(SourceDetail.From(source))
                : NotFound($"No source has the id '{FilterQuery.Echo(id)}'."))
            .WithName("getSource").WithNoQueryParameters().WithTags(Hosting.ApiTags.Sources)
            .WithSummary("One source document with its full text.")
            .Produces<SourceDetail>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/changes", (HttpRequest request, ChangeQueries queries, CancellationToken ct) =>
                ListAsync(request, q => queries.ParseAsync(q, ct), f => queries.ListAsync(f, ct), ChangeItem.From))
            .WithName("listChanges").WithQueryParameters(ChangeFilter.Parameters, ("kind", ApiNames.AllApi<FactKind>())).WithTags(Hosting.ApiTags.Changes)
            .WithSummary("The audit trail: every approved change, newest first, paged; filter by org (slug), kind (of fact) and source (id). Names are display names.")
            .Produces<Paged<ChangeItem>>().ProducesProblem(StatusCodes.Status400BadRequest);

        // Anything else under /api is a JSON 404, not the HTML not-found page.
        // GET and HEAD only, so another method on any /api path is a 405 naming GET and HEAD in Allow (routing answers it).
        api.MapMethods("/{**rest}", [HttpMethods.Get, HttpMethods.Head], (string? rest) => NotFound($"There is no API route '/api/{FilterQuery.Echo(rest)}'.")).ExcludeFromDescription();
    }

    /// <summary>
    /// A list: the filter read from the query string by the pages' parser (an API list shows <see cref="FilterQuery.DefaultApiPageSize"/>
    /// items unless asked otherwise), then the page's query unless a parameter was not understood, each row mapped to its contract.
    /// </summary>
    private static async Task<IResult> ListAsync<TFilter, TRow, TItem>(HttpRequest request, Func<FilterQuery, Task<TFilter>> parse,
        Func<TFilter, Task<Paged<TRow>>> read, Func<TRow, TItem> map)
    {
        var q = new FilterQuery(request.Query, FilterQuery.DefaultApiPageSize);
        var filter = await parse(q);
        if (q.Problems.Count > 0) return Invalid(q);
        // An offset that deep makes the database walk every row before it: refused before any query, asking for a narrower filter.
        if (Paging.IsTooDeep(q.ReadPage, q.ReadPageSize))
            return PageProblem($"Page {q.ReadPage} of {q.ReadPageSize} starts past item {Paging.MaxOffset:N0}, the deepest this API pages to: narrow the filter instead.");
        var page = await read(filter);
        return page.IsPastTheEnd
            ? PageProblem($"Page {page.Page} is past the last page ({page.PageCount}) of this list.")
            : Results.Ok(page.Map(map));
    }

    private static IResult PageProblem(string detail) =>
        Results.Problem(title: "Invalid query parameter 'page'", detail: detail, statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["parameter"] = "page" });

    /// <summary>A 400 naming the first parameter not understood, with the same words the page's notice is built on.</summary>
    internal static IResult Invalid(FilterQuery q) =>
        Results.Problem(
            title: $"Invalid query parameter '{q.Problems[0].Parameter}'",
            detail: q.Problems[0].Detail,
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["parameter"] = q.Problems[0].Parameter });

    private static IResult NotFound(string detail) =>
        Results.Problem(title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);
}
