using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmWatch.Data.Curation;
using LlmWatch.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Data.Seed;

/// <summary>One file of an export: its path under the export's folder (<c>seed/organizations.json</c>, <c>sources/x.txt</c>) and its bytes.</summary>
public sealed record ExportFile(string Path, byte[] Content);

/// <summary>
/// Writes the database back into the shape of data/: <c>sources/&lt;id&gt;.json</c> and <c>.txt</c>, and one
/// <c>seed/&lt;file&gt;.json</c> per kind of fact, each entry as the importer reads it — facts and sources added through the
/// editor area included. The format is the hand-kept one, byte for byte: two-space indentation, "\n" line endings and a final
/// newline, entries sorted by slug (an event's links too: the database keeps no order for them), every field of an entry written (null when empty) except <c>bases</c> when there are
/// none, and inside nested objects (citations, bases, participants, amounts) only the fields that hold something.
/// The exporter reads through the <see cref="LlmWatchDbContext"/> it is given, so a caller can narrow what it sees.
/// </summary>
public static class SeedExporter
{
    /// <summary>The seed files in the order an export writes them (the importer's order).</summary>
    public static readonly IReadOnlyList<(string File, SubjectType Kind)> SeedFiles =
    [
        ("organizations.json", SubjectType.Organization),
        ("camps.json", SubjectType.CampAssignment),
        ("people.json", SubjectType.Person),
        ("roles.json", SubjectType.Role),
        ("models.json", SubjectType.Model),
        ("deals.json", SubjectType.Deal),
        ("events.json", SubjectType.Event),
        ("viewpoints.json", SubjectType.Viewpoint),
        ("statistics.json", SubjectType.Statistic),
    ];

    private static readonly JsonSerializerOptions NodeOptions = new(SeedReader.JsonOptions);

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        // The files keep Chinese, quotation marks and ampersands as they are; only what JSON itself requires is escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // The fields every entry ends with, in this order.
    private static readonly string[] Trailing = ["notes", "bases", "citations"];

    /// <summary>
    /// Every file of the export, one at a time (a zip can stream them): the sources, the seed files, then the exchange-rate
    /// table of <paramref name="dataDirectory"/>'s fx/ as it is (the rates are not facts of the database, but the importer needs them).
    /// </summary>
    public static async IAsyncEnumerable<ExportFile> FilesAsync(LlmWatchDbContext db, string? dataDirectory,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var sources = await db.Sources.AsNoTracking().OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
        foreach (var id in sources.Order(StringComparer.Ordinal))
        {
            var source = await db.Sources.AsNoTracking().FirstAsync(s => s.Id == id, ct);
            var document = SeedDocument(source);
            var textFile = document.TextFile;
            yield return new ExportFile($"sources/{source.Id}.json", Write(JsonSerializer.SerializeToNode(document, NodeOptions)!));
            var text = source.Kind == SourceKind.Dataset && !db.View.IsToday ? await DatasetAsKnownAsync(db, source, ct) : source.Text;
            yield return new ExportFile($"sources/{textFile}", new UTF8Encoding(false).GetBytes(text));
        }
        foreach (var (file, kind) in SeedFiles)
            yield return new ExportFile($"seed/{file}", await SeedFileAsync(db, kind, ct));
        if (await AlsoReportedFile.ExportAsync(db, Write, ct) is { } alsoReported)
            yield return new ExportFile($"seed/{AlsoReportedFile.FileName}", alsoReported);
        // The datasets' mapping files hold no facts; the import keeps them verbatim and needs them as they are.
        foreach (var file in (await db.SeedFiles.AsNoTracking().ToListAsync(ct)).OrderBy(f => f.Path, StringComparer.Ordinal))
            if (file.Path == $"seed/{DatasetFacts.ModelMappingFile}" && !db.View.IsToday)
                yield return new ExportFile(file.Path, await ModelMappingAsKnownAsync(db, file.Content, ct));
            else if (file.Path.StartsWith("seed/", StringComparison.Ordinal))
                yield return new ExportFile(file.Path, new UTF8Encoding(false).GetBytes(file.Content));
        var fx = dataDirectory is null ? null : Path.Combine(dataDirectory, "fx");
        if (fx is not null && Directory.Exists(fx))
            foreach (var path in Directory.EnumerateFiles(fx).Order(StringComparer.Ordinal))
                yield return new ExportFile($"fx/{Path.GetFileName(path)}", await File.ReadAllBytesAsync(path, ct));
    }

