using LlmWatch.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Data;

/// <summary>A fact citing a quote of a source, and how many facts cite that quote in all.</summary>
public sealed record QuoteCitation(string Quote, SubjectType SubjectType, int SubjectId, int Total);

public static class SourceCitations
{
    /// <summary>
    /// The first <paramref name="perQuote"/> citations of each distinct quote of a source (by subject) and how many cite it, in one
    /// statement: the synthetic source has hundreds of thousands of citations over a few dozen quotes. The recursive part steps
    /// from quote to quote through the (SourceId, Quote) index instead of grouping every citation.
    /// </summary>
    public static async Task<List<QuoteCitation>> FirstPerQuoteAsync(LlmWatchDbContext db, string sourceId, int perQuote, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<Row>($"""
            WITH RECURSIVE q(Quote) AS (
                SELECT MIN("Quote") FROM "Citations" WHERE "SourceId" = {sourceId}
                UNION ALL
                SELECT (SELECT MIN("Quote") FROM "Citations" WHERE "SourceId" = {sourceId} AND "Quote" > q.Quote) FROM q WHERE q.Quote IS NOT NULL),
            counted AS MATERIALIZED (
                SELECT q.Quote, (SELECT COUNT(*) FROM "Citations" x WHERE x."SourceId" = {sourceId} AND x."Quote" = q.Quote) AS Total
                FROM q WHERE q.Quote IS NOT NULL)
            SELECT counted.Quote AS "Quote", c."SubjectType" AS "SubjectType", c."SubjectId" AS "SubjectId", counted.Total AS "Total"
            FROM counted JOIN "Citations" c ON c."Id" IN (
                SELECT y."Id" FROM "Citations" y WHERE y."SourceId" = {sourceId} AND y."Quote" = counted.Quote
                ORDER BY y."SubjectType", y."SubjectId", y."Ordinal" LIMIT {perQuote})
            """).ToListAsync(ct);
        return rows.Select(r => new QuoteCitation(r.Quote, Enum.Parse<SubjectType>(r.SubjectType), r.SubjectId, r.Total)).ToList();
    }

    private sealed record Row(string Quote, string SubjectType, int SubjectId, int Total);
}
