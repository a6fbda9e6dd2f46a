using System.Security.Claims;
using LlmWatch.Data.Curation;
using LlmWatch.Web.Features.Account;

namespace LlmWatch.Web.Features.Curate;

public static class CurateUser
{
    /// <summary>The signed-in person as the curation services know them: the account id and the display name, never the e-mail.</summary>
    public static Curator Of(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A signed-in user has an id."), CuratorClaims.DisplayName(user));
}
