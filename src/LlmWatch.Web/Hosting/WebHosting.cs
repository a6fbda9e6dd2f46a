using System.Globalization;
using LlmWatch.Data;
using LlmWatch.Data.Values;
using LlmWatch.Web.Components;
using LlmWatch.Web.Features.Account;
using LlmWatch.Web.Features.Api;
using LlmWatch.Web.Features.Changes;
using LlmWatch.Web.Features.Companies;
using LlmWatch.Web.Localization;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;
using Serilog;

namespace LlmWatch.Web.Hosting;

public static class WebHosting
{
    public static readonly CultureInfo[] SupportedCultures = [new("zh-CN"), new("en")];

    public static WebApplicationBuilder AddLlmWatchWeb(this WebApplicationBuilder builder)
    {
        // Run from build output (bin/, not a publish) outside Development, the static assets still live in their
        // build locations: without the runtime manifest they would answer 200 with no body and pages render unstyled.
        if (!builder.Environment.IsDevelopment()
            && File.Exists(Path.Combine(AppContext.BaseDirectory, $"{builder.Environment.ApplicationName}.staticwebassets.runtime.json")))
            Microsoft.AspNetCore.Hosting.StaticWebAssets.StaticWebAssetsLoader.UseStaticWebAssets(builder.Environment, builder.Configuration);

        // Each host its own logger: reconfiguring the one static bootstrap logger raced when several hosts started in one
        // process (tests) — both took the same one, the second freeze threw inside Build — and a host that stopped
        // closed the static logger under the others.
        builder.Services.AddSerilog((services, logger) =>
        {
            SettingRules.ThrowOnBadLogLevels(builder.Configuration);
            logger.ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext();
        }, preserveStaticLogger: true);

        builder.Services.AddLlmWatchData(builder.Environment.ContentRootPath);
        builder.AddLlmWatchDataProtection();
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = SupportedCultures;
            o.SupportedUICultures = SupportedCultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // The cookie first (the reader's own choice), then the browser's languages.
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new BrowserLanguageProvider()];
        });

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.AddLlmWatchDoors();
        builder.AddLlmWatchHostChecks();
        builder.AddLlmWatchRequestLimits();
        builder.AddLlmWatchCircuitLimits();
        builder.AddLlmWatchRequestTimeouts();
        builder.AddLlmWatchAccounts();
        ReaderAntiforgery.AddReaderAntiforgery(builder.Services);
        builder.Services.AddSettings<DiagnosticsSettings>();
        builder.Services.AddSettings<PerfSettings>();
        builder.AddLlmWatchResponseCaching();
        builder.Services.AddMudServices();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton(sp => FxRates.Load(sp.GetRequiredService<DataOptions>().Directory));
        builder.Services.AddSingleton<Features.Site.SiteQueries>();
        builder.Services.AddSingleton<Features.Curate.CurateLookups>();
        builder.Services.AddSingleton<Features.Companies.AlsoReportedQueries>();
        builder.Services.AddSingleton<Features.Curate.ProposalQueries>();
        builder.Services.AddLlmWatchOpenApi();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DataUnavailableAnswers>();
        // Chinese stays readable in the JSON; <, >, &, ' and " are still escaped, so data can never be read as markup.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder =
            System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddSingleton<Features.Overview.OverviewQueries>();
        builder.Services.AddSingleton<Features.Companies.CompanyQueries>();
        builder.Services.AddSingleton<Features.Camps.CampQueries>();
        builder.Services.AddSingleton<Features.Sources.SourceQueries>();
        builder.Services.AddSingleton<Features.Funding.FundingQueries>();
        builder.Services.AddSingleton<Features.Valuations.ValuationQueries>();
        builder.Services.AddSingleton<Features.People.PeopleQueries>();
        builder.Services.AddSingleton<Features.Timeline.TimelineQueries>();
        builder.Services.AddSingleton<Features.Models.ModelQueries>();
        builder.Services.AddSingleton<Features.Compare.CompareQueries>();
        builder.Services.AddSingleton<Features.Account.UserDirectory>();
        builder.Services.AddSingleton<Features.Changes.ChangeQueries>();
        builder.Services.AddScoped<Features.AsOf.AsOfView>();
        builder.Services.AddSingleton<Features.AsOf.AsOfQueries>();
        // One instance, so that it can remember that the migrations were complete.
        builder.Services.AddSingleton<DatabaseHealthCheck>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        try
        {
            await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        }
        catch (DataUnavailableException e)
        {
            // One line that says why (an unknown provider, a server that does not answer); the watchdog tries again.
            app.Logger.LogError("The database could not be prepared at {DatabaseFile}: {Reason}. Pages show that data are unavailable and /healthz answers 503 until it can.",
                app.Services.GetRequiredService<DataOptions>().DatabaseDescription, e.Message);
        }
        catch (Exception e)
        {
            // Keep serving: pages show that data are unavailable and /healthz answers 503 with the reason.
            app.Logger.LogError(e, "The database could not be prepared at {DatabaseFile}", app.Services.GetRequiredService<DataOptions>().DatabaseDescription);
        }
    }

    public static WebApplication UseLlmWatchWeb(this WebApplication app)
    {
        app.UseLlmWatchHostChecks();
        app.UseHeadAsGet();
        app.UseLlmWatchDoors();
        app.UseResponseCompression();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseMethodNotAllowedAsIs();
        app.UseSerilogRequestLogging();
        app.UseRequestLocalization();
        app.UseCors();
        app.UseLlmWatchOriginCheck();
        // Before the cache, so that it knows a signed-in request when it sees one (ResponseCaching.PrivateAnswers).
        app.UseLlmWatchAccounts();
        // After the limiter, so that an answer from the cache still counts against the client's limit.
        app.UseRateLimiter();
        app.UseRequestTimeouts();
        app.UseOutputCache();
        app.EvictCachedDataOnChange();
        app.UseAntiforgery();
        app.UsePerfStaticFiles();

        var staticAssets = StaticAssetsManifest.Complete(app.Environment);
        app.MapStaticAssets(staticAssets);
        app.MapCultureEndpoints();
        app.MapOpenApi();
        app.MapLlmWatchApi();
        app.MapDiagnostics();
        app.MapHealthChecks("/healthz", DatabaseHealthCheck.Options);
        app.MapCompaniesCsv();
        app.MapListCsvs();
        app.MapExportZip();
        app.MapAccountEndpoints();
        app.MapChangesFeed();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().WithStaticAssets(staticAssets).WithPageTimeouts().WithPageMethods().CacheOutput(ResponseCaching.PageCache);
        return app;
    }
}
