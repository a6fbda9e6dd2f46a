using System.Globalization;
using Bunit;
using LlmWatch.Tests.Infrastructure;
using LlmWatch.Web.Components.Shared;
using LlmWatch.Web.Features.Models;
using LlmWatch.Web.Features.People;
using LlmWatch.Web.Features.Timeline;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;
using MudBlazor.Services;

namespace LlmWatch.Tests.Components;

/// <summary>
/// The search-as-you-type filters over organisations and people answer from the server with a bounded list, and their handlers
/// accept only what a search offered: a forged or stale value leaves the address alone, an offered one goes into it.
/// </summary>
public sealed class FilterAutocompleteTests : BunitContext, IAsyncLifetime
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
        Services.AddSingleton<ModelQueries>();
        Services.AddSingleton<PeopleQueries>();
        Services.AddSingleton<TimelineQueries>();
        SetRendererInfo(new RendererInfo("Server", true));
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
    }

    public static TheoryData<Type, string, string, string, string> Filters => new()
    {
        { typeof(ModelsPage), "/models", "filter-org", "baichuan", "org=baichuan" },
        { typeof(PeoplePage), "/people", "filter-company", "baichuan", "company=baichuan" },
        { typeof(TimelinePage), "/timeline", "filter-company", "baichuan", "company=baichuan" },
        { typeof(TimelinePage), "/timeline", "filter-person", "wang", "person=wang-xiaochuan" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Only_a_value_a_search_offered_goes_into_the_address(Type page, string path, string testId, string typed, string expected)
    {
        var (cut, navigation) = Open(page, path);
        var filter = Filter(cut, testId);

        await cut.InvokeAsync(() => filter.Instance.ValueChanged.InvokeAsync(new FilterOption("<script>not-offered</script>", "x", "x")));
        await cut.InvokeAsync(() => filter.Instance.ValueChanged.InvokeAsync(new FilterOption(expected.Split('=')[1], "x", "x")));
        Assert.Equal("http://localhost" + path, navigation.Uri);

        var offered = await SearchAsync(filter, typed);
        Assert.InRange(offered.Count, 1, FilterLookup.Limit);
        var match = offered.First(o => expected.EndsWith("=" + o.Slug, StringComparison.Ordinal));
        await cut.InvokeAsync(() => filter.Instance.ValueChanged.InvokeAsync(match));
        Assert.EndsWith(expected, navigation.Uri);

        await cut.InvokeAsync(() => filter.Instance.ValueChanged.InvokeAsync(null));
        Assert.Equal("http://localhost" + path, navigation.Uri);
    }

    [Fact]
    public async Task A_search_answers_with_at_most_the_limit_and_only_what_can_be_filtered()
    {
        var (cut, _) = Open(typeof(ModelsPage), "/models");
        var filter = Filter(cut, "filter-org");

        var everything = await SearchAsync(filter, "");
        var chinese = await SearchAsync(filter, "百川");
        var none = await SearchAsync(filter, "no such company");

        Assert.InRange(everything.Count, 1, FilterLookup.Limit);
        Assert.Equal(["baichuan"], chinese.Select(o => o.Slug));
        Assert.Empty(none);
    }

    [Fact]
    public async Task A_company_in_the_address_is_shown_by_name_and_counts_as_offered()
    {
        var (cut, navigation) = Open(typeof(PeoplePage), "/people?company=baichuan");
        var filter = Filter(cut, "filter-company");

        cut.WaitForAssertion(() => Assert.Equal("baichuan", filter.Instance.GetState(x => x.Value)?.Slug));
        await cut.InvokeAsync(() => filter.Instance.ValueChanged.InvokeAsync(filter.Instance.GetState(x => x.Value)));
        Assert.EndsWith("company=baichuan", navigation.Uri);
    }

    private (IRenderedComponent<Bunit.Rendering.ContainerFragment> Cut, NavigationManager Navigation) Open(Type page, string path)
    {
        Render<MudPopoverProvider>();
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(path);
        var cut = Render(builder =>
        {
            builder.OpenComponent(0, page);
            builder.CloseComponent();
        });
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindComponents<MudAutocomplete<FilterOption>>()), TimeSpan.FromSeconds(10));
        return (cut, navigation);
    }

    // What the box would show for the typed text: the page's search, through the component that records what it offered.
    private static async Task<List<FilterOption>> SearchAsync(IRenderedComponent<MudAutocomplete<FilterOption>> filter, string text)
    {
        var found = await filter.Instance.SearchFunc!(text, CancellationToken.None)!;
        return (found ?? []).ToList();
    }

    private static IRenderedComponent<MudAutocomplete<FilterOption>> Filter(IRenderedComponent<Bunit.Rendering.ContainerFragment> cut, string testId) =>
        cut.FindComponents<MudAutocomplete<FilterOption>>()
            .Single(s => s.Instance.UserAttributes.TryGetValue("data-testid", out var id) && (string?)id == testId);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}
