namespace LlmWatch.Web.Features.Account;

/// <summary>The sign-in, denied and editor-area strings (Resources/Features/Account/AccountText*.resx).</summary>
public sealed class AccountText;
