using LlmWatch.Data.Accounts;

namespace LlmWatch.Web.Features.Curate;

/// <summary>
/// The editor area's authorization policies, one per role, and <see cref="Curator"/> for what any of them may see. A page or
/// endpoint under /curate declares one (<c>@attribute [Authorize(Policy = Policies.Reviewer)]</c>); the folder's
/// _Imports.razor already refuses anonymous readers everything in it.
/// </summary>
public static class Policies
{
    public const string Editor = "Editor";
    public const string Reviewer = "Reviewer";
    public const string Admin = "Admin";
    public const string Curator = "Curator";

    /// <summary>The roles each policy admits, for the policies themselves and for the page that lists what a person may do.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> RolesOf = new Dictionary<string, string[]>
    {
        [Editor] = [Roles.Editor],
        [Reviewer] = [Roles.Reviewer],
        [Admin] = [Roles.Admin],
        [Curator] = [Roles.Editor, Roles.Reviewer, Roles.Admin],
    };

    public static IServiceCollection AddCuratePolicies(this IServiceCollection services)
    {
        var authorization = services.AddAuthorizationBuilder();
        foreach (var (policy, roles) in RolesOf)
            authorization.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
        return services;
    }
}

/// <summary>The editor area's pages as its menu and landing page list them, each with the policy that admits a person to it.</summary>
public static class CurateLinks
{
    public sealed record CurateLink(string Href, string TitleKey, string DescriptionKey, string Policy);

    public static readonly IReadOnlyList<CurateLink> All =
    [
        new("/curate", "Curate.Home", "Curate.HomeWhat", Policies.Curator),
        new("/curate/mine", "Curate.Mine", "Curate.MineWhat", Policies.Editor),
        new("/curate/sources/new", "Curate.AddSource", "Curate.AddSourceWhat", Policies.Editor),
        new("/curate/proposals", "Curate.Review", "Curate.ReviewWhat", Policies.Reviewer),
        new("/curate/users", "Curate.Users", "Curate.UsersWhat", Policies.Admin),
    ];
}
