using System.Globalization;

namespace LlmWatch.Data.Values;

/// <summary>
/// An amount as a source gives it: a currency, bounds in whole units and the source's own words.
/// Exact when the bounds are equal; <see cref="Max"/> is null for an open upper bound ("unicorn": at least US$1B);
/// a lower bound of 0 under a bounded upper one is "up to" ("高达300万元"). <see cref="Approximate"/> when the source
/// hedges the figure ("大概13亿元"): shown with "≈".
/// </summary>
public sealed record Money(string Currency, long Min, long? Max, string Text, bool Approximate = false)
{
    public static readonly IReadOnlySet<string> Currencies = new HashSet<string> { "CNY", "USD" };

    public bool IsExact => Max == Min;
    public bool IsOpenEnded => Max is null;

    public bool IsUpTo => Min == 0 && Max > 0;

    public string Format(CultureInfo culture) => Scale.FormatRange(Min, Max, culture, Currency, Approximate);
}

/// <summary>A count known as a range, such as a model's parameters ("万亿级", "百亿规模", 13B); approximate as <see cref="Money"/>.</summary>
public sealed record Quantity(long Min, long? Max, string Text, bool Approximate = false)
{
    public bool IsExact => Max == Min;
    public bool IsOpenEnded => Max is null;

    public bool IsUpTo => Min == 0 && Max > 0;

    public string Format(CultureInfo culture) => Scale.FormatRange(Min, Max, culture, currency: null, Approximate);
}

/// <summary>Short forms of large numbers: 万/亿 in Chinese, K/M/B/T in English.</summary>
public static class Scale
{
    public static string FormatRange(long min, long? max, CultureInfo culture, string? currency, bool approximate = false) =>
        (approximate ? "≈ " : "") + FormatBounds(min, max, culture, currency);

    private static string FormatBounds(long min, long? max, CultureInfo culture, string? currency)
    {
        if (max == min) return FormatOne(min, culture, currency);
        if (max is null) return "≥ " + FormatOne(min, culture, currency);
        if (min == 0) return "≤ " + FormatOne(max.Value, culture, currency);
        var zh = culture.IsChinese();
        // The unit goes once, after the range, in Chinese ("1亿–10亿元"); before it in English ("US$1B–9B" reads as "US$1B–US$9B").
        return zh
            ? $"{FormatNumber(min, culture)}–{FormatNumber(max.Value, culture)}{CurrencySuffixZh(currency)}"
            : $"{CurrencyPrefixEn(currency)}{FormatNumber(min, culture)}–{CurrencyPrefixEn(currency)}{FormatNumber(max.Value, culture)}";
    }

    public static string FormatOne(long value, CultureInfo culture, string? currency) => culture.IsChinese()
        ? FormatNumber(value, culture) + CurrencySuffixZh(currency)
        : CurrencyPrefixEn(currency) + FormatNumber(value, culture);

    public static string FormatNumber(long value, CultureInfo culture)
    {
        if (Math.Abs(value) < 10_000) return value.ToString("N0", CultureInfo.InvariantCulture);
        var units = culture.IsChinese() ? ChineseUnits : EnglishUnits;
        foreach (var (size, suffix) in units)
        {
            // Pick the unit by the rounded value, so 999,999,999 reads "1B", not "1000M".
            var scaled = Math.Round(Math.Abs(value) / size, 2);
            if (scaled >= 1) return Trim(value / size, CultureInfo.InvariantCulture) + suffix;
        }
        return value.ToString("N0", CultureInfo.InvariantCulture);
    }

    private static readonly (double Size, string Suffix)[] ChineseUnits = [(1e12, "万亿"), (1e8, "亿"), (1e4, "万")];
    private static readonly (double Size, string Suffix)[] EnglishUnits = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")];

    private static string Trim(double value, CultureInfo inv) => Math.Round(value, 2).ToString("0.##", inv);

    private static string CurrencySuffixZh(string? currency) => currency switch
    {
        "CNY" => "元",
        "USD" => "美元",
        null => "",
        _ => " " + currency,
    };

    private static string CurrencyPrefixEn(string? currency) => currency switch
    {
        "CNY" => "CN¥",
        "USD" => "US$",
        null => "",
        _ => currency + " ",
    };
}
