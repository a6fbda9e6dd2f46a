namespace LlmWatch.Data.Accounts;

/// <summary>The closed set of roles an account may hold: editors add sources and propose facts, reviewers approve
/// or reject proposals made by someone else, admins manage accounts. One person may hold several.</summary>
public static class Roles
{
    public const string Editor = "editor";
    public const string Reviewer = "reviewer";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Editor, Reviewer, Admin];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);
}
