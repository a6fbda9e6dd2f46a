using LlmWatch.Web.Components.Shared;

namespace LlmWatch.Web.Features.AsOf;

/// <summary>The two days of a diff as its address gives them (from, to: yyyy-MM-dd), defaulted and put in order.</summary>
public sealed record DiffDays(DateOnly From, DateOnly To, bool Swapped, IReadOnlyList<string> Ignored)
{
    /// <param name="from">The from parameter's text.</param>
    /// <param name="to">The to parameter's text.</param>
    /// <param name="earliest">The default from: the first source's day (else 1990).</param>
    public static DiffDays Read(string? from, string? to, DateOnly? earliest, DateOnly today)
    {
        var q = FilterQuery.From(new Dictionary<string, string?> { ["from"] = from, ["to"] = to });
        var f = q.Day("from", today) ?? earliest ?? LlmWatch.Data.DataView.Earliest;
        var t = q.Day("to", today) ?? today;
        var swapped = f > t;
        return swapped ? new(t, f, true, q.Ignored) : new(f, t, false, q.Ignored);
    }
}
