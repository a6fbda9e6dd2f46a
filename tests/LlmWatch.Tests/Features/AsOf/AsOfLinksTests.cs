using LlmWatch.Data;
using LlmWatch.Web.Features.AsOf;

namespace LlmWatch.Tests.Features.AsOf;

public sealed class AsOfLinksTests
{
    private static readonly DataView June = new(new DateOnly(2023, 6, 1));

    [Theory]
    [InlineData("/companies", "/companies?asOf=2023-06-01")]
    [InlineData("/companies?camp=general&page=2", "/companies?camp=general&page=2&asOf=2023-06-01")]
    [InlineData("/companies/baichuan#deals", "/companies/baichuan?asOf=2023-06-01#deals")]
    [InlineData("/companies?asOf=2024-01-01", "/companies?asOf=2024-01-01")]
    [InlineData("https://example.com/a", "https://example.com/a")]
    [InlineData("//example.com/a", "//example.com/a")]
    public void An_internal_link_keeps_the_views_day(string href, string expected) => Assert.Equal(expected, AsOfLinks.Href(href, June));

    [Fact]
    public void Today_and_recordedAt()
    {
        Assert.Equal("/companies", AsOfLinks.Href("/companies", DataView.Today));
        Assert.Equal("/changes?recordedAt=2026-11-01", AsOfLinks.Href("/changes", new DataView(null, new DateOnly(2026, 11, 1))));
    }

    [Fact]
    public void Days_read_in_both_languages()
    {
        Assert.Equal("1 Jun 2023", AsOfLinks.Display(new DateOnly(2023, 6, 1), new System.Globalization.CultureInfo("en")));
        Assert.Equal("2023年6月1日", AsOfLinks.Display(new DateOnly(2023, 6, 1), new System.Globalization.CultureInfo("zh-CN")));
    }
}
