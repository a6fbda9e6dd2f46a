using LlmWatch.Data.Entities;

namespace LlmWatch.Web.Components.Shared;

/// <summary>
/// What a filter's select offered. Handlers check a value against it before it reaches the address: a value the page never
/// offered (a forged or stale event) changes nothing. Clearing (an empty value) is always allowed.
/// </summary>
public static class OfferedValues
{
    public static IEnumerable<string> Of<T>() where T : struct, Enum => ApiNames.AllApi<T>();

    public static readonly string[] Currencies = ["USD", "CNY"];
    public static readonly string[] Booleans = ["true", "false"];

    public static bool Allows(string? value, IEnumerable<string>? offered) =>
        string.IsNullOrEmpty(value) || offered is null || offered.Contains(value, StringComparer.Ordinal);
}
