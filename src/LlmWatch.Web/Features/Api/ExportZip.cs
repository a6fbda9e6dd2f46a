using System.IO.Compression;
using LlmWatch.Data;
using LlmWatch.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Web.Features.Api;

/// <summary>
/// <c>/api/export.zip</c>: the whole landscape as the files of <c>export &lt;dir&gt;</c> (sources/, seed/, fx/), byte for byte,
/// zipped as it is read and streamed, named with the day it shows. Rate-limited as the API. <c>?asOf=yyyy-MM-dd</c> (its only
/// parameter) exports the landscape as known on that day: the exporter reads through a context made inside that view, whose
/// filters leave out later sources, the facts they brought and their citations.
/// </summary>
public static class ExportZip
{
    public static WebApplication MapExportZip(this WebApplication app)
    {
        app.MapGet("/api/export.zip", (HttpContext http, IDbContextFactory<LlmWatchDbContext> dbFactory, DataOptions data, TimeProvider clock) =>
            {
                if (http.Request.Query.Keys.FirstOrDefault(k => k != Components.Shared.FilterQuery.AsOfName) is { } unknown)
                    return Results.Problem(title: $"Unknown query parameter '{Components.Shared.FilterQuery.Echo(unknown)}'",
                        detail: $"The export reads only {Components.Shared.FilterQuery.AsOfName}.", statusCode: StatusCodes.Status400BadRequest,
                        extensions: new Dictionary<string, object?> { ["parameter"] = Components.Shared.FilterQuery.Echo(unknown) });
                var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
                var query = new Components.Shared.FilterQuery(http.Request.Query);
                var view = query.View(today);
                if (query.Problems.Count > 0)
                    return Results.Problem(title: $"Invalid query parameter '{query.Problems[0].Parameter}'", detail: query.Problems[0].Detail,
                        statusCode: StatusCodes.Status400BadRequest, extensions: new Dictionary<string, object?> { ["parameter"] = query.Problems[0].Parameter });
                var name = $"llmwatch-export-{AsOf.AsOfLinks.Format(view.AsOf ?? today)}.zip";
                return Results.Stream(async body =>
                {
                    // The context takes the view it is created in: the landscape as the sources published by asOf described it.
                    using var scope = AsOfScope.Enter(view);
                    await using var db = await dbFactory.CreateDbContextAsync(http.RequestAborted);
                    await WriteAsync(db, data.Directory, body, http.RequestAborted);
                }, "application/zip", name);
            })
            .ExcludeFromDescription()
            .RequireRateLimiting(Hosting.HostingOptions.ApiRateLimit)
            .RequireCors(Hosting.HostingOptions.OpenDataCors)
            .AddEndpointFilter(ApiEndpoints.CreditDatasets);
        return app;
    }

    /// <summary>
    /// Zips every file of the export into <paramref name="output"/>, one entry at a time. ZipArchive writes synchronously as it
    /// closes an entry, which the server refuses on a response, so each entry is gathered in memory and sent asynchronously
    /// before the next one is read: memory holds one compressed file at most.
    /// </summary>
    public static async Task WriteAsync(LlmWatchDbContext db, string? dataDirectory, Stream output, CancellationToken ct)
    {
        var pending = new PendingStream();
        using (var zip = new ZipArchive(pending, ZipArchiveMode.Create, leaveOpen: true))
        {
            await foreach (var file in SeedExporter.FilesAsync(db, dataDirectory, ct))
            {
                using (var stream = zip.CreateEntry(file.Path, CompressionLevel.Optimal).Open()) stream.Write(file.Content);
                await pending.SendAsync(output, ct);
            }
        }
        await pending.SendAsync(output, ct);
    }

    /// <summary>A write-only stream that keeps what is written until <see cref="SendAsync"/> passes it on.</summary>
    private sealed class PendingStream : Stream
    {
        private readonly MemoryStream _buffer = new();

        public async Task SendAsync(Stream output, CancellationToken ct)
        {
            if (_buffer.Length == 0) return;
            await output.WriteAsync(_buffer.GetBuffer().AsMemory(0, (int)_buffer.Length), ct);
            await output.FlushAsync(ct);
            _buffer.SetLength(0);
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _buffer.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => _buffer.Write(buffer);
    }
}
