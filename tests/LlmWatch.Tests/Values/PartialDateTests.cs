using System.Globalization;
using LlmWatch.Data.Values;

namespace LlmWatch.Tests.Values;

public sealed class PartialDateTests
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    [Theory]
    [InlineData("2023", DatePrecision.Year, "2023-01-01", "2023-12-31")]
    [InlineData("2021-11", DatePrecision.Month, "2021-11-01", "2021-11-30")]
    [InlineData("2024-02", DatePrecision.Month, "2024-02-01", "2024-02-29")]
    [InlineData("2023-07-11", DatePrecision.Day, "2023-07-11", "2023-07-11")]
    public void Parses_at_the_precision_given(string text, DatePrecision precision, string start, string end)
    {
        var date = PartialDate.Parse(text);

        Assert.Equal(precision, date.Precision);
        Assert.Equal(DateOnly.Parse(start, CultureInfo.InvariantCulture), date.Start);
        Assert.Equal(DateOnly.Parse(end, CultureInfo.InvariantCulture), date.End);
        Assert.Equal(text, date.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("23")]
    [InlineData("2023-7")]
    [InlineData("2023-13")]
    [InlineData("2023-02-30")]
    [InlineData("2023-00")]
    [InlineData("2023/07/11")]
    [InlineData("2023-07-11T00:00")]
    [InlineData("二〇二三")]
    [InlineData("0000")]
    public void Refuses_what_is_not_a_partial_date(string text)
    {
        Assert.False(PartialDate.TryParse(text, out _));
        Assert.Throws<FormatException>(() => PartialDate.Parse(text));
    }

    [Fact]
    public void Sorts_by_the_first_day_with_the_vaguer_date_first_on_a_tie()
    {
        var dates = new[] { "2023-07-11", "2023", "2016", "2023-07", "2022-12-31", "2023-01-01" }.Select(PartialDate.Parse).ToList();

        dates.Sort();

        Assert.Equal(["2016", "2022-12-31", "2023", "2023-01-01", "2023-07", "2023-07-11"], dates.Select(d => d.ToString()));
        Assert.True(PartialDate.Parse("2023-04") < PartialDate.Parse("2023-04-02"));
    }

    [Fact]
    public void Iso_text_sorts_like_the_dates_so_the_database_can_order_it()
    {
        var texts = new[] { "2023-07-11", "2023", "2023-07", "2019-09", "2023-02-07" };

        Assert.Equal(
            texts.Select(PartialDate.Parse).Order().Select(d => d.ToString()),
            texts.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("2023", "2023年", "2023")]
    [InlineData("2021-11", "2021年11月", "Nov 2021")]
    [InlineData("2023-07-11", "2023年7月11日", "11 Jul 2023")]
    public void Prints_at_its_own_precision_in_both_languages(string text, string zh, string en)
    {
        var date = PartialDate.Parse(text);

        Assert.Equal(zh, date.Format(Zh));
        Assert.Equal(en, date.Format(En));
    }
}

public sealed class PartialDateJsonTests
{
    private sealed record Holder(PartialDate Date, PartialDate? Maybe);

    [Theory]
    [InlineData("2023")]
    [InlineData("2021-11")]
    [InlineData("2023-07-11")]
    public void Survives_a_json_round_trip_as_its_iso_text(string text)
    {
        // Prerendered state is persisted as JSON: a date must come back as it went, not as year 0.
        var holder = new Holder(PartialDate.Parse(text), PartialDate.Parse(text));

        var json = System.Text.Json.JsonSerializer.Serialize(holder);
        var back = System.Text.Json.JsonSerializer.Deserialize<Holder>(json)!;

        Assert.Contains($"\"{text}\"", json);
        Assert.Equal(holder, back);
    }

    [Fact]
    public void A_missing_date_stays_missing()
    {
        var back = System.Text.Json.JsonSerializer.Deserialize<Holder>("{\"Date\":\"2023\",\"Maybe\":null}")!;

        Assert.Null(back.Maybe);
    }
}
