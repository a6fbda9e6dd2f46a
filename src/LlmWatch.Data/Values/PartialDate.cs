using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmWatch.Data.Values;

public enum DatePrecision { Year, Month, Day }

/// <summary>
/// A date known to the year, the month or the day, as a source states it ("2023", "2023-04", "2023-07-11").
/// It sorts by the first day of its period; the ISO text sorts the same way, so it is stored as text.
/// </summary>
[JsonConverter(typeof(PartialDateJsonConverter))]
public readonly record struct PartialDate : IComparable<PartialDate>
{
    public PartialDate(int year, int? month = null, int? day = null)
    {
        if (year is < 1 or > 9999) throw new ArgumentOutOfRangeException(nameof(year));
        if (month is < 1 or > 12) throw new ArgumentOutOfRangeException(nameof(month));
        if (day is not null && (month is null || day < 1 || day > DateTime.DaysInMonth(year, month.Value)))
            throw new ArgumentOutOfRangeException(nameof(day));
        Year = year;
        Month = month;
        Day = day;
    }

    public int Year { get; }
    public int? Month { get; }
    public int? Day { get; }

    public DatePrecision Precision => Day is not null ? DatePrecision.Day : Month is not null ? DatePrecision.Month : DatePrecision.Year;

    /// <summary>The first day of the period.</summary>
    public DateOnly Start => new(Year, Month ?? 1, Day ?? 1);

    /// <summary>The last day of the period.</summary>
    public DateOnly End => Precision switch
    {
        DatePrecision.Day => Start,
        DatePrecision.Month => Start.AddMonths(1).AddDays(-1),
        _ => new DateOnly(Year, 12, 31),
    };

    public static PartialDate Parse(string text) =>
        TryParse(text, out var date) ? date : throw new FormatException($"'{text}' is not a partial date (yyyy, yyyy-MM or yyyy-MM-dd).");

    public static bool TryParse([NotNullWhen(true)] string? text, out PartialDate date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var parts = text.Split('-');
        if (parts.Length > 3 || parts[0].Length != 4 || parts.Skip(1).Any(p => p.Length != 2)) return false;
        if (!parts.All(p => p.All(char.IsAsciiDigit))) return false;

        var year = int.Parse(parts[0], CultureInfo.InvariantCulture);
        int? month = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : null;
        int? day = parts.Length > 2 ? int.Parse(parts[2], CultureInfo.InvariantCulture) : null;
        if (year < 1 || month is < 1 or > 12) return false;
        if (day is not null && (day < 1 || day > DateTime.DaysInMonth(year, month!.Value))) return false;
        date = new PartialDate(year, month, day);
        return true;
    }

    public bool Contains(DateOnly day) => day >= Start && day <= End;

    public int CompareTo(PartialDate other)
    {
        var byStart = Start.CompareTo(other.Start);
        return byStart != 0 ? byStart : Precision.CompareTo(other.Precision);
    }

    public static bool operator <(PartialDate a, PartialDate b) => a.CompareTo(b) < 0;
    public static bool operator >(PartialDate a, PartialDate b) => a.CompareTo(b) > 0;
    public static bool operator <=(PartialDate a, PartialDate b) => a.CompareTo(b) <= 0;
    public static bool operator >=(PartialDate a, PartialDate b) => a.CompareTo(b) >= 0;

    /// <summary>ISO 8601 at its own precision.</summary>
    public override string ToString() => Precision switch
    {
        DatePrecision.Day => $"{Year:D4}-{Month:D2}-{Day:D2}",
        DatePrecision.Month => $"{Year:D4}-{Month:D2}",
        _ => $"{Year:D4}",
    };

    /// <summary>For readers: "2023年7月11日" / "11 Jul 2023", "2023年7月" / "Jul 2023", "2023年" / "2023".</summary>
    public string Format(CultureInfo culture)
    {
        if (culture.IsChinese())
        {
            return Precision switch
            {
                DatePrecision.Day => $"{Year}年{Month}月{Day}日",
                DatePrecision.Month => $"{Year}年{Month}月",
                _ => $"{Year}年",
            };
        }
        var en = CultureInfo.GetCultureInfo("en");
        return Precision switch
        {
            DatePrecision.Day => Start.ToString("d MMM yyyy", en),
            DatePrecision.Month => Start.ToString("MMM yyyy", en),
            _ => Year.ToString(CultureInfo.InvariantCulture),
        };
    }
}

/// <summary>A partial date in JSON is its ISO text ("2023", "2023-04", "2023-07-11"), as in the seed files and the API.</summary>
public sealed class PartialDateJsonConverter : JsonConverter<PartialDate>
{
    public override PartialDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        PartialDate.TryParse(reader.GetString(), out var date) ? date : throw new JsonException("Expected a date of the form yyyy, yyyy-MM or yyyy-MM-dd.");

    public override void Write(Utf8JsonWriter writer, PartialDate value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
