using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LlmWatch.Data.Curation;

/// <summary>A source as an editor enters it: the full text verbatim, the rest of its metadata as typed.</summary>
public sealed record NewSource(string Title, string? TitleEn, string Publisher, string? Outlet, string? Url, string PublishedOn, string Language, string Text);

/// <summary>The source's id when added; else the reason per field ("title", "text", …) and, for a duplicate, the source it repeats.</summary>
public sealed record SourceIntakeResult(string? Id, IReadOnlyDictionary<string, string> Errors, string? DuplicateOf = null)
{
    public bool Added => Id is not null;
}

/// <summary>
/// Adds a source an editor brings: stored verbatim and split into sentences exactly as the reader shows it, refused when
/// its URL or its text (ignoring spacing and full-/half-width forms) is already recorded. Every addition is on the audit trail.
/// </summary>
public sealed partial class SourceIntake(IDbContextFactory<LlmWatchDbContext> dbFactory, DataChanges changes, TimeProvider clock, ILogger<SourceIntake> logger)
{
    public const int MaxTextBytes = 2 * 1024 * 1024;

    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguagePattern();

    [GeneratedRegex("<[A-Za-z/!?]")]
    private static partial Regex MarkupPattern();

    /// <summary>An uploaded .txt/.md file as text: strict UTF-8 (a byte-order mark is dropped), at most 2 MB.</summary>
    public static string? DecodeUpload(byte[] bytes, out string? error)
    {
        error = null;
        if (bytes.Length > MaxTextBytes) { error = $"The file is {bytes.Length / 1024:N0} KB; at most {MaxTextBytes / 1024 / 1024} MB."; return null; }
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return text.StartsWith('\uFEFF') ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            error = "The file is not UTF-8 text; save it as UTF-8 and upload it again.";
            return null;
        }
    }

    public static Dictionary<string, string> Check(NewSource source, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string>();
        void Line(string field, string? value, int max, bool required)
        {
            if (string.IsNullOrWhiteSpace(value)) { if (required) errors[field] = "A value is required here."; return; }
            if (value.Length > max) errors[field] = $"At most {max} characters.";
            else if (value.Any(char.IsControl)) errors[field] = "The text holds a control character; write it on one line.";
            else if (MarkupPattern().IsMatch(value)) errors[field] = "Write plain text, without HTML markup.";
        }
        Line("title", source.Title, 300, true);
        Line("titleEn", source.TitleEn, 300, false);
        Line("publisher", source.Publisher, 200, true);
        Line("outlet", source.Outlet, 200, false);
        if (!string.IsNullOrWhiteSpace(source.Url))
        {
            if (source.Url.Length > 2000 || !Uri.TryCreate(source.Url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                errors["url"] = "An address starting with http:// or https://.";
        }
        if (!DateOnly.TryParseExact(source.PublishedOn?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var published))
            errors["publishedOn"] = "A date of the form yyyy-MM-dd.";
        else if (published > DateOnly.FromDateTime(now.UtcDateTime).AddDays(1))
            errors["publishedOn"] = "The date is in the future.";
        if (string.IsNullOrWhiteSpace(source.Language) || !LanguagePattern().IsMatch(source.Language.Trim()))
            errors["language"] = "A language tag such as zh, zh-CN or en.";
        if (string.IsNullOrWhiteSpace(source.Text)) errors["text"] = "Paste or upload the full text.";
        else if (Encoding.UTF8.GetByteCount(source.Text) > MaxTextBytes) errors["text"] = $"The text is over {MaxTextBytes / 1024 / 1024} MB.";
        else if (source.Text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
            errors["text"] = "The text holds control characters (not line breaks or tabs); it does not look like plain text.";
        else if (SourceSentences.Split(source.Text).Count == 0) errors["text"] = "The text has no sentence.";
        return errors;
    }

    public async Task<SourceIntakeResult> AddAsync(NewSource source, Curator editor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var errors = Check(source, now);
        if (errors.Count > 0) return new(null, errors);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var url = NormalizeUrl(source.Url);
        var text = NormalizeText(source.Text);
        foreach (var existing in await db.Sources.Select(s => new { s.Id, s.Url, s.Text }).ToListAsync(ct))
        {
            if (url is not null && NormalizeUrl(existing.Url) == url)
                return new(null, new Dictionary<string, string> { ["url"] = "A source with this address is already recorded." }, existing.Id);
            if (NormalizeText(existing.Text) == text)
                return new(null, new Dictionary<string, string> { ["text"] = "A source with this text is already recorded." }, existing.Id);
        }

        var published = DateOnly.ParseExact(source.PublishedOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var id = $"src-{published:yyyy-MM-dd}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8]}";
        db.Sources.Add(new Source
        {
            Id = id, Title = source.Title.Trim(), TitleEn = Blank(source.TitleEn), Publisher = source.Publisher.Trim(), Outlet = Blank(source.Outlet),
            Url = Blank(source.Url), PublishedAt = new DateTimeOffset(published.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            Language = source.Language.Trim(), Text = source.Text,
        });
        db.ChangeRecords.Add(new ChangeRecord
        {
            RecordedAt = now.UtcDateTime, Action = ChangeAction.Added, FactKind = FactKind.Source, FactKey = id, SourceId = id,
            ProposedById = editor.Id, ProposedByName = editor.Name, ApprovedById = editor.Id, ApprovedByName = editor.Name,
            Fields = [new FieldChange("title", null, source.Title.Trim()), new FieldChange("publisher", null, source.Publisher.Trim()),
                new FieldChange("publishedAt", null, published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), new FieldChange("url", null, Blank(source.Url))],
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Source {SourceId} added: {Characters} characters", id, source.Text.Length);
        await changes.NotifyAsync(ct);
        return new(id, new Dictionary<string, string>());
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The same address however it was typed: scheme and host in lower case, no fragment, no trailing slash.</summary>
    public static string? NormalizeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)) return null;
        var builder = new UriBuilder(uri) { Fragment = "", Scheme = uri.Scheme.ToLowerInvariant(), Host = uri.Host.ToLowerInvariant() };
        if (builder.Uri.IsDefaultPort) builder.Port = -1;
        return builder.Uri.GetLeftPart(UriPartial.Query).TrimEnd('/');
    }

    /// <summary>The same text however it was spaced or typed: compatibility forms folded (full-width letters, digits), no whitespace.</summary>
    public static string NormalizeText(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded) if (!char.IsWhiteSpace(c)) builder.Append(c);
        return builder.ToString();
    }
}
