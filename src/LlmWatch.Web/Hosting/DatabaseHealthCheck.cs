using System.Text.Json;
using LlmWatch.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LlmWatch.Web.Hosting;

/// <summary>
/// Healthy when the database answers, holds every migration and has data; otherwise says why. Complete migrations are
/// remembered for a few seconds (until the data change), so a probe costs two small queries, not a schema read.
/// </summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<LlmWatchDbContext> dbFactory, DataChanges changes, DataOptions? options = null) : IHealthCheck
{
    private static readonly TimeSpan MigrationsRemembered = TimeSpan.FromSeconds(10);
    private Migrated? _migrated;

    private sealed record Migrated(long Version, long AtTicks);

    public static readonly HealthCheckOptions Options = new()
    {
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
        ResponseWriter = async (context, report) =>
        {
            context.Response.ContentType = "application/json";
            context.Response.Headers.CacheControl = "no-store";
            var entry = report.Entries.Values.FirstOrDefault();
            await context.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                status = report.Status == HealthStatus.Healthy ? "ok" : "unavailable",
                reason = report.Status == HealthStatus.Healthy ? null : entry.Description,
            }, JsonSerializerOptions.Web));
        },
    };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (options?.ProviderProblem is { } problem) return HealthCheckResult.Unhealthy($"The database cannot be read: {problem}.");
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            // A server's refusal says why (opening throws DataUnavailableException with the driver's reason); a file either opens or not.
            if (options?.IsPostgreSql == true) await db.Database.OpenConnectionAsync(cancellationToken);
            else if (!await db.Database.CanConnectAsync(cancellationToken))
                return HealthCheckResult.Unhealthy("The database cannot be opened.");
            var version = changes.Version;
            if (_migrated is not { } known || known.Version != version || Environment.TickCount64 - known.AtTicks > MigrationsRemembered.TotalMilliseconds)
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                if (pending.Count > 0)
                {
                    _migrated = null;
                    return HealthCheckResult.Unhealthy($"The database lacks {pending.Count} migration(s): {string.Join(", ", pending)}.");
                }
                _migrated = new Migrated(version, Environment.TickCount64);
            }
            if (!await db.Sources.AnyAsync(cancellationToken))
                return HealthCheckResult.Unhealthy("The database holds no data: the seed import has not run or failed.");
            return HealthCheckResult.Healthy();
        }
        catch (DataUnavailableException e)
        {
            // Data's own message: the setting at fault or the driver's reason (a server that does not answer, say),
            // which names a host and port at most, never a connection string or a stack trace.
            return HealthCheckResult.Unhealthy($"The database cannot be read: {e.Message}");
        }
        catch (Exception e)
        {
            // The reason names the failure, never a connection string or a stack trace.
            return HealthCheckResult.Unhealthy($"The database cannot be read: {e.GetType().Name}.");
        }
    }
}
