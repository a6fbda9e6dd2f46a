using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using LlmWatch.Data.Entities;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Seed;

/// <summary>
/// Notes are written for readers: no field names ("foundedOn is left null"), enum values ("状态记为in-progress") or slugs
/// ("see minimax-early-investors") in any note of the seed, and no enum value in the interface's text. Words inside “…” are
/// the article's own and are not judged.
/// </summary>
public sealed partial class NoteWordingTests
{
    private static readonly string[] NoteProperties = ["noteZh", "noteEn", "reasonZh", "reasonEn", "note", "zh", "en"];

    private sealed record Vocabulary(HashSet<string> Fields, HashSet<string> Slugs, HashSet<string> ProperNames, HashSet<string> EnumValues);

    private static readonly Lazy<(Vocabulary Words, List<(string Where, string Text, bool Chinese)> Notes)> Seed = new(Load);

    private static (Vocabulary, List<(string, string, bool)>) Load()
    {
        var fields = new HashSet<string>(StringComparer.Ordinal);
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var notes = new List<(string, string, bool)>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryData.Directory, "seed"), "*.json").Order(StringComparer.Ordinal))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            Walk(json.RootElement, Path.GetFileName(file), null);
        }
        var enums = new[]
            {
                ApiNames.AllApi<OrganizationKind>(), ApiNames.AllApi<OrganizationStatus>(), ApiNames.AllApi<Camp>(), ApiNames.AllApi<DealKind>(),
                ApiNames.AllApi<DealStage>(), ApiNames.AllApi<DealStatus>(), ApiNames.AllApi<ParticipantRole>(), ApiNames.AllApi<CommercialUse>(),
                ApiNames.AllApi<EventKind>(), ApiNames.AllApi<Stance>(), ["stated", "inferred", "name", "outside-knowledge"],
            }
            .SelectMany(v => v).ToHashSet(StringComparer.Ordinal);
        return (new Vocabulary(fields, slugs, names, enums), notes);

        void Walk(JsonElement e, string where, string? property)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject())
                    {
                        fields.Add(p.Name);
                        if (p.Name == "slug" && p.Value.ValueKind == JsonValueKind.String) slugs.Add(p.Value.GetString()!);
                        if (p.Name is "nameEn" or "name" or "speakerEn" && p.Value.ValueKind == JsonValueKind.String) names.UnionWith(Words(p.Value.GetString()!));
                        if (p.Name == "aliases" && p.Value.ValueKind == JsonValueKind.Array) names.UnionWith(p.Value.EnumerateArray().SelectMany(a => Words(a.GetString() ?? "")));
                        Walk(p.Value, where, p.Name);
                    }
                    break;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in e.EnumerateArray()) Walk(item, $"{where}[{i++}]", property);
                    break;
                case JsonValueKind.String when property is not null && NoteProperties.Contains(property) && !where.EndsWith("quote", StringComparison.Ordinal):
                    notes.Add(($"{where}.{property}", e.GetString()!, property is "zh" or "noteZh" or "reasonZh"));
                    break;
            }
        }
    }

    private static IEnumerable<string> Words(string text) => AsciiWord().Matches(text).Select(m => m.Value);

    /// <summary>The words of <paramref name="note"/> a reader should not meet, with why.</summary>
    private static List<string> Leaks(string note, bool chinese, Vocabulary v)
    {
        var own = Quoted().Replace(note, " ");
        var leaks = new List<string>();
        leaks.AddRange(CamelCase().Matches(own).Select(m => m.Value).Where(w => !v.ProperNames.Contains(w)).Select(w => $"field name “{w}”"));
        leaks.AddRange(Kebab().Matches(own).Select(m => m.Value).Where(v.Slugs.Contains).Select(w => $"slug “{w}”"));
        leaks.AddRange(Kebab().Matches(own).Select(m => m.Value).Where(w => v.EnumValues.Contains(w) && !EnglishCompounds.Contains(w)).Select(w => $"enum value “{w}”"));
        leaks.AddRange(Null().Matches(own).Select(_ => "“null”"));
        if (chinese)
        {
            // In a Chinese note an English word that is a field or an enum value can only be the data's word, not the reader's.
            leaks.AddRange(Words(own).Where(w => v.Fields.Contains(w) || v.EnumValues.Contains(w)).Select(w => $"data word “{w}” in Chinese text"));
        }
        return leaks;
    }

    // Enum values that are also ordinary English compounds, fine in a sentence ("an open-source model").
    private static readonly HashSet<string> EnglishCompounds = ["open-source"];

    [Fact]
    public void No_note_of_the_seed_uses_a_field_name_an_enum_value_or_a_slug()
    {
        var (words, notes) = Seed.Value;
        Assert.NotEmpty(notes);

        var leaks = notes.Select(n => (n.Where, n.Text, Leaks: Leaks(n.Text, n.Chinese, words))).Where(n => n.Leaks.Count > 0).ToList();

        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Select(l => $"{l.Where}: {string.Join(", ", l.Leaks)} in “{l.Text}”")));
    }

    [Theory]
    [InlineData("The article says ~2 years, so foundedOn is left null.", false)]
    [InlineData("状态记为in-progress而非completed。", true)]
    [InlineData("Amount not given — see minimax-early-investors.", false)]
    [InlineData("收购金额文中未给出,amount为null。", true)]
    [InlineData("张聪为化名;stance为against指其批评国内当时的做法。", true)]
    public void The_check_catches_the_words_that_leaked_before(string note, bool chinese)
    {
        Assert.NotEmpty(Leaks(note, chinese, Seed.Value.Words));
    }

    [Theory]
    [InlineData("miHoYo, a Shanghai game company, was among MiniMax's first four investors.", false)]
    [InlineData("The article writes lower-case “lensa” and names no maker.", false)]
    [InlineData("原文“3月16号正式发布”,相对发稿日(2023-08-02)为2023年。", true)]
    [InlineData("Listed in the self-developed faction; an open-source model.", false)]
    public void Names_quotes_dates_and_plain_compounds_are_fine(string note, bool chinese)
    {
        Assert.Empty(Leaks(note, chinese, Seed.Value.Words));
    }

    [Fact]
    public void No_interface_text_shows_an_enum_value()
    {
        var enums = Seed.Value.Words.EnumValues.Where(e => e.Contains('-') && !EnglishCompounds.Contains(e)).ToHashSet(StringComparer.Ordinal);
        var resources = Path.Combine(Path.GetDirectoryName(RepositoryData.Directory)!, "src", "LlmWatch.Web", "Resources");
        var texts = Directory.GetFiles(resources, "*.resx", SearchOption.AllDirectories)
            .SelectMany(file => XDocument.Load(file).Root!.Elements("data")
                .Select(d => (Where: $"{Path.GetFileName(file)}:{d.Attribute("name")!.Value}", Text: d.Element("value")?.Value ?? "")))
            .ToList();
        Assert.NotEmpty(texts);

        var leaks = texts.SelectMany(t => Kebab().Matches(t.Text).Select(m => m.Value).Where(enums.Contains).Select(w => $"{t.Where}: “{w}”")).ToList();

        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    [GeneratedRegex("“[^”]*”")]
    private static partial Regex Quoted();

    [GeneratedRegex("(?<![A-Za-z])[a-z]+[A-Z][A-Za-z]*")]
    private static partial Regex CamelCase();

    [GeneratedRegex("(?<![A-Za-z0-9-])[a-z0-9]+(?:-[a-z0-9]+)+")]
    private static partial Regex Kebab();

    [GeneratedRegex("(?<![A-Za-z])null(?![A-Za-z])")]
    private static partial Regex Null();

    [GeneratedRegex("[A-Za-z]+")]
    private static partial Regex AsciiWord();
}
