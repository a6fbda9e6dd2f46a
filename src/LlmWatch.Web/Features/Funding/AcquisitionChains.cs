using LlmWatch.Data.Entities;

namespace LlmWatch.Web.Features.Funding;

/// <summary>Acquisitions on a page of deals joined end to end: OneFlow → 光年之外 → 美团.</summary>
public static class AcquisitionChains
{
    /// <summary>A chain never grows past this, so a cycle in bad data cannot hang the page.</summary>
    public const int MaxLength = 10;

    /// <summary>
    /// One chain per company that was acquired but acquired nothing itself, followed through each acquirer that was acquired in turn.
    /// Only organisations count as acquirers; a person buying a company ends no chain.
    /// </summary>
    public static List<List<NamedSlug>> Of(IEnumerable<DealRow> rows)
    {
        var links = rows.Where(r => r.Kind == DealKind.Acquisition)
            .SelectMany(r => r.Participants.Where(p => p.Role == ParticipantRole.Acquirer && !p.IsPerson)
                .Select(p => (Target: new NamedSlug(r.CompanySlug, r.CompanyZh, r.CompanyEn), Acquirer: new NamedSlug(p.Slug, p.NameZh, p.NameEn))))
            .ToList();
        var chains = new List<List<NamedSlug>>();
        foreach (var start in links.Where(l => !links.Any(o => o.Acquirer.Slug == l.Target.Slug)))
        {
            var chain = new List<NamedSlug> { start.Target, start.Acquirer };
            while (chain.Count < MaxLength && links.FirstOrDefault(l => l.Target.Slug == chain[^1].Slug) is { Target: not null } next) chain.Add(next.Acquirer);
            chains.Add(chain);
        }
        return chains;
    }
}
