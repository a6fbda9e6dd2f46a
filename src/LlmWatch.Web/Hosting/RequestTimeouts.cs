using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.Options;

namespace LlmWatch.Web.Hosting;

/// <summary>
/// Work stops when nobody waits (README, "Doors"): a page render and an API answer each get a time limit, after which their
/// token (HttpContext.RequestAborted, which every query receives) is cancelled and the answer is a 503. A client that goes away
/// cancels the same token. The hub's long-lived requests get no limit.
/// </summary>
public static class RequestTimeouts
{
    public const string Pages = "pages";
    public const string Api = "api";

    public static WebApplicationBuilder AddLlmWatchRequestTimeouts(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<RequestTimeoutSettings>();
        builder.Services.AddRequestTimeouts();
        builder.Services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<RequestTimeoutSettings>>((o, settings) =>
        {
            o.AddPolicy(Pages, new RequestTimeoutPolicy { Timeout = TimeSpan.FromSeconds(settings.Value.PageSeconds), TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable });
            o.AddPolicy(Api, new RequestTimeoutPolicy { Timeout = TimeSpan.FromSeconds(settings.Value.ApiSeconds), TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable });
        });
        return builder;
    }

    /// <summary>Every page endpoint (a routable component) gets the page limit; the hub and framework files do not.</summary>
    public static TBuilder WithPageTimeouts<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            if (endpoint.Metadata.Any(m => m is ComponentTypeMetadata)) endpoint.Metadata.Add(new RequestTimeoutAttribute(Pages));
        });
        return builder;
    }
}

/// <summary>How long a page render or an API answer may take before it is abandoned.</summary>
public sealed class RequestTimeoutSettings : ISettings
{
    public static string Section => "RequestTimeouts";

    public int PageSeconds { get; set; } = 20;

    public int ApiSeconds { get; set; } = 20;

    public IEnumerable<string> Problems()
    {
        if (PageSeconds is < 1 or > 600) yield return SettingRules.Between(nameof(PageSeconds), PageSeconds, 1, 600);
        if (ApiSeconds is < 1 or > 600) yield return SettingRules.Between(nameof(ApiSeconds), ApiSeconds, 1, 600);
    }
}
