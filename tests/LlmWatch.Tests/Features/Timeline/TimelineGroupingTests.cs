using LlmWatch.Data.Values;
using LlmWatch.Web.Features.Timeline;

namespace LlmWatch.Tests.Features.Timeline;

public sealed class TimelineGroupingTests
{
    private static List<YearGroup<string>> Group(params string?[] dates) =>
        TimelineGrouping.Group(dates.Select(d => d ?? "undated"), d => d == "undated" ? null : PartialDate.Parse(d));

    [Fact]
    public void Years_and_months_come_in_date_order()
    {
        var groups = Group("2023-07-11", "2016", "2023-03-16", "2021-04");

        Assert.Equal([2016, 2021, 2023], groups.Select(g => g.Year));
        Assert.Equal([3, 7], groups[2].Months.Select(m => m.Month));
    }

    [Fact]
    public void A_date_known_only_to_the_year_sits_at_the_start_of_its_year()
    {
        var groups = Group("2023-07-11", "2023", "2023-02-07");

        var months = groups.Single().Months;
        Assert.Null(months[0].Month);
        Assert.Equal(["2023"], months[0].Items);
        Assert.Equal([2, 7], months.Skip(1).Select(m => m.Month));
    }

    [Fact]
    public void A_date_known_only_to_the_month_sits_at_the_start_of_its_month()
    {
        var groups = Group("2023-06-25", "2023-06", "2023-06-23");

        Assert.Equal(["2023-06", "2023-06-23", "2023-06-25"], groups.Single().Months.Single().Items);
    }

    [Fact]
    public void Undated_items_form_a_last_group_without_a_year()
    {
        var groups = Group(null, "2022", null);

        Assert.Equal([2022, null], groups.Select(g => g.Year));
        Assert.Equal(2, groups[^1].Months.Single().Items.Count);
    }

    [Fact]
    public void Nothing_gives_no_groups()
    {
        Assert.Empty(Group());
    }
}
