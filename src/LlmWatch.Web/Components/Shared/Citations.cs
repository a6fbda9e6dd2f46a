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

    /// <summary>The source reader at this quote's sentence.</summary>
    public string Href => $"/sources/{Uri.EscapeDataString(SourceId)}?q={Uri.EscapeDataString(Quote)}";
}

public static class Citations
{
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
