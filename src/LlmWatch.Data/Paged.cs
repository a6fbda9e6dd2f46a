using System.Text.Json.Serialization;

namespace LlmWatch.Data;

/// <summary>
/// One page of a list: its items, how many match in all, which page of what size. When <see cref="TotalIsCapped"/>, more than
/// <see cref="Total"/> match: the list stopped counting there.
/// </summary>
public sealed record Paged<T>(
    IReadOnlyList<T> Items, int Total, int Page, int PageSize,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool TotalIsCapped = false) : IPageInfo
{
    [JsonIgnore] public int PageCount => Paging.PageCount(Total, PageSize);

    /// <summary>The page asked for lies past the last one: it is empty, and the page says so (the API refuses it).</summary>
    [JsonIgnore] public bool IsPastTheEnd => Page > PageCount;

    /// <summary>The same page with each item shown another way (a feature's row as an API contract).</summary>
    public Paged<TOut> Map<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToList(), Total, Page, PageSize, TotalIsCapped);
}

/// <summary>Where a page lies in its list, whatever its items: what the shared table needs to say a page is past the end.</summary>
public interface IPageInfo
{
    int Page { get; }
    int PageCount { get; }
    bool IsPastTheEnd { get; }
}

/// <summary>The page arithmetic every list shares.</summary>
public static class Paging
{
    /// <summary>
    /// The deepest item a list reads by offset (page × page size): past it the API answers 400 and asks for a narrower filter,
    /// since an offset that deep costs a scan of every row before it. The directory stops counting at the same number.
    /// </summary>
    public const int MaxOffset = 10_000;

    /// <summary>How many pages <paramref name="total"/> items fill; an empty list still has its one (empty) page.</summary>
    public static int PageCount(int total, int pageSize) => (int)Math.Max(1, ((long)total + pageSize - 1) / pageSize);

    /// <summary>
    /// The page shown for the one asked for: at least 1, and never moved back to the last page when it asks past the end —
    /// that page is shown empty (<see cref="Paged{T}.IsPastTheEnd"/>) rather than labelling the last page's items as another's.
    /// </summary>
    public static int Clamp(int page, int total, int pageSize) => Math.Max(1, page);

    /// <summary>The rows before <paramref name="page"/>, in 64-bit arithmetic so that no page number can wrap around to page 1's items.</summary>
    public static int Skip(int page, int pageSize) => (int)Math.Min(int.MaxValue, Math.Max(0L, ((long)page - 1) * pageSize));

    /// <summary>True when <paramref name="page"/> of <paramref name="pageSize"/> reads past <see cref="MaxOffset"/>.</summary>
    public static bool IsTooDeep(int page, int pageSize) => ((long)page - 1) * pageSize >= MaxOffset;
}

/// <summary>A page's place in its list when the page keeps only its number and the total (a page's persisted state).</summary>
public sealed record PagePosition(int Page, int Total, int PageSize) : IPageInfo
{
    public int PageCount => Paging.PageCount(Total, PageSize);

    public bool IsPastTheEnd => Page > PageCount;
}
