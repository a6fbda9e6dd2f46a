using System.Globalization;
using Bunit;
using LlmWatch.Data;
using LlmWatch.Data.Values;
using LlmWatch.Tests.Infrastructure;
using LlmWatch.Web;
using LlmWatch.Web.Features.Funding;
using LlmWatch.Web.Features.Models;
using LlmWatch.Web.Features.People;
using LlmWatch.Web.Features.Timeline;
using LlmWatch.Web.Features.Valuations;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace LlmWatch.Tests.Components;

/// <summary>
/// The filter handlers of the money-and-time pages re-check what they receive: a select value the page never offered
/// (a forged or stale event) leaves the address alone; an offered one goes into it. The filters over organisations and people
/// search as the reader types: <see cref="FilterAutocompleteTests"/> holds them to the same rule.
/// </summary>
public sealed class FilterHandlerTests : BunitContext, IAsyncLifetime
{
    private TestDatabase? _database;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await _database.Importer.ImportAsync(RepositoryData.Directory);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddSingleton(_database.Factory);
        Services.AddSingleton(FxRates.Load(RepositoryData.Directory));
        Services.AddSingleton(new DataOptions { Directory = RepositoryData.Directory, ConnectionString = $"Data Source={_database.File}" });
        Services.AddSingleton<FundingQueries>();
        Services.AddSingleton<ModelQueries>();
        Services.AddSingleton<PeopleQueries>();
        Services.AddSingleton<TimelineQueries>();
        Services.AddSingleton<ValuationQueries>();
        SetRendererInfo(new RendererInfo("Server", true));
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
    }

    public static TheoryData<Type, string, string, string, string> Selects => new()
    {
        { typeof(FundingPage), "/funding", "filter-camp", "vertical", "camp=vertical" },
        { typeof(FundingPage), "/funding", "filter-kind", "acquisition", "kind=acquisition" },
        { typeof(FundingPage), "/funding", "filter-company", "oneflow", "company=oneflow" },
        { typeof(FundingPage), "/funding", "filter-currency", "USD", "currency=USD" },
        { typeof(ModelsPage), "/models", "filter-open", "true", "open=true" },
        { typeof(PeoplePage), "/people", "filter-pseudonym", "true", "pseudonym=true" },
        { typeof(TimelinePage), "/timeline", "filter-kind", "funding", "kind=funding" },
        { typeof(ValuationsPage), "/valuations", "filter-currency", "CNY", "currency=CNY" },
    };

    [Theory]
    [MemberData(nameof(Selects))]
    public async Task A_value_never_offered_is_refused_and_an_offered_one_goes_into_the_address(Type page, string path, string testId, string offered, string expected)
    {
        Render<MudPopoverProvider>();
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(path);
        var cut = Render(builder =>
        {
            builder.OpenComponent(0, page);
            builder.CloseComponent();
        });
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindComponents<MudSelect<string>>()), TimeSpan.FromSeconds(10));
        var select = cut.FindComponents<MudSelect<string>>()
            .Single(s => s.Instance.UserAttributes.TryGetValue("data-testid", out var id) && (string?)id == testId);

        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("<script>not-offered</script>"));
        Assert.Equal("http://localhost" + path, navigation.Uri);

        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(offered));
        Assert.Contains(expected, navigation.Uri);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}
