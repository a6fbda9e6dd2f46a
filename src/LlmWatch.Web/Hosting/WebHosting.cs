using System.Globalization;
using LlmWatch.Data;
using LlmWatch.Data.Values;
using LlmWatch.Web.Components;
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
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext());

        builder.Services.AddLlmWatchData(builder.Environment.ContentRootPath);
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

        // The prerendered state of a page (a source's full text, a page of rows with their citations) travels back to the
        // server when the circuit starts; SignalR's default 32 KB limit would close the circuit on those pages.
        builder.Services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(o => o.MaximumReceiveMessageSize = 512 * 1024);
        builder.Services.AddMudServices();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton(sp => FxRates.Load(sp.GetRequiredService<DataOptions>().Directory));
        builder.Services.AddSingleton<Features.Site.SiteQueries>();
        builder.Services.AddSingleton<Features.Overview.OverviewQueries>();
        builder.Services.AddSingleton<Features.Sources.SourceQueries>();
        builder.Services.AddSingleton<Features.Funding.FundingQueries>();
        builder.Services.AddSingleton<Features.Valuations.ValuationQueries>();
        builder.Services.AddSingleton<Features.People.PeopleQueries>();
        builder.Services.AddSingleton<Features.Timeline.TimelineQueries>();
        builder.Services.AddSingleton<Features.Models.ModelQueries>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        try
        {
            await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        }
        catch (Exception e)
        {
            // Keep serving: pages show that data are unavailable and /healthz answers 503 with the reason.
            app.Logger.LogError(e, "The database could not be prepared at {DatabaseFile}", app.Services.GetRequiredService<DataOptions>().DatabaseFile);
        }
    }

    public static WebApplication UseLlmWatchWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseSerilogRequestLogging();
        app.UseRequestLocalization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapCultureEndpoints();
        app.MapHealthChecks("/healthz", DatabaseHealthCheck.Options);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
