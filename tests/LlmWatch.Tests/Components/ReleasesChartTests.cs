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

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 1)]
    [InlineData(5, 2)]
    [InlineData(9, 5)]
    [InlineData(75, 20)]
    [InlineData(90, 25)]
    [InlineData(400, 100)]
    [InlineData(401, 200)]
    [InlineData(950, 250)]
    [InlineData(12_345, 5_000)]
    [InlineData(1_000_001, 500_000)]
    public void The_axis_steps_through_round_numbers_for_any_count(int max, int step) => Assert.Equal(step, ReleasesChartData.TickStep(max));

    [Fact]
    public void A_landscape_with_thousands_of_releases_a_year_is_drawn_with_a_readable_axis()
    {
        // Seen at 100k synthetic organisations: the axis ran out of steps past 400 models a year and /models answered 500.
        var cut = Render<ReleasesChart>(p => p.Add(x => x.Releases, [R(2024, "a", 12_000), R(2025, "a", 31_234)]));
        Assert.Equal(["0", "10,000", "20,000", "30,000", "40,000"], cut.FindAll("[data-testid=releases-tick]").Select(t => t.TextContent));
        Assert.Contains(cut.FindAll(".lw-tick"), t => t.TextContent == "31,234");
        // The labels' column grows with them, so the axis title beside it is not written over.
        var gridStart = double.Parse(cut.Find("line.lw-grid").GetAttribute("x1")!, CultureInfo.InvariantCulture);
        Assert.True(gridStart >= 28 + 7 * "40,000".Length, $"the grid starts at {gridStart}");
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

    [Fact]
    public void Twelve_years_fit_a_phones_column_without_scrolling_every_other_year_labelled_the_last_always()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        var cut = Render<ReleasesChart>(p => p.Add(x => x.Releases, Enumerable.Range(2014, 12).Select(y => R(y, "a", y - 2010)).ToList()));

        var svg = cut.Find("svg");
        var width = double.Parse(svg.GetAttribute("viewBox")!.Split(' ')[2], CultureInfo.InvariantCulture);
        // Drawn for a 390 px phone (its column is about 350 px): a box that scales with its column, no fixed width, nothing to scroll.
        Assert.InRange(width, ReleasesChartData.PhoneWidth, 350);
        Assert.Null(svg.GetAttribute("width"));
        Assert.StartsWith("width:100%", svg.GetAttribute("style"));
        Assert.DoesNotContain("min-width", svg.GetAttribute("style"));
        Assert.Empty(cut.FindAll(".lw-chart-scroll"));
        Assert.Equal(["2015", "2017", "2019", "2021", "2023", "2025"], cut.FindAll("[data-testid=releases-year-label]").Select(t => t.TextContent));
        Assert.Equal(12, cut.FindAll("[data-testid=releases-year]").Count);
        Assert.Equal(12, cut.FindAll("[data-testid=releases-table] tbody tr").Count);
    }

    [Fact]
    public void A_few_years_are_each_labelled()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        var cut = Render<ReleasesChart>(p => p.Add(x => x.Releases, [R(2023, "a", 1), R(2024, "a", 2), R(2025, "a", 3)]));

        Assert.Equal(["2023", "2024", "2025"], cut.FindAll("[data-testid=releases-year-label]").Select(t => t.TextContent));
    }

    [Theory]
    [InlineData(1_000_000_000_000L, "1000000000000.0", false)]
    [InlineData(6_738_415_616L, "6738415616", false)]
    [InlineData(175_000_000_000L, "1.75e+11", false)]
    [InlineData(247_000_000L, "247000000.00000003", false)]
    [InlineData(13_000_000_000L, "13B", false)]
    [InlineData(10_000_000_000L, "百亿级别", true)]
    [InlineData(1_000_000_000_000L, "1000000000001.0", true)]
    public void A_figures_own_words_are_shown_only_when_they_say_more_than_the_figure(long value, string text, bool shown)
    {
        var quantity = new LlmWatch.Data.Values.Quantity(value, value, text);

        Assert.Equal(shown, ParameterFigure.TextAddsToFigure(quantity, quantity.Format(CultureInfo.GetCultureInfo("en"))));
    }

    [Fact]
    public void A_dataset_cell_is_not_repeated_beside_its_figure_but_an_articles_words_are()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        var cell = Render<ModelParameters>(p => p.Add(x => x.Value, new LlmWatch.Data.Values.Quantity(1_000_000_000_000L, 1_000_000_000_000L, "1000000000000.0")));
        var words = Render<ModelParameters>(p => p.Add(x => x.Value, new LlmWatch.Data.Values.Quantity(10_000_000_000L, 99_999_999_999L, "百亿级别")));

        Assert.Equal("1T", cell.Find(".lw-money-figure").TextContent);
        Assert.Equal("1000000000000", cell.Find(".lw-money-figure").GetAttribute("value"));
        Assert.DoesNotContain("1000000000000.0", cell.Markup);
        Assert.Empty(cell.FindAll(".lw-money-original"));
        Assert.Equal("百亿级别", words.Find(".lw-money-original").TextContent);
    }

    [Fact]
    public void A_row_report_names_the_rows_day_and_links_its_publisher_and_number_to_the_row()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        var report = new ModelReport(1, "epoch-ai-models-china", "Epoch AI", null, 28, new DateOnly(2025, 1, 20), "https://example.org/r1", "DeepSeek-R1 paper",
            null, null, null, null, null, null, null, null);
        var full = Render<RowReport>(p => p.Add(x => x.Report, report).Add(x => x.Href, "/sources/epoch-ai-models-china#row-28"));
        var brief = Render<RowReport>(p => p.Add(x => x.Report, report).Add(x => x.Href, "/sources/epoch-ai-models-china#row-28").Add(x => x.WithReference, false));

        Assert.Equal("Reported 2025-01-20 (DeepSeek-R1 paper), via Epoch AI · row 28 of the dataset", full.Find("p").TextContent);
        Assert.Equal("Reported 2025-01-20, via Epoch AI · row 28 of the dataset", brief.Find("p").TextContent);
        Assert.Equal("/sources/epoch-ai-models-china#row-28", brief.Find("[data-testid=row-link]").GetAttribute("href"));
    }

    [Theory]
    [InlineData("https://arxiv.org/abs/2311.03079\nhttps://huggingface.co/THUDM/cogvlm-chat-hf\n", "https://arxiv.org/abs/2311.03079")]
    [InlineData("https://www.zhipuai.cn/en/news/76\n\nhttps://huggingface.co/zai-org/chatglm3-6b", "https://www.zhipuai.cn/en/news/76")]
    [InlineData("  https://example.org/r1 ", "https://example.org/r1")]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("see the paper", null)]
    [InlineData(null, null)]
    public void A_rows_reference_links_its_first_web_address_only(string? cell, string? href)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        var report = new ModelReport(1, "epoch-ai-models-china", "Epoch AI", null, 28, new DateOnly(2025, 1, 20), cell, "A paper",
            null, null, null, null, null, null, null, null);
        var cut = Render<RowReport>(p => p.Add(x => x.Report, report).Add(x => x.Href, "/sources/epoch-ai-models-china#row-28"));

        var links = cut.FindAll("a[target=_blank]");
        if (href is null) Assert.Empty(links);
        else Assert.Equal(href, Assert.Single(links).GetAttribute("href"));
        Assert.Contains("(A paper)", cut.Find("p").TextContent);
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
