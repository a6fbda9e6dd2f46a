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
        { typeof(FundingPage), "/funding", "filter-currency", "USD", "currency=USD" },
        { typeof(ModelsPage), "/models", "filter-open", "true", "openSource=true" },
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

    public static TheoryData<string, string, string, string> Searches => new()
    {
        { "filter-company", "OneFl", "oneflow", "company=oneflow" },
        { "filter-company", "智谱", "zhipu-ai", "company=zhipu-ai" },
        { "filter-investor", "Meituan", "meituan", "investor=meituan" },
        { "filter-investor", "Su Hua", "su-hua", "investor=su-hua" },
    };

    [Theory]
    [MemberData(nameof(Searches))]
    public async Task A_company_or_investor_search_offers_matches_and_only_an_offered_one_goes_into_the_address(string testId, string text, string slug, string expected)
    {
        Render<MudPopoverProvider>();
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/funding");
        var cut = Render<FundingPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindComponents<MudAutocomplete<FilterChoice>>()), TimeSpan.FromSeconds(10));
        var autocomplete = cut.FindComponents<MudAutocomplete<FilterChoice>>()
            .Single(a => a.Instance.UserAttributes.TryGetValue("data-testid", out var id) && (string?)id == testId).Instance;

        // A choice the search never offered (forged, or a slug that does not exist) leaves the address alone.
        await cut.InvokeAsync(() => autocomplete.ValueChanged.InvokeAsync(new FilterChoice(slug, "", "")));
        Assert.Equal("http://localhost/funding", navigation.Uri);
        await cut.InvokeAsync(() => autocomplete.ValueChanged.InvokeAsync(new FilterChoice("<script>not-offered</script>", "", "")));
        Assert.Equal("http://localhost/funding", navigation.Uri);

        var search = autocomplete.SearchFunc ?? throw new InvalidOperationException("The autocomplete has no search.");
        var found = await cut.InvokeAsync(async () => ((await search(text, CancellationToken.None)!) ?? []).ToList());
        Assert.InRange(found.Count, 1, FundingQueries.Suggestions);
        var match = Assert.Single(found, c => c.Slug == slug);

        await cut.InvokeAsync(() => autocomplete.ValueChanged.InvokeAsync(match));
        Assert.Contains(expected, navigation.Uri);

        // Clearing is always allowed.
        await cut.InvokeAsync(() => autocomplete.ValueChanged.InvokeAsync(null!));
        Assert.DoesNotContain(expected, navigation.Uri);
    }

    [Fact]
    public async Task A_search_offers_at_most_twenty_names_and_none_for_nonsense()
    {
        var queries = Services.GetRequiredService<FundingQueries>();

        Assert.InRange((await queries.SearchCompaniesAsync("")).Count, 1, FundingQueries.Suggestions);
        Assert.InRange((await queries.SearchInvestorsAsync("a")).Count, 1, FundingQueries.Suggestions);
        Assert.Empty(await queries.SearchCompaniesAsync("zzqqxx-no-such-name"));
        Assert.Empty(await queries.SearchInvestorsAsync("%_%"));
        // A company with no deal of its own is no company filter; an organisation that only invests is an investor.
        Assert.DoesNotContain(await queries.SearchCompaniesAsync("Meituan"), c => c.Slug == "meituan");
        Assert.Contains(await queries.SearchInvestorsAsync("Meituan"), c => c.Slug == "meituan");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}
