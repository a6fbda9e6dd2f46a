using MudBlazor;

namespace LlmWatch.Web.Components.Layout;

/// <summary>The drawer's pages, in the order of ARCHITECTURE.md; a page is listed here once it exists.</summary>
public static class NavPages
{
    public sealed record NavPage(string Href, string TitleKey, string Icon);

    public static readonly IReadOnlyList<NavPage> All =
    [
        new("/", "Nav.Overview", Icons.Material.Outlined.Dashboard),
        new("/companies", "Nav.Companies", Icons.Material.Outlined.Business),
        new("/camps", "Nav.Camps", Icons.Material.Outlined.ViewColumn),
        new("/funding", "Nav.Funding", Icons.Material.Outlined.Payments),
        new("/valuations", "Nav.Valuations", Icons.Material.Outlined.Leaderboard),
        new("/timeline", "Nav.Timeline", Icons.Material.Outlined.Timeline),
        new("/models", "Nav.Models", Icons.Material.Outlined.Memory),
        new("/people", "Nav.People", Icons.Material.Outlined.People),
        new("/compare", "Nav.Compare", Icons.Material.Outlined.CompareArrows),
    ];
}
