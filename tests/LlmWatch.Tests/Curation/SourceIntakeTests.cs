using System.Text;
using LlmWatch.Data;
using LlmWatch.Data.Curation;
using LlmWatch.Data.Entities;
using Microsoft.EntityFrameworkCore;
using static LlmWatch.Tests.Curation.CurationFixture;

namespace LlmWatch.Tests.Curation;

public sealed class SourceIntakeTests : IAsyncLifetime
{
    private CurationFixture _f = null!;

    public async Task InitializeAsync() => _f = await CurationFixture.CreateAsync();

    public async Task DisposeAsync() => await _f.DisposeAsync();

    private static NewSource Source(string text = "另一篇文章。它只有两句话。", string? url = "https://example.com/other") =>
        new("另一篇", null, "测试日报", null, url, "2026-11-21", "zh", text);

    [Fact]
    public async Task A_source_is_stored_verbatim_split_like_the_reader_and_on_the_audit_trail()
    {
        var source = await _f.ReadAsync(db => db.Sources.SingleAsync(s => s.Id == _f.SourceId));

        Assert.Equal(Text, source.Text);
        Assert.Equal(3, SourceSentences.Split(source.Text).SelectMany(p => p).Count());
        var record = await _f.ReadAsync(db => db.ChangeRecords.SingleAsync(r => r.FactKind == FactKind.Source));
        Assert.Equal((ChangeAction.Added, _f.SourceId, "Editor One"), (record.Action, record.FactKey, record.ProposedByName));
    }

    [Fact]
    public async Task The_same_url_or_the_same_text_is_refused_naming_the_existing_source()
    {
        var sameUrl = await _f.Intake.AddAsync(Source(url: "HTTPS://Example.com/xinghe/#top"), Editor);
        var sameText = await _f.Intake.AddAsync(Source(text: Text.Replace("\n", "\n\n ") , url: null), Editor);
        var seedText = await _f.Intake.AddAsync(Source(text: await _f.ReadAsync(db => db.Sources.Where(s => s.Id == "huxiu-2023-08-02").Select(s => s.Text).SingleAsync()), url: null), Editor);

        Assert.Equal((_f.SourceId, "url"), (sameUrl.DuplicateOf, sameUrl.Errors.Keys.Single()));
        Assert.Equal((_f.SourceId, "text"), (sameText.DuplicateOf, sameText.Errors.Keys.Single()));
        Assert.Equal("huxiu-2023-08-02", seedText.DuplicateOf);
        Assert.True((await _f.Intake.AddAsync(Source(), Editor)).Added);
    }

    [Fact]
    public async Task Bad_fields_are_refused_one_by_one_and_nothing_is_stored()
    {
        var result = await _f.Intake.AddAsync(new NewSource("", null, "<b>x</b>", null, "javascript:alert(1)", "2026-13-01", "中文", "a\u0000b"), Editor);

        Assert.Equal(["language", "publishedOn", "publisher", "text", "title", "url"], result.Errors.Keys.Order());
        // The seed's article and dataset, and the fixture's source.
        Assert.Equal(3, await _f.ReadAsync(db => db.Sources.CountAsync()));
    }

    [Fact]
    public void An_upload_must_be_utf8_and_at_most_2_mb()
    {
        Assert.Equal("正文", SourceIntake.DecodeUpload([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("正文")], out _));
        Assert.Null(SourceIntake.DecodeUpload([0xC3, 0x28], out var notUtf8));
        Assert.Contains("UTF-8", notUtf8);
        Assert.Null(SourceIntake.DecodeUpload(new byte[SourceIntake.MaxTextBytes + 1], out var tooLarge));
        Assert.Contains("2 MB", tooLarge);
    }
}
