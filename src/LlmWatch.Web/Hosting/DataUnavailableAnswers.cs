using LlmWatch.Data;
using Microsoft.AspNetCore.Diagnostics;

namespace LlmWatch.Web.Hosting;

/// <summary>
/// A request that fails because the database does not answer (a server restarting, say) is a 503 with Retry-After and a
/// problem that says so, never a 500: pages already show their unavailable notice (DataState); this covers the API and
/// the downloads.
/// </summary>
public sealed class DataUnavailableAnswers(ILogger<DataUnavailableAnswers> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not DataUnavailableException e || context.Response.HasStarted) return false;
        logger.LogWarning("{Path} answered 503: {Reason}", context.Request.Path.Value, e.Message);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "5";
        context.Response.Headers.CacheControl = "no-store";
        await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Data unavailable",
            detail: "The database does not answer at the moment; try again shortly.").ExecuteAsync(context);
        return true;
    }
}
