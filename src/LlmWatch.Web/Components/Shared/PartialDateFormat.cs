using System.Globalization;
using LlmWatch.Data.Values;

namespace LlmWatch.Web.Components.Shared;

public static class PartialDateFormat
{
    /// <summary>A moment as a day in the reader's language, in the time zone the moment was stated in.</summary>
    public static string Day(DateTimeOffset moment) =>
        new PartialDate(moment.Year, moment.Month, moment.Day).Format(CultureInfo.CurrentUICulture);

    public static string Format(this PartialDate? date, string missing = "—") =>
        date?.Format(CultureInfo.CurrentUICulture) ?? missing;
}
