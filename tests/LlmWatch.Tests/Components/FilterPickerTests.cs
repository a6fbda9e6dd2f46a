using System.Globalization;
using Bunit;
using LlmWatch.Data;
using LlmWatch.Data.Values;
using LlmWatch.Tests.Infrastructure;
using LlmWatch.Web;
using LlmWatch.Web.Components.Shared;
using LlmWatch.Web.Features.Funding;
using LlmWatch.Web.Features.Models;
using LlmWatch.Web.Features.People;
using LlmWatch.Web.Features.Timeline;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace LlmWatch.Tests.Components;

/// <summary>
/// The type-ahead pickers are the static pages' interactive islands: each searches the server with a bounded list, accepts only
/// what its own search offered (a forged or stale value leaves the address alone), and goes to the page's GET address with its
/// one field changed and the page number dropped, as the filter form would.
/// </summary>
public sealed class FilterPickerTests : BunitContext, IAsyncLifetime
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
        Services.AddSingleton<DataChanges>();
        Services.AddSingleton<FundingQueries>();
        Services.AddSingleton<ModelQueries>();
        Services.AddSingleton<PeopleQueries>();
        Services.AddSingleton<TimelineQueries>();
        SetRendererInfo(new RendererInfo("Server", true));
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
    }

    public static TheoryData<FilterPickerSource, string, string, string, string> Pickers => new()
    {
        { FilterPickerSource.ModelOrganizations, "/models?size=large&page=2", "org", "baichuan", "baichuan" },
        { FilterPickerSource.PeopleOrganizations, "/people?page=2", "company", "baichuan", "baichuan" },
        { FilterPickerSource.TimelineCompanies, "/timeline?kind=funding&page=2", "company", "baichuan", "baichuan" },
        { FilterPickerSource.TimelinePeople, "/timeline?page=2", "person", "wang", "wang-xiaochuan" },
        { FilterPickerSource.FundingCompanies, "/funding?camp=general&page=2", "company", "智谱", "zhipu-ai" },
        { FilterPickerSource.FundingInvestors, "/funding?page=2", "investor", "Su Hua", "su-hua" },
    };

    [Theory]
    [MemberData(nameof(Pickers))]
    public async Task Only_a_value_its_search_offered_goes_into_the_address_with_the_other_filters_kept_and_page_one(
        FilterPickerSource source, string path, string name, string typed, string slug)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(path);
        var (cut, autocomplete) = RenderPicker(source, name, null);

        await cut.InvokeAsync(() => autocomplete.Instance.ValueChanged.InvokeAsync(new FilterOption("<script>not-offered</script>", "x", "x")));
        // A refused value rebuilds the field from the choice the address holds: look it up again after each.
        autocomplete = cut.FindComponent<MudAutocomplete<FilterOption>>();
        await cut.InvokeAsync(() => autocomplete.Instance.ValueChanged.InvokeAsync(new FilterOption(slug, "x", "x")));
        Assert.Equal("http://localhost" + path, navigation.Uri);
        autocomplete = cut.FindComponent<MudAutocomplete<FilterOption>>();

        var offered = ((await autocomplete.Instance.SearchFunc!(typed, CancellationToken.None)!) ?? []).ToList();
        Assert.InRange(offered.Count, 1, FilterLookup.Limit);
        var match = Assert.Single(offered, o => o.Slug == slug);
        await cut.InvokeAsync(() => autocomplete.Instance.ValueChanged.InvokeAsync(match));

        var expected = new Uri("http://localhost" + path);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(navigation.Uri).Query);
        Assert.Equal(expected.AbsolutePath, new Uri(navigation.Uri).AbsolutePath);
        Assert.Equal(slug, query[name].ToString());
        Assert.False(query.ContainsKey("page"));
        foreach (var (key, value) in Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(expected.Query).Where(p => p.Key != "page"))
            Assert.Equal(value.ToString(), query[key].ToString());
    }

    [Theory]
    [InlineData(FilterPickerSource.PeopleOrganizations, "/people?company=baichuan&pseudonym=true", "company")]
    [InlineData(FilterPickerSource.FundingInvestors, "/funding?investor=meituan", "investor")]
    public async Task The_choice_in_the_address_is_kept_in_a_hidden_field_counts_as_offered_and_clearing_drops_it(FilterPickerSource source, string path, string name)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(path);
        var slug = path.Split(name + "=")[1].Split('&')[0];
        var (cut, autocomplete) = RenderPicker(source, name, new FilterOption(slug, "名", "Name"));

        // The form around the island sends it with the other fields, with or without JavaScript.
        var hidden = cut.Find($"input[type=hidden][name={name}]");
        Assert.Equal(slug, hidden.GetAttribute("value"));

        await cut.InvokeAsync(() => autocomplete.Instance.ValueChanged.InvokeAsync(null!));
        Assert.DoesNotContain(name + "=", navigation.Uri);
    }

    [Fact]
    public async Task A_page_that_arrives_after_the_reader_cleared_the_field_does_not_bring_the_choice_back()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/timeline?person=wang-xiaochuan");
        var wang = new FilterOption("wang-xiaochuan", "王小川", "Wang Xiaochuan");
        var (cut, autocomplete) = RenderPicker(FilterPickerSource.TimelinePeople, "person", wang);

        // The reader clears the field while the page for ?person=… is still on its way (seen in a browser journey).
        await cut.InvokeAsync(() => autocomplete.Instance.ValueChanged.InvokeAsync(null!));
        Assert.Equal("http://localhost/timeline", navigation.Uri);
        cut.Render(p => p.Add(x => x.Fields, [new PickerField("person", FilterPickerSource.TimelinePeople, "Label", wang, "picker")]));

        Assert.Empty(cut.FindAll("input[type=hidden][name=person]"));
        Assert.Equal("", cut.Find(".lw-picker").GetAttribute("data-selected") ?? "");

        // The page of the address the reader is on still names its choice.
        navigation.NavigateTo("/timeline?person=wang-xiaochuan");
        cut.Render(p => p.Add(x => x.Fields, [new PickerField("person", FilterPickerSource.TimelinePeople, "Label", wang, "picker")]));
        Assert.Equal("wang-xiaochuan", cut.Find("input[type=hidden][name=person]").GetAttribute("value"));
    }

    [Fact]
    public async Task A_search_answers_with_at_most_the_limit_and_only_what_can_be_filtered()
    {
        var models = Services.GetRequiredService<ModelQueries>();
        var funding = Services.GetRequiredService<FundingQueries>();

        Assert.InRange((await models.SearchOrganizationsAsync("")).Count, 1, FilterLookup.Limit);
        Assert.Equal(["baichuan"], (await models.SearchOrganizationsAsync("百川")).Select(o => o.Slug));
        Assert.Empty(await models.SearchOrganizationsAsync("no such company"));
        Assert.InRange((await funding.SearchInvestorsAsync("a")).Count, 1, FundingQueries.Suggestions);
        Assert.Empty(await funding.SearchInvestorsAsync("%_%"));
        // A company with no deal of its own is no company filter; an organisation that only invests is an investor.
        Assert.DoesNotContain(await funding.SearchCompaniesAsync("Meituan"), c => c.Slug == "meituan");
        Assert.Contains(await funding.SearchInvestorsAsync("Meituan"), c => c.Slug == "meituan");
    }

    private (IRenderedComponent<FilterPicker> Cut, IRenderedComponent<MudAutocomplete<FilterOption>> Autocomplete) RenderPicker(
        FilterPickerSource source, string name, FilterOption? selected)
    {
        var cut = Render<FilterPicker>(p => p
            .Add(x => x.Fields, [new PickerField(name, source, "Label", selected, "picker")]));
        Assert.Equal("true", cut.Find(".lw-picker").GetAttribute("data-interactive"));
        return (cut, cut.FindComponent<MudAutocomplete<FilterOption>>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}
