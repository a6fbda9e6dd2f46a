using LlmWatch.Data.Entities;
using LlmWatch.Web.Features.Funding;

namespace LlmWatch.Tests.Features.Funding;

public sealed class AcquisitionChainsTests
{
    private static DealRow Deal(string company, DealKind kind, params DealParticipantRow[] participants) =>
        new(0, $"{company}-deal", company, company + "-zh", company + "-en", Camp.None, kind, DealStage.Unknown, null, null, DealStatus.Completed,
            null, null, false, null, null, [], [.. participants], []);

    private static DealParticipantRow Acquirer(string slug, bool person = false) => new(ParticipantRole.Acquirer, slug, slug + "-zh", slug + "-en", person);

    private static List<string> Slugs(List<NamedSlug> chain) => chain.Select(c => c.Slug).ToList();

    [Fact]
    public void Acquisitions_join_end_to_end_from_the_first_target()
    {
        var chains = AcquisitionChains.Of([
            Deal("light-year", DealKind.Acquisition, Acquirer("meituan")),
            Deal("oneflow", DealKind.Acquisition, Acquirer("light-year")),
        ]);
        var chain = Assert.Single(chains);
        Assert.Equal(["oneflow", "light-year", "meituan"], Slugs(chain));
        Assert.Equal("oneflow-zh", chain[0].NameZh);
    }

    [Fact]
    public void Only_organisations_acquiring_in_an_acquisition_make_a_link()
    {
        var chains = AcquisitionChains.Of([
            Deal("a", DealKind.Acquisition, Acquirer("someone", person: true)),
            Deal("b", DealKind.EquityRound, Acquirer("c")),
            Deal("d", DealKind.Acquisition, new DealParticipantRow(ParticipantRole.Investor, "e", "", "", false)),
        ]);
        Assert.Empty(chains);
    }

    [Fact]
    public void Separate_acquisitions_make_separate_chains()
    {
        var chains = AcquisitionChains.Of([Deal("a", DealKind.Acquisition, Acquirer("b")), Deal("x", DealKind.Acquisition, Acquirer("y"))]);
        Assert.Equal([["a", "b"], ["x", "y"]], chains.Select(Slugs).ToList());
    }

    [Fact]
    public void A_long_run_stops_at_the_longest_chain_shown()
    {
        var rows = Enumerable.Range(0, 20).Select(i => Deal($"c{i}", DealKind.Acquisition, Acquirer($"c{i + 1}"))).ToList();
        var chain = Assert.Single(AcquisitionChains.Of(rows));
        Assert.Equal(AcquisitionChains.MaxLength, chain.Count);
        Assert.Equal("c0", chain[0].Slug);
    }
}
