namespace LlmWatch.Data.Values;

/// <summary>How a value that is not plainly stated was arrived at.</summary>
public enum ValueBasis { Stated, Inferred, Name, OutsideKnowledge }

/// <summary>
/// The basis of one field of a fact ("parameters" from the model's name, "foundedOn" inferred from context), with its reason
/// in both languages. A field without one is plainly stated by its citations.
/// </summary>
public sealed record FieldBasis(string Field, ValueBasis Basis, string? ReasonZh = null, string? ReasonEn = null);

/// <summary>The words that make a figure approximate ("大概13亿元", "40亿美金左右", "500亿规模之间", "近十家", "100多人").</summary>
public static class Approximation
{
    public static readonly IReadOnlyList<string> Markers =
        ["大概", "大约", "约", "左右", "之间", "将近", "近", "多", "余", "上下", "差不多", "前后", "about", "around", "approximately", "nearly", "roughly", "~"];

    public static bool HasMarker(string? text) =>
        !string.IsNullOrEmpty(text) && Markers.Any(m => text.Contains(m, StringComparison.OrdinalIgnoreCase));
}
