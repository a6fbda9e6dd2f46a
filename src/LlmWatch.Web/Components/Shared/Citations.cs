using LlmWatch.Data;
using LlmWatch.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Web.Components.Shared;

/// <summary>A quote as a page shows it: enough to display it and to link to its sentence.</summary>
public sealed record CitationView(string SourceId, string Quote, string? Note)
{
    /// <summary>A dataset citation's row (1 = first under the header) and the column(s) whose cells it quotes; null for an article's quote.</summary>
    public int? Row { get; init; }
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>The source reader at this quote's sentence, or a dataset's table at the quote's row.</summary>
    public string Href => Row is { } row
        ? Features.Sources.DatasetRows.Href(SourceId, row)
        : $"/sources/{Uri.EscapeDataString(SourceId)}?q={Uri.EscapeDataString(Quote)}";
}

/// <summary>
/// What a reader meets as one citation: an article's quote alone, or every cell a fact cites from one dataset row together
/// (a model's name, date, parameters… are one row of Epoch AI's table, not ten separate sources).
/// </summary>
public sealed record CitationGroup(string SourceId, int? Row, IReadOnlyList<CitationView> Items)
{
    public string Href => Items[0].Href;

    /// <summary>The cells as "Column: value" (the column names as the dataset spells them), or the article's quote.</summary>
    public IEnumerable<(string? Column, string Quote)> Parts =>
        Items.Select(c => (c.Columns is { Count: > 0 } columns ? string.Join(" / ", columns) : null, c.Quote));
}

public static class Citations
{
    /// <summary>The citations as a reader meets them, in order: an article's quotes one by one, a dataset row's cells as one group at the row's first cell.</summary>
    public static List<CitationGroup> Grouped(IEnumerable<CitationView> citations)
    {
        var groups = new List<CitationGroup>();
        var rows = new Dictionary<(string, int), List<CitationView>>();
        foreach (var c in citations)
        {
            if (c.Row is not { } row)
            {
                groups.Add(new CitationGroup(c.SourceId, null, [c]));
                continue;
            }
            if (!rows.TryGetValue((c.SourceId, row), out var cells))
            {
                rows[(c.SourceId, row)] = cells = [];
                groups.Add(new CitationGroup(c.SourceId, row, cells));
            }
            // The same cell cited twice for one fact (a quote under two columns' lists) shows once.
            if (!cells.Any(x => x.Quote == c.Quote && (x.Columns ?? []).SequenceEqual(c.Columns ?? []))) cells.Add(c);
        }
        return groups;
    }

    /// <summary>The citations of many facts of one type in one query, by fact id.</summary>
    public static async Task<Dictionary<int, List<CitationView>>> ForAsync(
        LlmWatchDbContext db, SubjectType type, IReadOnlyCollection<int> ids, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0) return [];
        var rows = await db.Citations
            .Where(c => c.SubjectType == type && ids.Contains(c.SubjectId))
            .OrderBy(c => c.SubjectId).ThenBy(c => c.Ordinal)
            .Select(c => new { c.SubjectId, View = new CitationView(c.SourceId, c.Quote, c.Note) { Row = c.Row, Columns = c.Columns } })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.SubjectId).ToDictionary(g => g.Key, g => g.Select(r => r.View).ToList());
    }

    public static List<CitationView> Of(this Dictionary<int, List<CitationView>> byId, int id) =>
        byId.TryGetValue(id, out var list) ? list : [];
}
