using System.Globalization;
using System.Text;
using System.Xml;
using LlmWatch.Data.Entities;
using LlmWatch.Web.Components.Shared;

namespace LlmWatch.Web.Features.Changes;

/// <summary>
/// /changes.atom: the audit trail as an Atom 1.0 feed (RFC 4287), newest first, filtered like /changes. Each entry links
/// the fact's page (alternate) and its source (related). Links are absolute, built from the request's own origin (the site
/// has no configured public address); behind a proxy, Hosting:ForwardedHeaders makes that the public one.
/// </summary>
public static class ChangesFeed
{
    public const string Path = "/changes.atom";
    public const string ContentType = "application/atom+xml; charset=utf-8";
    private const string Atom = "http://www.w3.org/2005/Atom";

    public static WebApplication MapChangesFeed(this WebApplication app)
    {
        app.MapGet(Path, async (HttpContext http, ChangeQueries queries, CancellationToken ct) =>
            {
                var q = new FilterQuery(http.Request.Query, ChangeFilter.DefaultPageSize);
                var filter = await queries.ParseAsync(q, ct);
                if (q.Problems.Count > 0)
                    return Results.Problem(title: $"Invalid query parameter '{q.Problems[0].Parameter}'", detail: q.Problems[0].Detail,
                        statusCode: StatusCodes.Status400BadRequest, extensions: new Dictionary<string, object?> { ["parameter"] = q.Problems[0].Parameter });
                var page = await queries.ListAsync(filter, ct);
                var updated = page.Items.Count > 0 ? new DateTimeOffset(page.Items.Max(c => c.RecordedAt)) : await queries.LatestSourceAsync(ct);
                var origin = $"{http.Request.Scheme}://{http.Request.Host}";
                return Results.Text(Write(page.Items, filter, origin, updated), ContentType, Encoding.UTF8);
            })
            .ExcludeFromDescription();
        return app;
    }

    public static string Write(IReadOnlyList<ChangeRow> changes, ChangeFilter filter, string origin, DateTimeOffset updated)
    {
        var query = filter.ToQueryString(page: 1);
        var suffix = query.Length == 0 ? "" : "?" + query;
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false, Encoding = Encoding.UTF8 }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Atom);
            xml.WriteElementString("id", Atom, $"{origin}{Path}{suffix}");
            xml.WriteElementString("title", Atom, "LlmWatch: changes to the record");
            xml.WriteElementString("subtitle", Atom, "Every approved change: who proposed it, who approved it, when and why.");
            xml.WriteElementString("updated", Atom, Timestamp(updated));
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, "LlmWatch");
            xml.WriteEndElement();
            Link(xml, "self", $"{origin}{Path}{suffix}", "application/atom+xml");
            Link(xml, "alternate", $"{origin}/changes{suffix}", "text/html");
            foreach (var change in changes)
            {
                xml.WriteStartElement("entry", Atom);
                xml.WriteElementString("id", Atom, $"{origin}/changes#change-{change.Id.ToString(CultureInfo.InvariantCulture)}");
                xml.WriteElementString("title", Atom, Clean(Title(change)));
                xml.WriteElementString("updated", Atom, Timestamp(new DateTimeOffset(change.RecordedAt)));
                xml.WriteStartElement("author", Atom);
                xml.WriteElementString("name", Atom, Clean(change.ApprovedBy));
                xml.WriteEndElement();
                Link(xml, "alternate", origin + change.FactHref, "text/html");
                if (change.SourceHref is { } source) Link(xml, "related", origin + source, "text/html");
                xml.WriteElementString("summary", Atom, Clean(Summary(change)));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    public static string Title(ChangeRow c) =>
        $"{c.Action.ToApi()} {c.Kind.ToApi()} {c.FactKey}{(c.OrganizationEn is { } org && c.Kind != FactKind.Organization ? $" ({org})" : "")}";

    private static string Summary(ChangeRow c)
    {
        var text = new StringBuilder();
        text.Append("Proposed by ").Append(c.ProposedBy).Append(", approved by ").Append(c.ApprovedBy).Append('.');
        if (c.ProposerReason is { Length: > 0 } why) text.Append(" Reason: ").Append(why);
        if (c.ReviewerReason is { Length: > 0 } review) text.Append(" Review: ").Append(review);
        foreach (var f in c.Fields) text.Append(" · ").Append(f.Field).Append(": ").Append(f.Before ?? "—").Append(" → ").Append(f.After ?? "—");
        return text.ToString();
    }

    private static void Link(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static string Timestamp(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Drops the characters XML 1.0 cannot carry (most control characters), which a reason typed or pasted might hold.</summary>
    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i])) clean.Append(text[i]);
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i])) clean.Append(text, i++, 2);
        }
        return clean.ToString();
    }
}
