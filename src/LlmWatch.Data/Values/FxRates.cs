using System.Globalization;

namespace LlmWatch.Data.Values;

/// <summary>A rate used for a conversion: CNY per USD for a month, and where it comes from.</summary>
public sealed record FxRate(string Month, decimal CnyPerUsd, string Source);

/// <summary>An amount converted to another currency, with the rate it used (null when no conversion was needed).</summary>
public sealed record ConvertedMoney(string Currency, long Min, long? Max, FxRate? Rate, Money Original)
{
    public string Format(CultureInfo culture) => Scale.FormatRange(Min, Max, culture, Currency, Original.Approximate);
}

/// <summary>
/// Monthly CNY/USD rates from data/fx/exchus-monthly.csv (Federal Reserve H.10, EXCHUS). A date converts at the
/// rate of its month; a year-only date at the average of its months; a date outside the table at the nearest month.
/// </summary>
public sealed class FxRates
{
    public const string SourceName = "Federal Reserve H.10, series EXCHUS (monthly average, via FRED)";

    private readonly SortedDictionary<string, decimal> _monthly;

    public FxRates(IEnumerable<(string Month, decimal CnyPerUsd)> monthly)
    {
        _monthly = new SortedDictionary<string, decimal>(monthly.ToDictionary(m => m.Month, m => m.CnyPerUsd), StringComparer.Ordinal);
        if (_monthly.Count == 0) throw new ArgumentException("No rates.", nameof(monthly));
    }

    public string FirstMonth => _monthly.Keys.First();
    public string LastMonth => _monthly.Keys.Last();

    public static FxRates Load(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "fx", "exchus-monthly.csv");
        var rows = new List<(string, decimal)>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (lineNumber == 1 || string.IsNullOrWhiteSpace(line)) continue;
            var parts = line.Split(',');
            if (parts.Length != 2 || !PartialDate.TryParse(parts[0], out var month) || month.Precision != DatePrecision.Month
                || !decimal.TryParse(parts[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var rate) || rate <= 0)
                throw new FormatException($"{path} line {lineNumber}: expected 'yyyy-MM,rate', found '{line}'.");
            rows.Add((parts[0], rate));
        }
        return new FxRates(rows);
    }

    /// <summary>The rate for a date: its month's, the average of its year's months, or the nearest month the table has.</summary>
    public FxRate RateFor(PartialDate date) =>
        // Remembered: the funding chart converts thousands of groups at 100k organisations, most outside the table (nearest month).
        _found.GetOrAdd((date.Year, date.Precision == DatePrecision.Year ? null : date.Month ?? 1), _ => Find(date));

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(int Year, int? Month), FxRate> _found = new();

    private FxRate Find(PartialDate date)
    {
        if (date.Precision == DatePrecision.Year)
        {
            var months = _monthly.Where(m => m.Key.StartsWith(date.Year.ToString("D4", CultureInfo.InvariantCulture) + "-", StringComparison.Ordinal)).ToList();
            if (months.Count == 12)
                return new FxRate(date.ToString(), Math.Round(months.Average(m => m.Value), 4), SourceName + ", average of 12 months");
        }
        var key = $"{date.Year:D4}-{date.Month ?? 1:D2}";
        if (date.Precision == DatePrecision.Year) key = $"{date.Year:D4}-07";
        if (_monthly.TryGetValue(key, out var rate)) return new FxRate(key, rate, SourceName);
        // A gap inside the table takes the closest month by distance, not the table's last month.
        var target = MonthIndex(key);
        var nearest = _monthly.Keys.MinBy(m => Math.Abs(MonthIndex(m) - target))!;
        return new FxRate(nearest, _monthly[nearest], SourceName + ", nearest month available");
    }

    private static int MonthIndex(string month) =>
        int.Parse(month[..4], CultureInfo.InvariantCulture) * 12 + int.Parse(month[5..7], CultureInfo.InvariantCulture);

    /// <summary>
    /// Converts to <paramref name="currency"/> at the rate for <paramref name="date"/>; a range converts to a range, an open bound stays open.
    /// The result keeps one significant digit more than the source gave and no more: "数亿元" is US$14M–140M, not US$13.8M–137.96M.
    /// </summary>
    public ConvertedMoney Convert(Money money, string currency, PartialDate date)
    {
        if (money.Currency == currency) return new ConvertedMoney(currency, money.Min, money.Max, null, money);
        var rate = RateFor(date);
        var digits = money.SignificantDigits + 1;
        Func<long, long> convert = (money.Currency, currency) switch
        {
            ("CNY", "USD") => v => Scale.RoundSignificant((long)Math.Round(v / rate.CnyPerUsd), digits),
            ("USD", "CNY") => v => Scale.RoundSignificant((long)Math.Round(v * rate.CnyPerUsd), digits),
            _ => throw new NotSupportedException($"No rate from {money.Currency} to {currency}."),
        };
        return new ConvertedMoney(currency, convert(money.Min), money.Max is { } max ? convert(max) : null, rate, money);
    }
}
