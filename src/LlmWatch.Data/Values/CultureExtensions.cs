using System.Globalization;

namespace LlmWatch.Data.Values;

public static class CultureExtensions
{
    public static bool IsChinese(this CultureInfo culture) =>
        culture.TwoLetterISOLanguageName.Equals("zh", StringComparison.OrdinalIgnoreCase);
}
