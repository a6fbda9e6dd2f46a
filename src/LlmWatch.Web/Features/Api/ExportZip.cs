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
