using System.Globalization;
using LlmWatch.Data;
using LlmWatch.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Web.Features.Sources;

/// <summary>A dataset source as its page shows it: its description and one page of its rows (those matching the search).</summary>
public sealed record DatasetPage(DatasetSourceView Source, Paged<DatasetRowView> Rows, string? Search)
{
    /// <summary>The view it was read for (a row asked for opens the page that holds it under that view).</summary>
    public DatasetFilter Filter { get; init; } = new(Search, Rows.Page);
}

/// <summary>
/// The dataset page's view: a search over the rows' cells and a page, or the row a citation points at (<c>row</c>), which opens
/// whichever page holds it under the reader's <c>asOf</c> and search, since hidden later rows move it.
/// </summary>
public sealed record DatasetFilter(string? Search, int Page, int? Row = null)
{
    public static DatasetFilter Parse(FilterQuery q)
    {
        var search = q.Search();
        var page = q.Page();
        if (q["row"] is not { } text) return new(search, page);
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var row) && row >= 1) return new(search, page, row);
        q.Reject("row", $"'{FilterQuery.Echo(text)}' is not a row number: a whole number from 1.");
        return new(search, page);
    }

    public string Key => FormattableString.Invariant($"{Search}|{Page}|{Row}");
}

/// <summary>The columns a reader of the dataset page needs, in the order shown (the rest stay in the CSV), and where a row lives.</summary>
public static class DatasetRows
{
    public const int PageSize = 50;

    public static readonly IReadOnlyList<string> Shown =
        ["Model", "Organization", "Publication date", "Parameters", "Training compute (FLOP)", "Confidence", "Model accessibility", "Link"];

    /// <summary>The row's anchor on the page.</summary>
    public static string Anchor(int row) => FormattableString.Invariant($"row-{row}");

    /// <summary>The table at the row: the page that holds it (found under the reader's view when it opens), and its anchor.</summary>
    public static string Href(string sourceId, int row) =>
        $"/sources/{Uri.EscapeDataString(sourceId)}" + FormattableString.Invariant($"?row={row}") + "#" + Anchor(row);

    /// <summary>The dataset and one page of its rows, or null when the source is not a dataset: four queries (five for a row).</summary>
    public static async Task<DatasetPage?> GetAsync(IDbContextFactory<LlmWatchDbContext> dbFactory, string id, DatasetFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await DatasetQueries.SourceAsync(db, id, ct) is not { } source) return null;
        var page = filter.Row is { } row ? await DatasetQueries.PageOfRowAsync(db, id, filter.Search, row, PageSize, ct) : filter.Page;
        var rows = await DatasetQueries.RowsAsync(db, id, filter.Search, page, PageSize, ct);
        return new DatasetPage(source, rows, filter.Search) { Filter = filter };
    }
}
