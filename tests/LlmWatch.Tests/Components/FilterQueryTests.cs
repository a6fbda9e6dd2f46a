using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;
using LlmWatch.Web.Components.Shared;

namespace LlmWatch.Tests.Components;

/// <summary>The one parser of list filters: every value it cannot read is dropped and named, never thrown.</summary>
public sealed class FilterQueryTests
{
    private static FilterQuery Of(string query) => FilterQuery.FromUri("https://example.test/list?" + query);

    [Fact]
    public void Values_of_a_closed_set_read_in_their_api_spelling_and_anything_else_is_named_with_what_is_allowed()
    {
        var q = Of("camp=built-on-others&kind=bank");

        Assert.Equal(Camp.BuiltOnOthers, q.Enum<Camp>("camp"));
        Assert.Null(q.Enum<OrganizationKind>("kind"));
        var problem = Assert.Single(q.Problems);
        Assert.Equal("kind", problem.Parameter);
        Assert.Contains("startup, big-tech", problem.Detail);
    }

    [Fact]
    public void A_list_of_values_comes_back_ordered_and_once_and_a_bad_part_is_named_once()
    {
        var q = Of("camp=application,general,unicorn,general,nope");

        Assert.Equal([Camp.General, Camp.Application], q.Enums<Camp>("camp"));
        Assert.Equal(["camp"], q.Ignored);
    }

    [Fact]
    public void A_to_before_the_from_is_dropped_and_named()
    {
        var dates = Of("from=2023-07&to=2023-01");
        var years = Of("from=2023&to=2020");

        Assert.Equal((PartialDate.Parse("2023-07"), (PartialDate?)null), dates.Dates());
        Assert.Equal((2023, (int?)null), years.Years());
        Assert.Equal(["to"], dates.Ignored);
        Assert.Equal(["to"], years.Ignored);
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("page=-1")]
    [InlineData("page=abc")]
    [InlineData("page=99999999999")]
    public void A_page_that_is_not_a_whole_number_from_one_is_the_first_page(string query)
    {
        var q = Of(query);

        Assert.Equal(1, q.Page());
        Assert.Equal(["page"], q.Ignored);
    }

    [Fact]
    public void The_page_size_is_the_lists_own_unless_the_reader_sets_a_default_or_the_address_asks()
    {
        Assert.Equal(20, Of("").PageSize(20));
        Assert.Equal(100, new FilterQuery([], FilterQuery.DefaultApiPageSize).PageSize(20));
        Assert.Equal(7, Of("pageSize=7").PageSize(20));
        var tooBig = Of("pageSize=1001");
        Assert.Equal(20, tooBig.PageSize(20));
        Assert.Equal(["pageSize"], tooBig.Ignored);
    }

    [Fact]
    public void A_search_longer_than_the_limit_is_cut_there_and_named()
    {
        var q = Of("q=" + new string('a', FilterQuery.MaxSearchLength + 5));

        Assert.Equal(FilterQuery.MaxSearchLength, q.Search()!.Length);
        Assert.Equal(["q"], q.Ignored);
        Assert.Equal("baichuan", Of("q=%20baichuan%20").Search());
        Assert.Null(Of("q=%20%20").Search());
    }

    [Fact]
    public void A_looked_up_slug_is_kept_only_when_found()
    {
        var q = Of("company=baichuan&person=nobody");

        Assert.Equal("baichuan", q.Found("company", "baichuan"));
        Assert.Null(q.Found("person", null));
        Assert.Equal(["person"], q.Ignored);
    }

    [Theory]
    [InlineData("<script>", "(the value given)")]
    [InlineData("built-on-others", "built-on-others")]
    public void A_message_repeats_only_plain_values(string value, string echoed) => Assert.Equal(echoed, FilterQuery.Echo(value));
}
