using System.Globalization;
using System.Text.RegularExpressions;
using LlmWatch.Data;
using LlmWatch.Data.Seed;
using LlmWatch.Data.Values;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Values;

/// <summary>
/// Every amount of money in the seed, printed as it is and converted to the other currency, in both languages: never more precise than
/// its source (the source's significant digits, one more once converted), the currency said once in a range, 万/亿 in Chinese.
/// </summary>
public sealed partial class SeedMoneyFormatTests
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");
    private static readonly FxRates Rates = FxRates.Load(RepositoryData.Directory);

    public static TheoryData<string, string, long, long?, string, bool, string?> SeedMoney()
    {
        var (set, errors) = SeedReader.Read(RepositoryData.Directory);
        Assert.Empty(errors);
        var data = new TheoryData<string, string, long, long?, string, bool, string?>();
        foreach (var d in set.Deals)
        {
            if (d.Amount is { } a) data.Add($"{d.Slug} amount", a.Currency, a.Min, a.Max, a.Text, a.Approximate, d.Date);
            if (d.Valuation is { } v) data.Add($"{d.Slug} valuation", v.Currency, v.Min, v.Max, v.Text, v.Approximate, d.Date);
        }
        foreach (var s in set.Statistics.Where(s => s.Unit is "CNY" or "USD"))
            data.Add($"{s.Slug} value", s.Unit, s.Value.Min, s.Value.Max, s.Value.Text, s.Value.Approximate, s.Date);
        return data;
    }

    [Fact]
    public void The_suite_covers_every_amount_in_the_seed()
    {
        Assert.True(SeedMoney().Count() >= 8, $"{SeedMoney().Count()} amounts");
    }

    [Theory]
    [MemberData(nameof(SeedMoney))]
    public void Each_amount_prints_to_its_sources_precision_in_both_languages(string what, string currency, long min, long? max, string text, bool approximate, string? date)
    {
        var money = new Money(currency, min, max, text, approximate);
        var other = currency == "CNY" ? "USD" : "CNY";
        var converted = Rates.Convert(money, other, OrganizationFigures.RateDate(date is null ? null : PartialDate.Parse(date)));

        foreach (var culture in new[] { En, Zh })
        {
            AssertHonest(what, money.Format(culture), money.SignificantDigits, culture, currency);
            AssertHonest(what + " converted", converted.Format(culture), money.SignificantDigits + 1, culture, other);
        }
    }

    private static void AssertHonest(string what, string printed, int digits, CultureInfo culture, string currency)
    {
        foreach (Match number in Number().Matches(printed))
            Assert.True(SignificantDigits(number.Value) <= digits, $"{what}: “{printed}” shows {number.Value}, more than {digits} significant digit(s)");
        if (culture.IsChinese())
        {
            Assert.DoesNotMatch("[KMBT]", printed);
            Assert.Equal(1, Regex.Count(printed, currency == "CNY" ? "(?<!美)元" : "美元"));
        }
        else
        {
            Assert.DoesNotMatch("[万亿]", printed);
            Assert.Equal(1, Regex.Count(printed, currency == "CNY" ? "CN¥" : "US\\$"));
        }
    }

    /// <summary>The significant digits a printed number shows: "1.4" two, "1400" two, "138" three.</summary>
    private static int SignificantDigits(string number)
    {
        var digits = number.Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal).TrimStart('0').TrimEnd('0');
        return Math.Max(1, digits.Length);
    }

    [Theory]
    [InlineData("en", "US$14M–140M")]
    [InlineData("zh-CN", "1400万–1.4亿美元")]
    public void Several_hundred_million_yuan_reads_as_its_one_digit_allows(string language, string expected)
    {
        var converted = Rates.Convert(new Money("CNY", 100_000_000, 999_999_999, "数亿元"), "USD", OrganizationFigures.RateDate(null));

        Assert.Equal(expected, converted.Format(CultureInfo.GetCultureInfo(language)));
    }

    [Fact]
    public void The_check_rejects_the_false_precision_it_replaced()
    {
        Assert.ThrowsAny<Exception>(() => AssertHonest("old", "US$13.8M–US$137.96M", 2, En, "USD"));
        Assert.ThrowsAny<Exception>(() => AssertHonest("old", "1379.58万–1.38亿美元", 2, Zh, "USD"));
    }

    [GeneratedRegex(@"\d[\d,]*(?:\.\d+)?")]
    private static partial Regex Number();
}
