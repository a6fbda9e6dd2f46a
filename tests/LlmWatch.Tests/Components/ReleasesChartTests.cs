using System.Globalization;
using Bunit;
using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Web.Features.Models;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace LlmWatch.Tests.Components;

/// <summary>The releases chart groups all but the busiest organisations into "others", keeps every year on its axis, and the confidence badge says Epoch AI's word.</summary>
public sealed class ReleasesChartTests : BunitContext, IAsyncLifetime
{
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

    public ReleasesChartTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        SetRendererInfo(new RendererInfo("Server", true));
    }

    private static ReleasesInYear R(int year, string slug, int models) => new(year, slug, slug + "-zh", slug.ToUpperInvariant(), models);

    [Fact]
    public void The_busiest_organisations_keep_their_series_and_the_rest_are_others()
    {
        var (series, years) = ReleasesChartData.Group([R(2020, "a", 5), R(2020, "b", 1), R(2021, "a", 1), R(2021, "c", 3), R(2021, "d", 2), R(2023, "e", 1)], top: 2);

        Assert.Equal(["a", "c", null], series.Select(s => s.Slug));
        Assert.Equal([6, 3, 4], series.Select(s => s.Models));
        // Every year from the first to the last, 2022 empty rather than missing.
        Assert.Equal([2020, 2021, 2022, 2023], years.Select(y => y.Year));
        Assert.Equal([6, 6, 0, 1], years.Select(y => y.Total));
        Assert.Equal([("a", 1), ("c", 3), (null, 2)], years[1].Segments.Select(s => (s.Slug, s.Models)));
    }

    [Fact]
    public void A_single_organisation_beyond_the_top_keeps_its_own_series_rather_than_an_others_of_one()
    {
        var (series, _) = ReleasesChartData.Group([R(2020, "a", 3), R(2020, "b", 2), R(2020, "c", 1)], top: 2);

        Assert.Equal(["a", "b", "c"], series.Select(s => s.Slug));
    }

    [Fact]
    public void Nothing_to_draw_is_said_not_drawn_as_an_empty_axis()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        var cut = Render<ReleasesChart>(p => p.Add(x => x.Releases, []));

        Assert.Empty(cut.FindAll("svg"));
        Assert.Contains("No model with a known release date", cut.Markup);
    }

    [Fact]
    public void Each_stack_has_hover_text_and_the_table_repeats_it()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        var cut = Render<ReleasesChart>(p => p.Add(x => x.Releases, [R(2024, "deepseek", 3), R(2025, "deepseek", 2), R(2025, "moonshot", 1)]).Add(x => x.Top, 8));

        Assert.Equal(["2024", "2025"], cut.FindAll("[data-testid=releases-year]").Select(g => g.GetAttribute("data-year")));
        Assert.Equal("3", cut.Find("[data-year='2025']").GetAttribute("data-total"));
        Assert.Contains(cut.FindAll("rect title"), t => t.TextContent == "2025 · deepseek-zh: 2 个模型");
        Assert.Equal(3, cut.FindAll("[data-testid=releases-table] tbody tr").Count);
    }

    [Theory]
    [InlineData(DatasetConfidence.Confident, "en", "Confident")]
    [InlineData(DatasetConfidence.Speculative, "zh-CN", "推测")]
    public void The_confidence_badge_names_epochs_confidence(DatasetConfidence confidence, string culture, string text)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        var cut = Render<ConfidenceBadge>(p => p.Add(x => x.Value, confidence));

        Assert.Equal(text, cut.Find("[data-testid=confidence]").TextContent);
        Assert.Contains($"lw-confidence-{confidence.ToApi()}", cut.Find("span").ClassName);
    }

    [Fact]
    public void No_confidence_no_badge()
    {
        var cut = Render<ConfidenceBadge>(p => p.Add(x => x.Value, null));

        Assert.Equal("", cut.Markup.Trim());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        CultureInfo.CurrentUICulture = _previous;
        await base.DisposeAsync();
    }
}
