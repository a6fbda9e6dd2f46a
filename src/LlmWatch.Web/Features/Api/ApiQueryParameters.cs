using LlmWatch.Data;
using Microsoft.AspNetCore.OutputCaching;

namespace LlmWatch.Web.Features.Api;

/// <summary>
/// The query parameters an API list reads: its filter class's <c>Parameters</c> plus page and pageSize. This one list decides
/// three things: a parameter outside it is a 400 naming it (checked before the output cache, so junk cannot miss the cache),
/// the output cache varies by these parameters only, and /openapi/v1.json lists them.
/// </summary>
public sealed class ApiQueryParameters(IReadOnlyList<string> filterParameters, bool paged = true,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? closedSets = null)
{
    /// <summary>The values a parameter accepts when they form a closed set (comma-separated where the filter takes several).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ClosedSets { get; } = closedSets ?? new Dictionary<string, IReadOnlyList<string>>();

    public static readonly IReadOnlyList<string> Common = ["page", "pageSize"];

    /// <summary>Every parameter the endpoint reads: its own, then asOf (every list and detail reads it), the common paging ones last.</summary>
    public IReadOnlyList<string> Names { get; } = paged
        ? [.. filterParameters.Except(Common), Components.Shared.FilterQuery.AsOfName, .. Common]
        : [.. filterParameters, Components.Shared.FilterQuery.AsOfName];

    /// <summary>The first parameter of the request that the list does not read, or null.</summary>
    public string? FirstUnknown(IQueryCollection query) => query.Keys.FirstOrDefault(k => !Names.Contains(k, StringComparer.Ordinal));

    public static ApiQueryParameters? Of(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<ApiQueryParameters>();
}

public static class ApiQueryParametersExtensions
{
    /// <summary>Declares the parameters a list reads (its filter's <c>Parameters</c>); see <see cref="ApiQueryParameters"/>.</summary>
    public static RouteHandlerBuilder WithQueryParameters(this RouteHandlerBuilder builder, IReadOnlyList<string> filterParameters,
        params (string Name, IReadOnlyList<string> Values)[] closedSets) =>
        builder.WithMetadata(new ApiQueryParameters(filterParameters, closedSets: closedSets.ToDictionary(c => c.Name, c => c.Values)));

    /// <summary>An endpoint that reads no query parameter but asOf (one item by its slug): any other parameter is refused.</summary>
    public static RouteHandlerBuilder WithNoQueryParameters(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new ApiQueryParameters([], paged: false));

    /// <summary>Refuses, with a 400 naming it, a query parameter the endpoint does not read.</summary>
    public static RouteGroupBuilder RefuseUnknownQueryParameters(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (ApiQueryParameters.Of(http) is { } declared && declared.FirstUnknown(http.Request.Query) is { } unknown)
            {
                var reads = declared.Names.Count == 0 ? "This endpoint reads no query parameter." : $"This endpoint reads: {string.Join(", ", declared.Names)}.";
                return Results.Problem(
                    title: $"Unknown query parameter '{Components.Shared.FilterQuery.Echo(unknown)}'",
                    detail: reads,
                    statusCode: StatusCodes.Status400BadRequest,
                    extensions: new Dictionary<string, object?> { ["parameter"] = Components.Shared.FilterQuery.Echo(unknown) });
            }
            return await next(context);
        });
}

public static class ApiAsOf
{
    /// <summary>
    /// Reads asOf (yyyy-MM-dd, 1990 to today) and runs the endpoint inside that view (<see cref="AsOfScope"/>), so every query it
    /// makes sees the landscape as known on that day; a bad value is a 400 naming it. Runs after the unknown-parameter check.
    /// </summary>
    public static RouteGroupBuilder ApplyAsOf(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!http.Request.Query.ContainsKey(Components.Shared.FilterQuery.AsOfName)) return await next(context);
            var clock = http.RequestServices.GetRequiredService<TimeProvider>();
            var q = new Components.Shared.FilterQuery(http.Request.Query);
            var view = q.View(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
            if (q.Problems.Count > 0)
                return Results.Problem(
                    title: $"Invalid query parameter '{q.Problems[0].Parameter}'",
                    detail: q.Problems[0].Detail,
                    statusCode: StatusCodes.Status400BadRequest,
                    extensions: new Dictionary<string, object?> { ["parameter"] = q.Problems[0].Parameter });
            using var scope = AsOfScope.Enter(view);
            return await next(context);
        });
}

/// <summary>
/// Part of the API's output-cache policy: the cache key varies by the parameters the endpoint reads (an endpoint that declares
/// none, such as /api/companies/{slug}, varies by none); a request with an unknown parameter is neither looked up nor stored,
/// so it reaches the endpoint, which refuses it.
/// </summary>
public sealed class ApiQueryKeysPolicy : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var declared = ApiQueryParameters.Of(context.HttpContext);
        var names = declared?.Names ?? [];
        if (declared is null ? context.HttpContext.Request.Query.Count > 0 : declared.FirstUnknown(context.HttpContext.Request.Query) is not null)
        {
            context.AllowCacheLookup = false;
            context.AllowCacheStorage = false;
        }
        context.CacheVaryByRules.QueryKeys = names.Count == 0 ? default : new Microsoft.Extensions.Primitives.StringValues([.. names]);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
}

/// <summary>Lists in /openapi/v1.json every query parameter an operation reads (<see cref="ApiQueryParameters"/>), with its type and closed set.</summary>
public static class ApiQueryParametersDocument
{
    public static void Describe(Microsoft.OpenApi.OpenApiOperation operation, IEnumerable<object> endpointMetadata)
    {
        if (endpointMetadata.OfType<ApiQueryParameters>().LastOrDefault() is not { } declared) return;
        operation.Parameters ??= [];
        foreach (var name in declared.Names)
        {
            if (operation.Parameters.Any(p => p.Name == name && p.In == Microsoft.OpenApi.ParameterLocation.Query)) continue;
            operation.Parameters.Add(new Microsoft.OpenApi.OpenApiParameter
            {
                Name = name,
                In = Microsoft.OpenApi.ParameterLocation.Query,
                Required = false,
                Description = Describe(name, declared),
                Schema = Schema(name, declared),
            });
        }
    }

    private static string Describe(string name, ApiQueryParameters declared) => name switch
    {
        "page" => "The page, from 1. A page past the last is a 400.",
        "pageSize" => $"Items per page, 1 to {Components.Shared.FilterQuery.MaxPageSize} (default {Components.Shared.FilterQuery.DefaultApiPageSize}).",
        "q" => $"Search text, at most {Components.Shared.FilterQuery.MaxSearchLength} characters.",
        "asOf" => "The landscape as the sources published on or before this day (yyyy-MM-dd, 1990 to today) described it.",
        "from" or "to" => "A date: yyyy, yyyy-MM or yyyy-MM-dd (a year where the list filters by year).",
        _ when declared.ClosedSets.ContainsKey(name) => $"One of the listed values (several comma-separated where the list allows).",
        _ => "A slug.",
    };

    private static Microsoft.OpenApi.OpenApiSchema Schema(string name, ApiQueryParameters declared)
    {
        if (name is "page" or "pageSize")
            return new Microsoft.OpenApi.OpenApiSchema
            {
                Type = Microsoft.OpenApi.JsonSchemaType.Integer, Format = "int32", Minimum = "1",
                Maximum = name == "pageSize" ? Components.Shared.FilterQuery.MaxPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            };
        var schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String };
        if (declared.ClosedSets.TryGetValue(name, out var values))
            schema.Enum = values.Select(v => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(v)!).ToList();
        return schema;
    }
}
