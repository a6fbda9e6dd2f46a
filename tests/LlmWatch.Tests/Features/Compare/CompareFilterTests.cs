using LlmWatch.Web.Components.Shared;
using LlmWatch.Web.Features.Compare;
using Microsoft.AspNetCore.WebUtilities;

namespace LlmWatch.Tests.Features.Compare;

public sealed class CompareFilterTests
{
    private static (CompareFilter Filter, FilterQuery Query) Parse(string query)
    {
        var q = new FilterQuery(QueryHelpers.ParseQuery(query));
        return (CompareFilter.Parse(q), q);
    }

    [Theory]
    [InlineData("?c=zhipu-ai,minimax", new[] { "zhipu-ai", "minimax" })]
    [InlineData("?c=zhipu-ai&c=minimax", new[] { "zhipu-ai", "minimax" })] // the directory's checkboxes
    [InlineData("?c=zhipu-ai,+minimax+,zhipu-ai,", new[] { "zhipu-ai", "minimax" })]
    [InlineData("", new string[0])]
    public void Slugs_are_read_once_each_in_the_order_given(string query, string[] expected)
    {
        var (filter, q) = Parse(query);
        Assert.Equal(expected, filter.Slugs);
        Assert.Empty(q.Problems);
        Assert.False(filter.TooMany);
    }

    [Fact]
    public void More_than_four_are_cut_to_the_first_four_and_reported()
    {
        var (filter, q) = Parse("?c=a,b,c,d,e");
        Assert.Equal(["a", "b", "c", "d"], filter.Slugs);
        Assert.True(filter.TooMany);
        Assert.Equal(5, filter.Given);
        Assert.Equal("c", Assert.Single(q.Problems).Parameter);
    }

    [Theory]
    [InlineData("?c=zhipu-ai,<script>")]
    [InlineData("?c=Zhipu-AI,zhipu-ai")]
    [InlineData("?c=zhipu-ai,../etc")]
    public void A_value_that_is_not_slug_shaped_is_dropped_and_reported(string query)
    {
        var (filter, q) = Parse(query);
        Assert.Equal(["zhipu-ai"], filter.Slugs);
        Assert.True(filter.Malformed);
        Assert.Equal("c", q.Problems[0].Parameter);
    }

    [Fact]
    public void The_filter_reads_only_c() => Assert.Equal(["c"], CompareFilter.Parameters);

    [Fact]
    public void A_comparison_has_an_address_of_its_slugs()
    {
        Assert.Equal("/compare?c=zhipu-ai,minimax", CompareFilter.Url(["zhipu-ai", "minimax"]));
        Assert.Equal("/compare", CompareFilter.Url([]));
    }
}
