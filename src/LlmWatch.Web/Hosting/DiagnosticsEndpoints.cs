using System.Runtime;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace LlmWatch.Web.Hosting;

/// <summary>
/// For load and memory measurements only: <c>GET /_diag/memory</c> runs a full blocking GC and reports the managed heap.
/// Mapped in Development or with <c>Diagnostics:Enabled=true</c>, and answers loopback clients only.
/// <c>/_perf/</c> serves the files of <c>Perf:StaticDirectory</c> through the same pipeline, as a yardstick for pages.
/// </summary>
public static class DiagnosticsEndpoints
{
    public static void UsePerfStaticFiles(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<PerfSettings>>().Value.StaticDirectory is not { Length: > 0 } directory) return;
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.GetFullPath(directory)),
            RequestPath = "/_perf",
        });
    }

    public static void MapDiagnostics(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() && !app.Services.GetRequiredService<IOptions<DiagnosticsSettings>>().Value.Enabled) return;

        app.MapGet("/_diag/memory", (HttpContext context) =>
        {
            if (context.Connection.RemoteIpAddress is not { } address || !System.Net.IPAddress.IsLoopback(address))
                return Results.NotFound();
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            var info = GC.GetGCMemoryInfo();
            return Results.Ok(new
            {
                managedBytes = GC.GetTotalMemory(forceFullCollection: false),
                heapSizeBytes = info.HeapSizeBytes,
                workingSetBytes = Environment.WorkingSet,
                gen2Collections = GC.CollectionCount(2),
            });
        }).ExcludeFromDescription();
    }
}
