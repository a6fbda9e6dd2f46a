using System.IO.Compression;
using LlmWatch.Data;
using LlmWatch.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Web.Features.Api;

/// <summary>
/// <c>/api/export.zip</c>: the whole landscape as the files of <c>export &lt;dir&gt;</c> (sources/, seed/, fx/), byte for byte,
/// zipped as it is read and streamed, named with the day it was taken. Rate-limited as the API. The exporter reads through
/// the context it is given, so a narrower view (as of a date) is a narrower context here.
/// </summary>
public static class ExportZip
{
    public static WebApplication MapExportZip(this WebApplication app)
    {
        app.MapGet("/api/export.zip", (HttpContext http, IDbContextFactory<LlmWatchDbContext> dbFactory, DataOptions data, TimeProvider clock) =>
            {
                if (http.Request.Query.Count > 0)
                    return Results.Problem(title: $"Invalid query parameter '{http.Request.Query.Keys.First()}'", detail: "The export takes no parameters.",
                        statusCode: StatusCodes.Status400BadRequest);
                var name = $"llmwatch-export-{clock.GetUtcNow():yyyy-MM-dd}.zip";
                return Results.Stream(async body =>
                {
                    await using var db = await dbFactory.CreateDbContextAsync(http.RequestAborted);
                    await WriteAsync(db, data.Directory, body, http.RequestAborted);
                }, "application/zip", name);
            })
            .ExcludeFromDescription()
            .RequireRateLimiting(Hosting.HostingOptions.ApiRateLimit)
            .RequireCors(Hosting.HostingOptions.OpenDataCors);
        return app;
    }

    /// <summary>Zips every file of the export into <paramref name="output"/>, one entry at a time.</summary>
    public static async Task WriteAsync(LlmWatchDbContext db, string? dataDirectory, Stream output, CancellationToken ct)
    {
        await using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        await foreach (var file in SeedExporter.FilesAsync(db, dataDirectory, ct))
        {
            var entry = zip.CreateEntry(file.Path, CompressionLevel.Optimal);
            await using var stream = await entry.OpenAsync(ct);
            await stream.WriteAsync(file.Content, ct);
        }
    }
}
