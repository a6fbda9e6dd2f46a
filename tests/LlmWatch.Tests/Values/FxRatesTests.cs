using LlmWatch.Data.Values;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Values;

public sealed class FxRatesTests
{
    private static readonly FxRates Small = new(
    [
        ("2022-01", 6.0m), ("2022-02", 6.0m), ("2022-03", 6.0m), ("2022-04", 6.0m), ("2022-05", 6.0m), ("2022-06", 6.0m),
        ("2022-07", 7.0m), ("2022-08", 7.0m), ("2022-09", 7.0m), ("2022-10", 7.0m), ("2022-11", 7.0m), ("2022-12", 7.0m),
        ("2023-01", 6.8m), ("2023-07", 7.2m), ("2023-08", 8.0m),
    ]);

    [Fact]
    public void A_month_converts_at_that_months_rate_and_names_it()
    {
        var rate = Small.RateFor(PartialDate.Parse("2023-07"));

        Assert.Equal(new FxRate("2023-07", 7.2m, FxRates.SourceName), rate);
    }

    [Fact]
    public void A_day_converts_at_the_rate_of_its_month()
    {
        Assert.Equal("2023-08", Small.RateFor(PartialDate.Parse("2023-08-02")).Month);
        Assert.Equal(8.0m, Small.RateFor(PartialDate.Parse("2023-08-31")).CnyPerUsd);
    }

    [Fact]
    public void A_year_with_twelve_months_converts_at_their_average_and_says_so()
    {
        var rate = Small.RateFor(PartialDate.Parse("2022"));

        Assert.Equal("2022", rate.Month);
        Assert.Equal(6.5m, rate.CnyPerUsd);
        Assert.EndsWith("average of 12 months", rate.Source);
    }

    [Fact]
    public void A_year_without_all_its_months_falls_back_to_its_July()
    {
        var rate = Small.RateFor(PartialDate.Parse("2023"));

        Assert.Equal(new FxRate("2023-07", 7.2m, FxRates.SourceName), rate);
    }

    [Theory]
    [InlineData("2010-05", "2022-01", 6.0)]
    [InlineData("2030-05", "2023-08", 8.0)]
    [InlineData("2030", "2023-08", 8.0)]
    public void A_date_outside_the_table_uses_the_nearest_month_and_says_so(string date, string month, double rate)
    {
        var used = Small.RateFor(PartialDate.Parse(date));

        Assert.Equal(month, used.Month);
        Assert.Equal((decimal)rate, used.CnyPerUsd);
        Assert.EndsWith("nearest month available", used.Source);
    }

    [Fact]
    public void A_missing_month_inside_the_table_uses_the_nearest_month_not_the_last()
    {
        var used = Small.RateFor(PartialDate.Parse("2023-02"));

        Assert.Equal("2023-01", used.Month);
        Assert.Equal(6.8m, used.CnyPerUsd);
    }

    [Fact]
    public void An_exact_amount_converts_to_an_exact_amount_with_one_digit_more_than_its_source()
    {
        // 100亿 has one significant digit; at 8 per dollar it is 1.25B, kept to two digits.
        var converted = Small.Convert(new Money("CNY", 10_000_000_000, 10_000_000_000, "100亿人民币"), "USD", PartialDate.Parse("2023-08"));

        Assert.Equal("USD", converted.Currency);
        Assert.Equal(1_300_000_000, converted.Min);
        Assert.Equal(1_300_000_000, converted.Max);
        Assert.Equal("2023-08", converted.Rate!.Month);
    }

    [Fact]
    public void A_range_converts_to_a_range()
    {
        var converted = Small.Convert(new Money("CNY", 100_000_000, 999_999_999, "数亿元"), "USD", PartialDate.Parse("2023-08"));

        // 数亿元 has one significant digit (999,999,999 is "just under 10亿"): 12.5M–125M at two digits.
        Assert.Equal(13_000_000, converted.Min);
        Assert.Equal(130_000_000, converted.Max);
    }

    [Fact]
    public void An_open_upper_bound_stays_open()
    {
        var converted = Small.Convert(new Money("USD", 1_000_000_000, null, "独角兽"), "CNY", PartialDate.Parse("2023-07"));

        Assert.Equal(7_200_000_000, converted.Min);
        Assert.Null(converted.Max);
        Assert.StartsWith("≥", converted.Format(System.Globalization.CultureInfo.GetCultureInfo("en")));
    }

    [Fact]
    public void A_precise_source_keeps_its_digits_plus_one()
    {
        var converted = Small.Convert(new Money("CNY", 1_234_000, 1_234_000, "123.4万元"), "USD", PartialDate.Parse("2023-08"));

        // 1,234,000 / 8 = 154,250: four digits in the source, five kept.
        Assert.Equal(154_250, converted.Min);
    }

    [Fact]
    public void The_same_currency_is_not_converted_and_names_no_rate()
    {
        var money = new Money("USD", 50_000_000, 50_000_000, "5000万美元");

        var converted = Small.Convert(money, "USD", PartialDate.Parse("2023"));

        Assert.Null(converted.Rate);
        Assert.Equal(50_000_000, converted.Min);
        Assert.Same(money, converted.Original);
    }

    [Fact]
    public void The_repository_table_covers_2015_to_2025_and_gives_the_2023_august_rate()
    {
        var rates = FxRates.Load(RepositoryData.Directory);

        Assert.Equal("2015-01", rates.FirstMonth);
        Assert.Equal("2025-07", rates.LastMonth);
        Assert.Equal(7.2486m, rates.RateFor(PartialDate.Parse("2023-08-02")).CnyPerUsd);
    }

    [Fact]
    public void A_malformed_line_names_the_file_and_line()
    {
        var directory = Directory.CreateTempSubdirectory("fx-");
        Directory.CreateDirectory(Path.Combine(directory.FullName, "fx"));
        File.WriteAllText(Path.Combine(directory.FullName, "fx", "exchus-monthly.csv"), "month,cny_per_usd\n2023-01,6.8\n2023-13,7\n");

        var error = Assert.Throws<FormatException>(() => FxRates.Load(directory.FullName));

        Assert.Contains("line 3", error.Message);
        directory.Delete(recursive: true);
    }
}
