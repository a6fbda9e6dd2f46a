namespace LlmWatch.Data;

/// <summary>One sentence of a source: its number (the anchor is <c>s-{Number}</c>) and where it sits in the text.</summary>
public sealed record Sentence(int Number, int Start, string Text)
{
    public int End => Start + Text.Length;
    public string Anchor => $"s-{Number}";
}

/// <summary>
/// Splits a source's text into paragraphs (at line breaks) and sentences (after 。!?; and their half-width forms),
/// keeping every character verbatim: the sentences' texts, with the line breaks between them, are the source's text.
/// </summary>
public static class SourceSentences
{
    private static readonly HashSet<char> Terminators = ['。', '!', '?', ';', '!', '?', ';'];
    private static readonly HashSet<char> Closers = ['”', '’', '」', '』', ')', ')', '"'];

    public static List<List<Sentence>> Split(string text)
    {
        var paragraphs = new List<List<Sentence>>();
        var number = 0;
        var lineStart = 0;
        while (lineStart <= text.Length)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0) lineEnd = text.Length;
            var paragraph = new List<Sentence>();
            var start = lineStart;
            for (var i = lineStart; i < lineEnd; i++)
            {
                if (!Terminators.Contains(text[i])) continue;
                // A closing quote right after the full stop belongs to the sentence it closes.
                while (i + 1 < lineEnd && Closers.Contains(text[i + 1])) i++;
                Add(paragraph, text, start, i + 1, ref number);
                start = i + 1;
            }
            Add(paragraph, text, start, lineEnd, ref number);
            if (paragraph.Count > 0) paragraphs.Add(paragraph);
            lineStart = lineEnd + 1;
        }
        return paragraphs;
    }

    private static void Add(List<Sentence> paragraph, string text, int start, int end, ref int number)
    {
        var piece = text[start..end].TrimEnd('\r');
        if (string.IsNullOrWhiteSpace(piece)) return;
        paragraph.Add(new Sentence(++number, start, piece));
    }

    /// <summary>The sentences a quote overlaps at its first occurrence (a quote may span several); none when it is not in the text.</summary>
    public static IEnumerable<Sentence> Overlapping(IEnumerable<Sentence> sentences, string text, string quote)
    {
        if (string.IsNullOrEmpty(quote)) return [];
        var at = text.IndexOf(quote, StringComparison.Ordinal);
        if (at < 0) return [];
        var end = at + quote.Length;
        return sentences.Where(s => s.Start < end && s.End > at);
    }
}