    /// <summary>
    /// A dataset's file as it stood on the view's day: its header, then only the rows known by then (each row's own date), cut
    /// verbatim at the physical lines the rows start on, so a reader taking an as-of export away gets no later row.
    /// </summary>
    private static async Task<string> DatasetAsKnownAsync(LlmWatchDbContext db, Source source, CancellationToken ct)
    {
        var all = await db.DatasetRows.AsNoTracking().IgnoreQueryFilters().Where(r => r.SourceId == source.Id).OrderBy(r => r.Line)
            .Select(r => r.Line).ToListAsync(ct);
        var known = (await db.DatasetRows.AsNoTracking().Where(r => r.SourceId == source.Id).Select(r => r.Line).ToListAsync(ct)).ToHashSet();
        if (all.Count == 0) return source.Text;
        // Lines split as the importer counted them; each keeps its own line break.
        var lines = System.Text.RegularExpressions.Regex.Split(source.Text, "(?<=\n)");
        var text = new StringBuilder();
        for (var i = 0; i < all[0] - 1 && i < lines.Length; i++) text.Append(lines[i]);
        for (var r = 0; r < all.Count; r++)
        {
            if (!known.Contains(all[r])) continue;
            var end = r + 1 < all.Count ? all[r + 1] - 1 : lines.Length;
            for (var i = all[r] - 1; i < end && i < lines.Length; i++) text.Append(lines[i]);
        }
        return text.ToString();
    }

    /// <summary>The reviewed model mapping as it applies on the view's day: the entries of rows known by then (the importer refuses an entry whose row is absent).</summary>
    private static async Task<byte[]> ModelMappingAsKnownAsync(LlmWatchDbContext db, string content, CancellationToken ct)
    {
        var known = (await db.DatasetRows.AsNoTracking().Select(r => new { r.Model, r.Organization }).ToListAsync(ct))
            .Select(r => (r.Model, r.Organization)).ToHashSet();
        var entries = JsonNode.Parse(content)!.AsArray();
        foreach (var entry in entries.ToList())
            if (!known.Contains(((string?)entry!["model"] ?? "", (string?)entry["organization"] ?? ""))) entries.Remove(entry);
        return Write(entries);
    }

