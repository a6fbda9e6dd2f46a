using System.Text.Json.Serialization;

namespace LlmWatch.Data;

/// <summary>
/// One page of a list: its items, how many match in all, which page of what size. When <see cref="TotalIsCapped"/>, more than
/// <see cref="Total"/> match: the list stopped counting there.
/// </summary>
public sealed record Paged<T>(
    IReadOnlyList<T> Items, int Total, int Page, int PageSize,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool TotalIsCapped = false)
{
    [JsonIgnore] public int PageCount => Paging.PageCount(Total, PageSize);

    /// <summary>The same page with each item shown another way (a feature's row as an API contract).</summary>
    public Paged<TOut> Map<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToList(), Total, Page, PageSize, TotalIsCapped);
}

/// <summary>The page arithmetic every list shares.</summary>
public static class Paging
{
    /// <summary>How many pages <paramref name="total"/> items fill; an empty list still has its one (empty) page.</summary>
    public static int PageCount(int total, int pageSize) => Math.Max(1, (total + pageSize - 1) / pageSize);

    /// <summary>The page asked for, or the last one when it asks past the end.</summary>
    public static int Clamp(int page, int total, int pageSize) => Math.Clamp(page, 1, PageCount(total, pageSize));

    public static int Skip(int page, int pageSize) => (page - 1) * pageSize;
}
