using LlmWatch.Data;

namespace LlmWatch.Tests.Features.Sources;

public sealed class SourceSentencesTests
{
    [Fact]
    public void Sentences_end_at_Chinese_stops_and_line_breaks_and_keep_the_text_verbatim()
    {
        const string text = "第一句。第二句!第三句?第四;尾巴\n\n新段落,“引号。”后面\n";

        var paragraphs = SourceSentences.Split(text);

        Assert.Equal(2, paragraphs.Count);
        Assert.Equal(["第一句。", "第二句!", "第三句?", "第四;", "尾巴"], paragraphs[0].Select(s => s.Text));
        Assert.Equal(["新段落,“引号。”", "后面"], paragraphs[1].Select(s => s.Text));
        Assert.Equal(Enumerable.Range(1, 7), paragraphs.SelectMany(p => p).Select(s => s.Number));
        Assert.All(paragraphs.SelectMany(p => p), s => Assert.Equal(s.Text, text.Substring(s.Start, s.Text.Length)));
        Assert.Equal("s-6", paragraphs[1][0].Anchor);
    }

    [Fact]
    public void A_quote_spanning_two_sentences_marks_both()
    {
        const string text = "甲说了话。乙也说了。丙没说。";
        var sentences = SourceSentences.Split(text).SelectMany(p => p).ToList();

        var marked = SourceSentences.Overlapping(sentences, text, "话。乙也").Select(s => s.Number);

        Assert.Equal([1, 2], marked);
    }

    [Fact]
    public void A_quote_not_in_the_text_marks_nothing()
    {
        const string text = "甲说了话。";
        var sentences = SourceSentences.Split(text).SelectMany(p => p).ToList();

        Assert.Empty(SourceSentences.Overlapping(sentences, text, "乙"));
        Assert.Empty(SourceSentences.Overlapping(sentences, text, ""));
    }
}
