using LlmWatch.Data;
using LlmWatch.Data.Values;

namespace LlmWatch.Tests.Data;

public sealed class PagingTests
{
    [Theory]
    [InlineData(0, 20, 1)]
    [InlineData(1, 20, 1)]
    [InlineData(20, 20, 1)]
    [InlineData(21, 20, 2)]
    [InlineData(10_000, 25, 400)]
    public void An_empty_list_has_one_page_and_a_partly_filled_page_counts(int total, int pageSize, int pages) =>
        Assert.Equal(pages, Paging.PageCount(total, pageSize));

    [Theory]
    [InlineData(5, 45, 20, 5)]
    [InlineData(2, 45, 20, 2)]
    [InlineData(0, 45, 20, 1)]
    [InlineData(3, 0, 20, 3)]
    public void A_page_past_the_end_stays_that_page_and_is_empty(int asked, int total, int pageSize, int shown)
    {
        Assert.Equal(shown, Paging.Clamp(asked, total, pageSize));
        Assert.Equal(asked > Paging.PageCount(total, pageSize), new Paged<int>([], total, shown, pageSize).IsPastTheEnd);
    }

    [Theory]
    [InlineData(int.MaxValue, 1000, int.MaxValue)]
    [InlineData(2_147_485, 1000, int.MaxValue)]
    [InlineData(3, 1000, 2000)]
    public void Page_arithmetic_cannot_wrap_around(int page, int pageSize, int skip)
    {
        Assert.Equal(skip, Paging.Skip(page, pageSize));
        Assert.True(Paging.PageCount(int.MaxValue, 1000) > 0);
    }

    [Theory]
    [InlineData(100, 100, false)]
    [InlineData(101, 100, true)]
    [InlineData(11, 1000, true)]
    [InlineData(int.MaxValue, 1000, true)]
    public void A_page_deeper_than_the_maximum_offset_is_too_deep(int page, int pageSize, bool tooDeep) =>
        Assert.Equal(tooDeep, Paging.IsTooDeep(page, pageSize));

    [Fact]
    public void A_page_maps_its_items_and_keeps_its_counts()
    {
        var page = new Paged<int>([1, 2], 45, 2, 20, TotalIsCapped: true);

        var mapped = page.Map(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(["1", "2"], mapped.Items);
        Assert.Equal((45, 2, 20, true, 3), (mapped.Total, mapped.Page, mapped.PageSize, mapped.TotalIsCapped, mapped.PageCount));
        Assert.Equal(20, Paging.Skip(2, 20));
    }
}

public sealed class DateRangeTests
{
    [Theory]
    [InlineData("2023", true)]
    [InlineData("2023-04", true)]
    [InlineData("2023-04-01", true)]
    [InlineData("2023-06-30", true)]
    [InlineData("2023-03", false)]
    [InlineData("2023-03-31", false)]
    [InlineData("2023-07", false)]
    [InlineData("2022", false)]
    [InlineData("2024", false)]
    public void A_date_is_in_a_range_when_its_period_overlaps_it_in_memory_and_as_stored_text(string date, bool inside)
    {
        PartialDate? from = PartialDate.Parse("2023-04"), to = PartialDate.Parse("2023-06");
        var d = PartialDate.Parse(date);

        Assert.Equal(inside, DateRange.Overlaps(d, from, to));
        // The bounds SQL compares the stored ISO text with give the same answer.
        var b = DateRange.Overlapping(from, to);
        var text = d.ToString();
        var atLeast = string.CompareOrdinal(text, b.AtLeast.ToString()) >= 0 || text == b.Year.ToString() || text == b.Month.ToString();
        Assert.Equal(inside, atLeast && string.CompareOrdinal(text, b.AtMost.ToString()) <= 0);
    }

    [Fact]
    public void An_undated_item_is_in_no_bounded_range_and_in_the_unbounded_one()
    {
        Assert.False(DateRange.Overlaps(null, PartialDate.Parse("2023"), null));
        Assert.True(DateRange.Overlaps(null, null, null));
    }
}
