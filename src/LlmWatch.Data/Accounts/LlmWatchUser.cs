using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;

namespace LlmWatch.Data.Accounts;

/// <summary>
/// A person who may sign in to the editor area. Public pages show <see cref="DisplayName"/>, never the e-mail address
/// Identity keeps as the user name.
/// </summary>
public sealed class LlmWatchUser : IdentityUser
{
    public const int DisplayNameMaxLength = 100;

    [MaxLength(DisplayNameMaxLength)]
    public required string DisplayName { get; set; }

    /// <summary>A disabled account keeps its history (its name stays on the changes it made) but can no longer sign in.</summary>
    public bool Disabled { get; set; }

    public DateTime CreatedAt { get; set; }
}
