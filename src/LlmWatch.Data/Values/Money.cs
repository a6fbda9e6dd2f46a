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

    /// <summary>How many significant digits the source gave: "数亿元" (100000000–999999999) has one, "大概13亿元" two.</summary>
    public int SignificantDigits => Scale.SignificantDigits(Min, Max);

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

/// <summary>
/// Short forms of large numbers: 万/亿 in Chinese, K/M/B/T in English, printed to the significant digits the figure has and no more
/// (at most <see cref="MaxDigits"/>): a figure never reads more precise than its source.
/// </summary>
public static class Scale
{
    /// <summary>The most significant digits a short form prints (a sum of many exact figures would otherwise read "1.23456789亿").</summary>
    public const int MaxDigits = 4;

    public static string FormatRange(long min, long? max, CultureInfo culture, string? currency, bool approximate = false) =>
        (approximate ? "≈ " : "") + FormatBounds(min, max, culture, currency, Math.Min(MaxDigits, SignificantDigits(min, max)));

    private static string FormatBounds(long min, long? max, CultureInfo culture, string? currency, int digits)
    {
        if (max == min) return FormatOne(min, culture, currency, digits);
        if (max is null) return "≥ " + FormatOne(min, culture, currency, digits);
        if (min == 0) return "≤ " + FormatOne(max.Value, culture, currency, digits);
        // The currency goes once: after the range in Chinese ("1400万–1.4亿美元"), before it in English ("US$14M–140M").
        return culture.IsChinese()
            ? $"{FormatNumber(min, culture, digits)}–{FormatNumber(max.Value, culture, digits)}{CurrencySuffixZh(currency)}"
            : $"{CurrencyPrefixEn(currency)}{FormatNumber(min, culture, digits)}–{FormatNumber(max.Value, culture, digits)}";
    }

    public static string FormatOne(long value, CultureInfo culture, string? currency, int digits = MaxDigits) => culture.IsChinese()
        ? FormatNumber(value, culture, digits) + CurrencySuffixZh(currency)
        : CurrencyPrefixEn(currency) + FormatNumber(value, culture, digits);

    /// <summary>A number in the reader's units, rounded to <paramref name="digits"/> significant digits: 13,795,877 at two reads "14M", "1400万".</summary>
    public static string FormatNumber(long value, CultureInfo culture, int digits = MaxDigits)
    {
        var rounded = RoundSignificant(value, digits);
        if (Math.Abs(rounded) < 10_000) return rounded.ToString("N0", CultureInfo.InvariantCulture);
        // The unit is picked by the rounded value, so 999,999,999 at one digit reads "1B", not "1000M".
        foreach (var (size, suffix) in culture.IsChinese() ? ChineseUnits : EnglishUnits)
            if (Math.Abs(rounded) >= size) return ((decimal)rounded / size).ToString("0.############", CultureInfo.InvariantCulture) + suffix;
        return rounded.ToString("N0", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The significant digits of a figure's bounds, the larger of the two: 13亿 has two. The upper bound of a range written as "just under" a
    /// round number (999,999,999 for "数亿") counts as that round number's digits. An open or zero bound adds none; at least one.
    /// </summary>
    public static int SignificantDigits(long min, long? max) =>
        Math.Max(1, Math.Max(min == 0 ? 0 : SignificantDigits(min),
            max is not { } m || m == 0 ? 0 : m == min ? SignificantDigits(m) : Math.Min(SignificantDigits(m), SignificantDigits(m + 1))));

    /// <summary>How many digits <paramref name="value"/> has once its trailing zeros go: 1,300,000,000 has two.</summary>
    public static int SignificantDigits(long value)
    {
        value = Math.Abs(value);
        if (value == 0) return 1;
        while (value % 10 == 0) value /= 10;
        return value.ToString(CultureInfo.InvariantCulture).Length;
    }

    /// <summary><paramref name="value"/> rounded half away from zero to <paramref name="digits"/> significant digits.</summary>
    public static long RoundSignificant(long value, int digits)
    {
        if (value == 0 || digits < 1) return value;
        var length = Math.Abs(value).ToString(CultureInfo.InvariantCulture).Length;
        if (length <= digits) return value;
        var factor = (decimal)Math.Pow(10, length - digits);
        return (long)(Math.Round(value / factor, MidpointRounding.AwayFromZero) * factor);
    }

    private static readonly (long Size, string Suffix)[] ChineseUnits = [(1_000_000_000_000, "万亿"), (100_000_000, "亿"), (10_000, "万")];
    private static readonly (long Size, string Suffix)[] EnglishUnits = [(1_000_000_000_000, "T"), (1_000_000_000, "B"), (1_000_000, "M"), (1_000, "K")];

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
