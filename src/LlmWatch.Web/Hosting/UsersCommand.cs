using System.CommandLine;
using System.CommandLine.Help;
using System.ComponentModel.DataAnnotations;
using System.Text;
using LlmWatch.Data;
using LlmWatch.Data.Accounts;
using LlmWatch.Web.Features.Account;
using Microsoft.AspNetCore.Identity;

namespace LlmWatch.Web.Hosting;

/// <summary>
/// <c>users add|list|disable|reset-password</c>: the only way accounts are made and managed (there is no sign-up page).
/// Passwords come from standard input, never from an argument (arguments end up in shell history and process lists):
/// typed without echo at a terminal, else one line read from a pipe. Exit codes: 0 done, 2 refused, 64 usage, 1 failed.
/// </summary>
public sealed class UsersCommand(IServiceProvider services, TextReader input, bool interactive, TextWriter output, TextWriter error)
{
    public const int Refused = 2;
    public const int Usage = 64;

    public static Task<int> RunAsync(WebApplication app, string[] args, CancellationToken ct = default) =>
        new UsersCommand(app.Services, Console.In, !Console.IsInputRedirected, Console.Out, Console.Error).RunAsync(args, ct);

    public async Task<int> RunAsync(string[] args, CancellationToken ct = default)
    {
        var root = new RootCommand("LlmWatch");
        root.Subcommands.Add(Build());
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not HelpAction)
        {
            foreach (var problem in parsed.Errors) await error.WriteLineAsync(problem.Message);
            await error.WriteLineAsync("Usage: users add <email> --name \"<display name>\" --role editor|reviewer|admin [--role …] | users list | users disable <email> | users reset-password <email>   (users --help for more)");
            return Usage;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, ct);
    }

    private Command Build()
    {
        var users = new Command("users", "Make and manage the accounts of the editor area (passwords are read from standard input).");

        var email = new Argument<string>("email") { Description = "The account's e-mail address, which is also its sign-in name." };
        var name = new Option<string>("--name") { Description = "The name public pages show for this person's changes (never the e-mail).", Required = true };
        var role = new Option<string[]>("--role")
        {
            Description = $"A role to grant: {string.Join(", ", Roles.All)}. Repeat it, or separate roles with commas.",
            Required = true, AllowMultipleArgumentsPerToken = true,
        };
        var add = new Command("add", "Add an account; its password is read from standard input.") { email, name, role };
        add.SetAction((parsed, ct) => AddAsync(parsed.GetValue(email)!, parsed.GetValue(name)!, parsed.GetValue(role)!, ct));
        users.Subcommands.Add(add);

        var list = new Command("list", "List the accounts: e-mail, display name, roles, and whether disabled.");
        list.SetAction((_, ct) => ListAsync(ct));
        users.Subcommands.Add(list);

        var disableEmail = new Argument<string>("email") { Description = "The account to disable." };
        var disable = new Command("disable", "Disable an account: it can no longer sign in, and its open sessions end within a minute.") { disableEmail };
        disable.SetAction((parsed, ct) => DisableAsync(parsed.GetValue(disableEmail)!, ct));
        users.Subcommands.Add(disable);

        var resetEmail = new Argument<string>("email") { Description = "The account whose password to replace." };
        var reset = new Command("reset-password", "Give an account a new password, read from standard input; also lifts a lockout.") { resetEmail };
        reset.SetAction((parsed, ct) => ResetPasswordAsync(parsed.GetValue(resetEmail)!, ct));
        users.Subcommands.Add(reset);
        return users;
    }

    private async Task<int> AddAsync(string email, string name, string[] roleArguments, CancellationToken ct)
    {
        email = email.Trim();
        name = name.Trim();
        var roles = roleArguments.SelectMany(r => r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(r => r.ToLowerInvariant()).Distinct().ToList();
        if (!new EmailAddressAttribute().IsValid(email) || email.Length > 256)
            return await RefuseAsync($"'{email}' is not an e-mail address.");
        if (name.Length is 0 or > LlmWatchUser.DisplayNameMaxLength || name.Any(char.IsControl))
            return await RefuseAsync($"The display name must be 1 to {LlmWatchUser.DisplayNameMaxLength} characters, without control characters.");
        if (roles.Count == 0) return await RefuseAsync($"Name at least one role: {string.Join(", ", Roles.All)}.");
        if (roles.FirstOrDefault(r => !Roles.IsKnown(r)) is { } unknown)
            return await RefuseAsync($"Unknown role '{unknown}': the roles are {string.Join(", ", Roles.All)}.");

        await using var scope = await OpenAsync(ct);
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<LlmWatchUser>>();
        if (await manager.FindByEmailAsync(email) is not null) return await RefuseAsync($"An account with the e-mail {email} already exists.");
        if (await ReadPasswordAsync($"Password for {email}: ") is not { } password) return Refused;

        var user = new LlmWatchUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, CreatedAt = DateTime.UtcNow, LockoutEnabled = true,
        };
        var created = await manager.CreateAsync(user, password);
        if (!created.Succeeded) return await RefuseAsync(created);
        var granted = await manager.AddToRolesAsync(user, roles);
        if (!granted.Succeeded)
        {
            await manager.DeleteAsync(user);
            return await RefuseAsync(granted);
        }
        await output.WriteLineAsync($"Added {email} ({name}) with the role(s) {string.Join(", ", roles)}. Sign in at {AccountServices.LoginPath}.");
        return 0;
    }

    private async Task<int> ListAsync(CancellationToken ct)
    {
        await using var scope = await OpenAsync(ct);
        var rows = await scope.ServiceProvider.GetRequiredService<UserDirectory>().ListAsync(ct);
        if (rows.Count == 0)
        {
            await output.WriteLineAsync("No accounts yet. Make the first with: users add <email> --name \"<display name>\" --role admin");
            return 0;
        }
        var widths = (Email: Math.Max(5, rows.Max(r => r.Email.Length)), Name: Math.Max(4, rows.Max(r => r.DisplayName.Length)));
        await output.WriteLineAsync($"{"EMAIL".PadRight(widths.Email)}  {"NAME".PadRight(widths.Name)}  {"ROLES",-24}  STATUS");
        foreach (var r in rows)
            await output.WriteLineAsync($"{r.Email.PadRight(widths.Email)}  {r.DisplayName.PadRight(widths.Name)}  {string.Join(",", r.Roles),-24}  {(r.Disabled ? "disabled" : "active")}");
        return 0;
    }

    private async Task<int> DisableAsync(string email, CancellationToken ct)
    {
        await using var scope = await OpenAsync(ct);
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<LlmWatchUser>>();
        if (await manager.FindByEmailAsync(email.Trim()) is not { } user) return await RefuseAsync($"No account has the e-mail {email}.");
        if (user.Disabled)
        {
            await output.WriteLineAsync($"{user.Email} was already disabled.");
            return 0;
        }
        user.Disabled = true;
        var updated = await manager.UpdateAsync(user);
        if (!updated.Succeeded) return await RefuseAsync(updated);
        // A new stamp ends the sessions already open at their next check.
        await manager.UpdateSecurityStampAsync(user);
        await output.WriteLineAsync($"Disabled {user.Email}: it can no longer sign in, and its open sessions end within a minute.");
        return 0;
    }

    private async Task<int> ResetPasswordAsync(string email, CancellationToken ct)
    {
        await using var scope = await OpenAsync(ct);
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<LlmWatchUser>>();
        if (await manager.FindByEmailAsync(email.Trim()) is not { } user) return await RefuseAsync($"No account has the e-mail {email}.");
        if (await ReadPasswordAsync($"New password for {user.Email}: ") is not { } password) return Refused;
        var token = await manager.GeneratePasswordResetTokenAsync(user);
        var reset = await manager.ResetPasswordAsync(user, token, password);
        if (!reset.Succeeded) return await RefuseAsync(reset);
        await manager.SetLockoutEndDateAsync(user, null);
        await manager.ResetAccessFailedCountAsync(user);
        await output.WriteLineAsync($"Set a new password for {user.Email}{(user.Disabled ? " (the account stays disabled)" : "")}.");
        return 0;
    }

    private async Task<AsyncServiceScope> OpenAsync(CancellationToken ct)
    {
        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
        return services.CreateAsyncScope();
    }

    /// <summary>At a terminal: typed twice without echo. From a pipe: the first line. Null (after saying why) when there is none.</summary>
    private async Task<string?> ReadPasswordAsync(string prompt)
    {
        string? password;
        if (interactive)
        {
            password = ReadHidden(prompt);
            if (ReadHidden("Again: ") != password)
            {
                await error.WriteLineAsync("Refused: the two passwords differ.");
                return null;
            }
        }
        else password = await input.ReadLineAsync();
        if (string.IsNullOrEmpty(password))
        {
            await error.WriteLineAsync("Refused: no password was given on standard input (pipe it in, or run the command at a terminal to be asked).");
            return null;
        }
        return password;
    }

    private string ReadHidden(string prompt)
    {
        error.Write(prompt);
        var typed = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace) { if (typed.Length > 0) typed.Length--; }
            else if (!char.IsControl(key.KeyChar)) typed.Append(key.KeyChar);
        }
        error.WriteLine();
        return typed.ToString();
    }

    private async Task<int> RefuseAsync(string why)
    {
        await error.WriteLineAsync("Refused: " + why);
        return Refused;
    }

    private Task<int> RefuseAsync(IdentityResult result) =>
        RefuseAsync(string.Join(" ", result.Errors.Select(e => e.Description)));
}