    /// <summary>A source as its data/sources/&lt;id&gt;.json holds it: an article's text file is &lt;id&gt;.txt, a dataset's &lt;id&gt;.csv.</summary>
    public static SeedSource SeedDocument(Source source) => new()
    {
        Id = source.Id, Title = source.Title, TitleEn = source.TitleEn, Publisher = source.Publisher, Outlet = source.Outlet, Url = source.Url,
        PublishedAt = source.PublishedAt, Language = source.Language, TextFile = source.Id + (source.Kind == SourceKind.Dataset ? ".csv" : ".txt"),
        Note = source.Note,
        Kind = source.Kind == SourceKind.Dataset ? "dataset" : null, Licence = source.Licence, Credit = source.Credit,
        RetrievedOn = source.RetrievedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The credit lines every dataset's licence asks for, one per dataset source (an export or an API answer carries them).</summary>
    public static async Task<List<string>> CreditsAsync(LlmWatchDbContext db, CancellationToken ct = default) =>
        await db.Sources.AsNoTracking().IgnoreQueryFilters().Where(s => s.Kind == SourceKind.Dataset && s.Credit != null)
            .OrderBy(s => s.Id).Select(s => s.Credit!).ToListAsync(ct);

    /// <summary>Every entry of one kind, sorted by slug, with its citations in order.</summary>
    public static async Task<List<SeedFact>> EntriesAsync(LlmWatchDbContext db, SubjectType kind, CancellationToken ct = default)
    {
        var rows = await FactDocuments.Documents(db, kind).ToListAsync(ct);
        // What the import makes from a dataset's rows (its facts, and the row citations of a file's linked model) no file holds:
        // the dataset and its mapping files make them again.
        var derived = kind switch
        {
            SubjectType.Model => (await db.Models.AsNoTracking().Where(m => m.FromDataset != null).Select(m => m.Id).ToListAsync(ct)).ToHashSet(),
            SubjectType.Organization => (await db.Organizations.AsNoTracking().Where(o => o.FromDataset != null).Select(o => o.Id).ToListAsync(ct)).ToHashSet(),
            _ => [],
        };
        var citations = (await db.Citations.AsNoTracking().Where(c => c.SubjectType == kind && !c.Derived).OrderBy(c => c.SubjectId).ThenBy(c => c.Ordinal)
                .Select(c => new { c.SubjectId, Citation = new SeedCitation(c.SourceId, c.Quote, c.Note, c.Row, c.Columns) }).ToListAsync(ct))
            .ToLookup(c => c.SubjectId, c => c.Citation);
        foreach (var (fact, id) in rows) fact.Citations.AddRange(citations[id]);
        return rows.Where(r => !derived.Contains(r.Id)).Select(r => r.Fact).OrderBy(f => f.Slug, StringComparer.Ordinal).ToList();
    }

    private static async Task<byte[]> SeedFileAsync(LlmWatchDbContext db, SubjectType kind, CancellationToken ct)
    {
        var entries = await EntriesAsync(db, kind, ct);
        var array = new JsonArray();
        foreach (var entry in entries) array.Add(Entry(entry));
        return Write(array);
    }

    /// <summary>One entry as the files write it: the trailing fields last, no empty bases, nested objects without their empty fields.</summary>
    public static JsonObject Entry(SeedFact fact)
    {
        var node = JsonSerializer.SerializeToNode(fact, fact.GetType(), NodeOptions)!.AsObject();
        var ordered = new JsonObject();
        if (node.TryGetPropertyValue("slug", out var slug))
        {
            node.Remove("slug");
            ordered["slug"] = slug;
        }
        foreach (var (name, value) in node.ToList())
        {
            if (Trailing.Contains(name)) continue;
            node.Remove(name);
            ordered[name] = Prune(value);
        }
        foreach (var name in Trailing)
        {
            if (!node.TryGetPropertyValue(name, out var value)) continue;
            node.Remove(name);
            if (name == "bases" && value is JsonArray { Count: 0 }) continue;
            ordered[name] = Prune(value);
        }
        return ordered;
    }

    // Below the entry's own fields: a null field (but an open upper bound, "max": null) or a false "approximate" is left out, as the hand-kept files do.
    internal static JsonNode? Prune(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array) Prune(item);
                break;
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (value is null ? name != "max" : name == "approximate" && value.GetValueKind() == JsonValueKind.False) obj.Remove(name);
                    else Prune(value);
                }
                break;
        }
        return node;
    }

    private static byte[] Write(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) node.WriteTo(writer);
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>
    /// Writes the export into <paramref name="directory"/>, which must not exist or be empty: into a new folder beside it
    /// first, moved into place at the end, so a failure leaves nothing half-written.
    /// </summary>
    public static async Task<int> WriteDirectoryAsync(LlmWatchDbContext db, string? dataDirectory, string directory, CancellationToken ct = default)
    {
        var target = Path.GetFullPath(directory);
        var parent = Path.GetDirectoryName(target) ?? throw new IOException($"{target} has no parent folder to write beside.");
        var temporary = Path.Combine(parent, $".{Path.GetFileName(target)}.export-{Guid.NewGuid():N}");
        var count = 0;
        try
        {
            Directory.CreateDirectory(temporary);
            await foreach (var file in FilesAsync(db, dataDirectory, ct))
            {
                var path = Path.Combine(temporary, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, file.Content, ct);
                count++;
            }
            if (Directory.Exists(target)) Directory.Delete(target); // empty: checked by the caller, and Delete refuses otherwise
            Directory.Move(temporary, target);
            return count;
        }
        finally
        {
            if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        }
    }
}
