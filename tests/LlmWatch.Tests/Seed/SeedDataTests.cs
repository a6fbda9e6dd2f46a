using LlmWatch.Data.Seed;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Seed;

/// <summary>The product's own data/: what users trust.</summary>
public sealed class SeedDataTests
{
    private static readonly Lazy<SeedSet> Set = new(() =>
    {
        var (set, errors) = SeedReader.Read(RepositoryData.Directory);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return set;
    });

    private static IEnumerable<(string File, SeedFact Fact)> AllFacts()
    {
        var s = Set.Value;
        return s.Organizations.Select(f => ("organizations.json", (SeedFact)f))
            .Concat(s.Camps.Select(f => ("camps.json", (SeedFact)f)))
            .Concat(s.People.Select(f => ("people.json", (SeedFact)f)))
            .Concat(s.Roles.Select(f => ("roles.json", (SeedFact)f)))
            .Concat(s.Models.Select(f => ("models.json", (SeedFact)f)))
            .Concat(s.Deals.Select(f => ("deals.json", (SeedFact)f)))
            .Concat(s.Events.Select(f => ("events.json", (SeedFact)f)))
            .Concat(s.Viewpoints.Select(f => ("viewpoints.json", (SeedFact)f)))
            .Concat(s.Statistics.Select(f => ("statistics.json", (SeedFact)f)));
    }

    [Fact]
    public void The_data_passes_every_check_of_the_importer()
    {
        var errors = SeedValidator.Validate(Set.Value);

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void Every_quote_is_verbatim_in_its_source()
    {
        var sources = Set.Value.Sources.ToDictionary(s => s.Source.Id, s => s.Text);

        var missing = AllFacts()
            .SelectMany(f => f.Fact.Citations.Select(c => (f.File, f.Fact.Slug, c)))
            .Where(x => !sources.TryGetValue(x.c.SourceId, out var text) || !text.Contains(x.c.Quote, StringComparison.Ordinal))
            .Select(x => $"{x.File} {x.Slug}: {x.c.Quote}")
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_fact_cites_at_least_one_quote()
    {
        Assert.All(AllFacts(), f => Assert.True(f.Fact.Citations.Count > 0, $"{f.File} {f.Fact.Slug} cites nothing"));
    }

    [Fact]
    public void The_sources_are_the_article_ending_at_its_last_line_and_the_epoch_dataset()
    {
        Assert.Equal(["epoch-ai-models-china", "huxiu-2023-08-02"], Set.Value.Sources.Select(s => s.Source.Id).Order(StringComparer.Ordinal));
        Assert.True(Set.Value.Sources.Single(s => s.Source.Id == "epoch-ai-models-china").Source.IsDataset);
        var (source, text) = Set.Value.Sources.Single(s => !s.Source.IsDataset);

        Assert.Equal("huxiu-2023-08-02", source.Id);
        Assert.StartsWith("大模型创业300天:成者100亿估值,80%败者出局", text);
        Assert.EndsWith("注:本文中李明、张聪、赵辉等为化名。\n", text);
        Assert.Equal(new DateTimeOffset(2023, 8, 2, 18, 26, 29, TimeSpan.FromHours(8)), source.PublishedAt);
    }

    [Fact]
    public void The_landscape_is_extracted_in_full_not_sampled()
    {
        var s = Set.Value;

        Assert.True(s.FactCount > 150, $"only {s.FactCount} facts");
        Assert.True(s.Organizations.Count >= 40, $"only {s.Organizations.Count} organizations");
        Assert.True(s.People.Count >= 30, $"only {s.People.Count} people");
        Assert.True(s.Events.Count >= 20, $"only {s.Events.Count} events");
        Assert.NotEmpty(s.Deals);
        Assert.NotEmpty(s.Models);
        Assert.NotEmpty(s.Viewpoints);
        Assert.NotEmpty(s.Statistics);
        Assert.NotEmpty(s.Camps);
    }

    [Theory]
    [InlineData("li-ming")]
    [InlineData("zhang-cong")]
    [InlineData("zhao-hui")]
    public void The_articles_pseudonyms_are_flagged(string slug)
    {
        var person = Assert.Single(Set.Value.People, p => p.Slug == slug);

        Assert.True(person.IsPseudonym);
        Assert.Contains(person.Citations, c => c.Quote.Contains("化名"));
    }
}
