using System.Globalization;
using Bunit;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;
using LlmWatch.Tests.Infrastructure;
using LlmWatch.Web.Features.Funding;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace LlmWatch.Tests.Components;

/// <summary>A company's funding timeline: each dated deal spans the period its date names, undated deals are listed apart, never an empty chart.</summary>
public sealed class DealTimelineTests : BunitContext, IAsyncLifetime
{
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

    public DealTimelineTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddSingleton(FxRates.Load(RepositoryData.Directory));
        SetRendererInfo(new RendererInfo("Server", true));
    }

    private static TimelineDeal Deal(string key, string? date, DealStatus status = DealStatus.Completed, DealKind kind = DealKind.EquityRound, Money? amount = null) =>
        new(key, kind, DealStage.Unknown, null, status, date is null ? null : PartialDate.Parse(date), amount, null);

    [Fact]
    public void A_year_only_deal_spans_its_whole_year_and_a_month_its_month()
    {
        var layout = DealTimelineLayout.Of([Deal("year", "2023"), Deal("month", "2023-04"), Deal("day", "2023-07-11")]);

        var year = layout.Placed.Single(p => p.Deal.Key == "year");
        var month = layout.Placed.Single(p => p.Deal.Key == "month");
        var day = layout.Placed.Single(p => p.Deal.Key == "day");
        Assert.Equal(layout.YearX(2023), year.X);
        Assert.Equal(layout.PxPerYear, year.Width);
        Assert.Equal(layout.YearX(2023) + 3 * layout.PxPerYear / 12, month.X, 6);
        Assert.Equal(layout.PxPerYear / 12, month.Width, 6);
        Assert.InRange(day.X, layout.YearX(2023) + 6 * layout.PxPerYear / 12, layout.YearX(2023) + 7 * layout.PxPerYear / 12);
        Assert.Equal(DealTimelineLayout.MinMarkWidth, day.Width);
        // One row each, in date order.
        Assert.Equal(["year", "month", "day"], layout.Placed.OrderBy(p => p.Row).Select(p => p.Deal.Key));
    }

    [Fact]
    public void The_axis_runs_from_the_first_deals_year_to_the_last()
    {
        var layout = DealTimelineLayout.Of([Deal("a", "2021-11"), Deal("b", "2023")]);

        Assert.Equal(2021, layout.FirstYear);
        Assert.Equal(2023, layout.LastYear);
        Assert.Equal(3 * layout.PxPerYear, layout.AxisWidth);
        Assert.Equal(layout.YearX(2023), layout.Placed.Single(p => p.Deal.Key == "b").X);
    }

    [Fact]
    public void Undated_deals_are_listed_apart_not_guessed_onto_the_axis()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        var cut = Render<DealTimeline>(p => p.Add(x => x.Deals, [Deal("dated", "2023", DealStatus.InProgress), Deal("undated", null, amount: new Money("CNY", 100_000_000, 999_999_999, "数亿元"))]));

        Assert.Single(cut.FindAll("[data-testid=timeline-deal]"));
        var undated = cut.Find("[data-testid=undated-deal]");
        Assert.Equal("undated", undated.GetAttribute("data-timeline-deal"));
        Assert.Contains("the source does not state a date", undated.TextContent);
        Assert.Contains("CN¥100M–1B", undated.TextContent);
    }

    [Fact]
    public void A_company_whose_deals_are_all_undated_still_shows_them()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        var cut = Render<DealTimeline>(p => p.Add(x => x.Deals, [Deal("only", null)]));

        Assert.Empty(cut.FindAll("svg"));
        Assert.Contains("来源未给出日期", cut.Find("[data-testid=undated-deal]").TextContent);
    }

    [Fact]
    public void Status_and_kind_look_different_and_each_mark_says_what_it_is_on_hover()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        var cut = Render<DealTimeline>(p => p.Add(x => x.Deals,
        [
            Deal("raised", "2022-01"),
            Deal("planned-sale", "2023", DealStatus.Planned, DealKind.ShareSale, new Money("CNY", 1_300_000_000, 1_300_000_000, "大概13亿元", true)),
            Deal("failed", "2023", DealStatus.Failed, DealKind.FailedRaise),
        ]));

        string Classes(string key) => cut.Find($"[data-timeline-deal={key}] rect").GetAttribute("class")!;
        Assert.Contains("lw-deal-raised", Classes("raised"));
        Assert.Contains("lw-deal-other", Classes("planned-sale"));
        Assert.Contains("lw-deal-failed", Classes("failed"));
        Assert.Single(cut.FindAll("[data-timeline-deal=planned-sale] .lw-deal-pending-hatch"));
        Assert.Empty(cut.FindAll("[data-timeline-deal=raised] .lw-deal-pending-hatch"));
        var title = cut.Find("[data-timeline-deal=planned-sale] title").TextContent;
        Assert.Contains("Share sale", title);
        Assert.Contains("Planned", title);
        Assert.Contains("≈ CN¥1.3B", title);
        Assert.Contains("Not counted as raised", title);
        Assert.Contains("Counts as raised", cut.Find(".lw-legend").TextContent);
        Assert.Contains("Counted as raised:", cut.Find("[data-testid=raised-rule]").TextContent);
    }

    [Fact]
    public void Text_stays_legible_on_a_phone_the_drawing_is_never_scaled_below_its_size()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        var cut = Render<DealTimeline>(p => p.Add(x => x.Deals, [Deal("a", "2019"), Deal("b", "2023-07")]));

        var svg = cut.Find("svg");
        var width = svg.GetAttribute("viewBox")!.Split(' ')[2];
        Assert.Contains($"min-width:{width}px", svg.GetAttribute("style"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        CultureInfo.CurrentUICulture = _previous;
        await base.DisposeAsync();
    }
}
