using System.Net;
using LlmWatch.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmWatch.Tests.Infrastructure;

/// <summary>
/// The real app over its own temporary SQLite file, seeded from the repository's data/ on start, in Production
/// so that error pages are the ones readers see.
/// </summary>
public class LlmWatchFactory : WebApplicationFactory<Program>
{
    public string DatabaseFile { get; } = Path.Combine(Path.GetTempPath(), $"llmwatch-test-{Guid.NewGuid():N}.db");

    /// <summary>Overrides the connection string entirely (to point at a broken database, say).</summary>
    protected virtual string ConnectionString => $"Data Source={DatabaseFile}";

    protected virtual string? DataDirectory => null;

    /// <summary>Every SQL command the app has sent since the last <see cref="QueryCounter.Reset"/>.</summary>
    public QueryCounter Queries { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        // Outside Development the package assets (MudBlazor) resolve only through the build manifest this enables.
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:LlmWatch", ConnectionString);
        if (DataDirectory is not null) builder.UseSetting("Data:Directory", DataDirectory);
        builder.ConfigureServices(services => services.ConfigureDbContext<LlmWatchDbContext>(o => o.AddInterceptors(Queries)));
        builder.UseSetting("Serilog:WriteTo:1:Args:path", Path.Combine(Path.GetTempPath(), "llmwatch-test-logs", "llmwatch-.log"));
        // Every test is the same in-memory client: the per-client limits are lifted here, and set by the tests of those limits.
        foreach (var (key, value) in UnlimitedClients.Settings) builder.UseSetting(key, value);
    }

    public HttpClient CreateClient(string language)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    /// <summary>
    /// Drops every answer the output cache keeps (pages and API), so that the next request renders: for tests that count a
    /// render's queries or look for a fresh render, now that a reader page without cookies is kept and shared.
    /// </summary>
    public Task ForgetCachedAnswersAsync() =>
        Services.GetRequiredService<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>().EvictByTagAsync(LlmWatch.Web.Hosting.ResponseCaching.DataTag, default).AsTask();

    public async Task<(HttpStatusCode Status, string Html)> GetPageAsync(string url, string language = "en")
    {
        using var client = CreateClient(language);
        using var response = await client.GetAsync(url);
        // Prerendered HTML writes CJK text as entities; decode so tests can read it as a person would.
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(DatabaseFile + suffix);
        GC.SuppressFinalize(this);
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<LlmWatchFactory>
{
    public const string Name = "app";
}

public static class RepositoryData
{
    public static string Directory { get; } = DataServices.FindDataDirectory(AppContext.BaseDirectory);
}
