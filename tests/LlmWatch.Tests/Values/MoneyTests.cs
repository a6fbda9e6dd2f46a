using System.Globalization;
using LlmWatch.Data.Values;

namespace LlmWatch.Tests.Values;

public sealed class MoneyTests
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    [Fact]
    public void An_exact_amount_has_equal_bounds()
    {
        var money = new Money("USD", 50_000_000, 50_000_000, "5000万美元");

        Assert.True(money.IsExact);
        Assert.False(money.IsOpenEnded);
        Assert.Equal("US$50M", money.Format(En));
        Assert.Equal("5000万美元", money.Format(Zh));
    }

    [Fact]
    public void Several_hundred_million_is_a_range()
    {
        var money = new Money("CNY", 100_000_000, 999_999_999, "数亿元");

        Assert.False(money.IsExact);
        Assert.Equal("CN¥100M–1B", money.Format(En));
        Assert.Equal("1亿–10亿元", money.Format(Zh));
    }

    [Fact]
    public void A_unicorn_is_at_least_a_billion_dollars_with_no_upper_bound()
    {
        var money = new Money("USD", 1_000_000_000, null, "独角兽");

        Assert.True(money.IsOpenEnded);
        Assert.Equal("≥ US$1B", money.Format(En));
        Assert.Equal("≥ 10亿美元", money.Format(Zh));
    }

    [Theory]
    [InlineData(10_000_000_000, "CN¥10B", "100亿元")]
    [InlineData(2_000_000_000, "CN¥2B", "20亿元")]
    [InlineData(3_000_000, "CN¥3M", "300万元")]
    [InlineData(1_300_000_000, "CN¥1.3B", "13亿元")]
    [InlineData(9_999, "CN¥9,999", "9,999元")]
    [InlineData(12_500, "CN¥12.5K", "1.25万元")]
    [InlineData(999, "CN¥999", "999元")]
    public void Large_numbers_read_in_each_languages_own_units(long amount, string en, string zh)
    {
        var money = new Money("CNY", amount, amount, "");

        Assert.Equal(en, money.Format(En));
        Assert.Equal(zh, money.Format(Zh));
    }

    [Theory]
    [InlineData(1_000_000_000_000, null, "≥ 1T", "≥ 1万亿")]
    [InlineData(10_000_000_000, 99_999_999_999L, "10B–100B", "100亿–1000亿")]
    [InlineData(13_000_000_000, 13_000_000_000L, "13B", "130亿")]
    [InlineData(50_000_000_000, 50_000_000_000L, "50B", "500亿")]
    public void Parameter_counts_are_ranges_too(long min, long? max, string en, string zh)
    {
        var quantity = new Quantity(min, max, "");

        Assert.Equal(en, quantity.Format(En));
        Assert.Equal(zh, quantity.Format(Zh));
    }
}
