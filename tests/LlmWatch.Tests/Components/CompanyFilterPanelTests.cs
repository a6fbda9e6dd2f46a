using System.Globalization;
using Bunit;
using LlmWatch.Data.Entities;
using LlmWatch.Web.Features.Companies;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace LlmWatch.Tests.Components;

public sealed class CompanyFilterPanelTests : BunitContext, IAsyncLifetime
{
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;
    private readonly List<CompanyFilter> _changes = [];

    public CompanyFilterPanelTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        SetRendererInfo(new RendererInfo("Server", true));
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
    }

    private IRenderedComponent<CompanyFilterPanel> RenderPanel(CompanyFilter filter)
    {
        Render<MudPopoverProvider>();
        return Render<CompanyFilterPanel>(p => p
            .Add(x => x.Filter, filter)
            .Add(x => x.FilterChanged, (CompanyFilter f) => _changes.Add(f)));
    }

    [Fact]
    public void Choosing_a_camp_adds_it_and_goes_back_to_page_one()
    {
        var cut = RenderPanel(new CompanyFilter { Camps = [Camp.General], Page = 3 });

        cut.Find("[data-testid=camp-vertical]").Click();

        var change = Assert.Single(_changes);
        Assert.Equal([Camp.General, Camp.Vertical], change.Camps);
        Assert.Equal(1, change.Page);
        Assert.Equal("/companies?camp=general,vertical", change.ToUrl());
    }

    [Fact]
    public void Choosing_a_selected_camp_again_removes_it()
    {
        var cut = RenderPanel(new CompanyFilter { Camps = [Camp.Vertical] });

        Assert.Equal("true", cut.Find("[data-testid=camp-vertical]").GetAttribute("aria-pressed"));
        Assert.Equal("false", cut.Find("[data-testid=camp-general]").GetAttribute("aria-pressed"));
        cut.Find("[data-testid=camp-vertical]").Click();

        Assert.Empty(Assert.Single(_changes).Camps);
    }

    [Fact]
    public void Clearing_drops_every_filter_but_keeps_the_sort()
    {
        var cut = RenderPanel(new CompanyFilter { Search = "百川", Camps = [Camp.Vertical], Kind = OrganizationKind.Startup, FoundedFrom = 2019, Sort = CompanySort.Valuation, Page = 2 });

        cut.Find("[data-testid=clear-filters]").Click();

        Assert.Equal("/companies?sort=valuation", Assert.Single(_changes).ToUrl());
    }

    [Fact]
    public void Without_filters_there_is_nothing_to_clear()
    {
        var cut = RenderPanel(new CompanyFilter { Sort = CompanySort.Funding });

        Assert.Empty(cut.FindAll("[data-testid=clear-filters]"));
    }

    [Fact]
    public void Typing_a_search_filters_by_it_trimmed()
    {
        var cut = RenderPanel(new CompanyFilter { Page = 2 });

        cut.Find("#company-search").Input("  百川 ");

        cut.WaitForAssertion(() => Assert.Equal("/companies?q=%E7%99%BE%E5%B7%9D", Assert.Single(_changes).ToUrl()), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_founding_year_keeps_the_other_filters()
    {
        var cut = RenderPanel(new CompanyFilter { Camps = [Camp.General] });

        var from = cut.FindComponents<MudNumericField<int?>>()[0].Find("input");
        from.Change("2021");

        cut.WaitForAssertion(() => Assert.Equal("/companies?camp=general&from=2021", Assert.Single(_changes).ToUrl()), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_select_value_the_panel_never_offered_is_refused()
    {
        var cut = RenderPanel(new CompanyFilter());

        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<OrganizationKind?>>().Instance.ValueChanged.InvokeAsync((OrganizationKind)999));
        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<OrganizationStatus?>>().Instance.ValueChanged.InvokeAsync((OrganizationStatus)42));
        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<CompanySort>>().Instance.ValueChanged.InvokeAsync((CompanySort)7));

        Assert.Empty(_changes);
    }

    [Fact]
    public async Task An_overlong_search_is_cut_to_the_limit()
    {
        var cut = RenderPanel(new CompanyFilter());

        await cut.InvokeAsync(() => cut.FindComponent<MudTextField<string>>().Instance.ValueChanged.InvokeAsync(new string('x', 10_000)));

        Assert.Equal(CompanyFilter.MaxSearchLength, Assert.Single(_changes).Search!.Length);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        CultureInfo.CurrentUICulture = _previous;
        await base.DisposeAsync();
    }
}
