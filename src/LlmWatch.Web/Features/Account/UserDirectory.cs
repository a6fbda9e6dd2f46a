using LlmWatch.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Web.Features.Account;

/// <summary>An account as the admin's list and <c>users list</c> show it.</summary>
public sealed record UserRow(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool Disabled, DateTime CreatedAt);

/// <summary>Reads the accounts with their roles in two queries; writing stays with Identity's UserManager.</summary>
public sealed class UserDirectory(IDbContextFactory<LlmWatchDbContext> dbFactory)
{
    public async Task<List<UserRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var users = await db.Users.OrderBy(u => u.NormalizedEmail)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.Disabled, u.CreatedAt }).ToListAsync(ct);
        var roles = await (from ur in db.Set<IdentityUserRole<string>>()
                           join r in db.Set<IdentityRole>() on ur.RoleId equals r.Id
                           select new { ur.UserId, r.Name }).ToListAsync(ct);
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name!);
        return users.Select(u => new UserRow(u.Id, u.Email ?? "", u.DisplayName, byUser[u.Id].Order(StringComparer.Ordinal).ToList(), u.Disabled,
            DateTime.SpecifyKind(u.CreatedAt, DateTimeKind.Utc))).ToList();
    }
}
