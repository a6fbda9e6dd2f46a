using System.Globalization;
using LlmWatch.Data;
using LlmWatch.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Web.Features.Sources;

/// <summary>A dataset source as its page shows it: its description and one page of its rows (those matching the search).</summary>
public sealed record DatasetPage(DatasetSourceView Source, Paged<DatasetRowView> Rows, string? Search);

/// <summary>The dataset page's view: a search over the rows' cells and a page.</summary>
public sealed record DatasetFilter(string? Search, int Page)
{
    public static DatasetFilter Parse(FilterQuery q) => new(q.Search(), q.Page());
}

/// <summary>The columns a reader of the dataset page needs, in the order shown (the rest stay in the CSV), and where a row lives.</summary>
public static class DatasetRows
{
    public const int PageSize = 50;

    public static readonly IReadOnlyList<string> Shown =
        ["Model", "Organization", "Publication date", "Parameters", "Training compute (FLOP)", "Confidence", "Model accessibility", "Link"];

    /// <summary>The row's anchor on the page.</summary>
    public static string Anchor(int row) => FormattableString.Invariant($"row-{row}");

    /// <summary>The page of the unsearched table that holds the row, and its anchor.</summary>
    public static string Href(string sourceId, int row)
    {
        var page = (row - 1) / PageSize + 1;
        return $"/sources/{Uri.EscapeDataString(sourceId)}" + (page == 1 ? "" : FormattableString.Invariant($"?page={page}")) + "#" + Anchor(row);
    }

    /// <summary>The dataset and one page of its rows, or null when the source is not a dataset: four queries.</summary>
    public static async Task<DatasetPage?> GetAsync(IDbContextFactory<LlmWatchDbContext> dbFactory, string id, DatasetFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await DatasetQueries.SourceAsync(db, id, ct) is not { } source) return null;
        var rows = await DatasetQueries.RowsAsync(db, id, filter.Search, filter.Page, PageSize, ct);
        return new DatasetPage(source, rows, filter.Search);
    }
}
