using LlmWatch.Data.Entities;
using LlmWatch.Web.Features.Companies;

namespace LlmWatch.Tests.Features.Companies;

public sealed class CompanyFilterTests
{
    [Fact]
    public void A_full_query_string_round_trips()
    {
        var filter = CompanyFilter.Parse("百川", "vertical,general", "startup", "active", "2019", "2023", "funding", "2");

        Assert.Equal("q=%E7%99%BE%E5%B7%9D&camp=general,vertical&kind=startup&status=active&from=2019&to=2023&sort=funding&page=2", filter.ToQueryString());
        Assert.Empty(filter.Ignored);
        Assert.Equal([Camp.General, Camp.Vertical], filter.Camps);
    }

    [Fact]
    public void Defaults_make_a_bare_address()
    {
        Assert.Equal("/companies", CompanyFilter.Parse(null, null, null, null, null, null, null, null).ToUrl());
        Assert.Equal("/companies", CompanyFilter.Parse("  ", "", "", "", "", "", "name", "1").ToUrl());
    }

    [Theory]
    [InlineData("foo", null, null, null, null, null, "camp")]
    [InlineData(null, "-1", null, null, null, null, "page")]
    [InlineData(null, "0", null, null, null, null, "page")]
    [InlineData(null, "1e3", null, null, null, null, "page")]
    [InlineData(null, null, "zzz", null, null, null, "sort")]
    [InlineData(null, null, null, "2023-13", null, null, "from")]
    [InlineData(null, null, null, "2023", "2019", null, "to")]
    [InlineData(null, null, null, null, null, "Investor", "kind")]
    public void Malformed_values_are_dropped_and_named(string? camp, string? page, string? sort, string? from, string? to, string? kind, string parameter)
    {
        var filter = CompanyFilter.Parse(null, camp, kind, null, from, to, sort, page);

        Assert.Equal([parameter], filter.Ignored);
        Assert.Equal(1, filter.Page);
        Assert.Equal(CompanySort.Name, filter.Sort);
    }

    [Fact]
    public void An_overlong_search_is_cut_and_noted()
    {
        var filter = CompanyFilter.Parse(new string('a', 500), null, null, null, null, null, null, null);

        Assert.Equal(CompanyFilter.MaxSearchLength, filter.Search!.Length);
        Assert.Equal(["q"], filter.Ignored);
    }
}
