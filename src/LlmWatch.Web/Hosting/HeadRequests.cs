using Microsoft.AspNetCore.Http.Features;

namespace LlmWatch.Web.Hosting;

/// <summary>
/// HEAD answers like GET without the body, on every route (uptime monitors use HEAD; pages and the API map GET only).
/// The request is routed and handled as a GET, so status, headers and caching are the GET's; what it writes goes nowhere.
/// </summary>
public static class HeadRequests
{
    /// <summary>Must run before routing, so it routes explicitly right after itself.</summary>
    public static WebApplication UseHeadAsGet(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await next(context);
                return;
            }
            context.Request.Method = HttpMethods.Get;
            var body = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
            context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null, body));
            try
            {
                await next(context);
            }
            finally
            {
                context.Features.Set(body);
            }
        });
        app.UseRouting();
        return app;
    }
}
