using System.Globalization;
using Bunit;
using LlmWatch.Data.Entities;
using LlmWatch.Web.Components.Shared;
using LlmWatch.Web.Features.Companies;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace LlmWatch.Tests.Components;

/// <summary>The directory's filter panel is a plain GET form: its fields show the current filter and carry the names CompanyFilter.Parse reads.</summary>
public sealed class CompanyFilterPanelTests : BunitContext, IAsyncLifetime
{
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

    public CompanyFilterPanelTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        // Links keep the page's asOf through AsOfView (today's view here: the test's address has none).
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<LlmWatch.Web.Features.AsOf.AsOfView>();
        SetRendererInfo(new RendererInfo("Static", false));
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
    }

    private IRenderedComponent<CompanyFilterPanel> RenderPanel(CompanyFilter filter) =>
        Render<CompanyFilterPanel>(p => p.Add(x => x.Filter, filter));

    [Fact]
    public void The_panel_is_a_GET_form_to_the_directory_applied_by_enhanced_navigation()
    {
        var form = RenderPanel(new CompanyFilter()).Find("form");

        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal("/companies", form.GetAttribute("action"));
        Assert.True(form.HasAttribute("data-enhance"));
        Assert.Empty(RenderPanel(new CompanyFilter()).FindAll("input[name=page]"));
    }

    [Fact]
    public void The_fields_show_the_current_filter()
    {
        var cut = RenderPanel(new CompanyFilter
        {
            Search = "百川", Camps = [Camp.Vertical, Camp.General], Kind = OrganizationKind.Startup, Status = OrganizationStatus.Acquired,
            FoundedFrom = 2019, FoundedTo = 2023, Sort = CompanySort.Valuation, IncludeUndated = true,
        });

        Assert.Equal("百川", cut.Find("input[name=q]").GetAttribute("value"));
        Assert.Equal(["general", "vertical"], cut.FindAll("input[name=camp][checked]").Select(c => c.GetAttribute("value")));
        Assert.Equal(OrganizationKind.Startup.ToApi(), cut.Find("select[name=kind] option[selected]").GetAttribute("value"));
        Assert.Equal(OrganizationStatus.Acquired.ToApi(), cut.Find("select[name=status] option[selected]").GetAttribute("value"));
        Assert.Equal("2019", cut.Find("input[name=from]").GetAttribute("value"));
        Assert.Equal("2023", cut.Find("input[name=to]").GetAttribute("value"));
        Assert.Equal("valuation", cut.Find("select[name=sort] option[selected]").GetAttribute("value"));
        Assert.Equal("true", cut.Find($"input[name={FilterQuery.IncludeUndatedName}]").GetAttribute("value"));
    }

    [Fact]
    public void Every_field_name_is_a_parameter_the_directory_reads()
    {
        var names = RenderPanel(new CompanyFilter { IncludeUndated = true }).FindAll("[name]").Select(f => f.GetAttribute("name")!).Distinct();

        Assert.All(names, n => Assert.Contains(n, CompanyFilter.Parameters));
    }

    [Fact]
    public void The_default_order_sends_nothing_so_it_stays_out_of_the_address()
    {
        var options = RenderPanel(new CompanyFilter()).FindAll("select[name=sort] option");

        Assert.Equal("", options.Single(o => o.HasAttribute("selected")).GetAttribute("value"));
        Assert.Null(CompanyFilter.Parse("", null, null, null, null, null, "", null).Ignored.FirstOrDefault());
    }

    [Fact]
    public void Clearing_is_a_link_that_drops_every_filter_but_keeps_the_sort()
    {
        var cut = RenderPanel(new CompanyFilter { Camps = [Camp.Vertical], Search = "x", Sort = CompanySort.Funding, Page = 3 });

        Assert.Equal("/companies?sort=funding", cut.Find("[data-testid=clear-filters]").GetAttribute("href"));
    }

    [Fact]
    public void Without_filters_there_is_nothing_to_clear()
    {
        Assert.Empty(RenderPanel(new CompanyFilter()).FindAll("[data-testid=clear-filters]"));
    }

    [Fact]
    public void The_search_box_holds_no_more_than_the_parser_reads()
    {
        var box = RenderPanel(new CompanyFilter()).Find("input[name=q]");

        Assert.Equal(CompanyFilter.MaxSearchLength.ToString(CultureInfo.InvariantCulture), box.GetAttribute("maxlength"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        CultureInfo.CurrentUICulture = _previous;
        await base.DisposeAsync();
    }
}
