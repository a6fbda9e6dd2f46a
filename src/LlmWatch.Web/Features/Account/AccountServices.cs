using System.Security.Claims;
using LlmWatch.Data;
using LlmWatch.Data.Accounts;
using LlmWatch.Web.Features.Curate;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace LlmWatch.Web.Features.Account;

/// <summary>
/// Accounts: Identity over the app's database, a cookie sign-in at /account/login, lockout, the role policies, and the
/// answers an unauthorised request gets (a page redirects to sign-in or to the denied page; anything else gets 401 or 403).
/// </summary>
public static class AccountServices
{
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";
    public const string DeniedPath = "/account/denied";
    public const string CookieName = "llmwatch.auth";
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public static WebApplicationBuilder AddLlmWatchAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddIdentityCore<LlmWatchUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
                o.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<LlmWatchDbContext>()
            .AddClaimsPrincipalFactory<CuratorClaims>()
            .AddSignInManager<LlmWatchSignInManager>()
            .AddDefaultTokenProviders();

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        var development = builder.Environment.IsDevelopment();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = LoginPath;
            o.LogoutPath = LogoutPath;
            o.AccessDeniedPath = DeniedPath;
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden);
        });
        // A disabled account or a reset password ends the sessions already open within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.Configure<AntiforgeryOptions>(o =>
        {
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // Not a credential on its own; "Always" would make antiforgery refuse every form served over plain HTTP (a 500).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddCuratePolicies();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, AccountRevalidation>();
        builder.AddLoginLimits();
        return builder;
    }

    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        // A POST with the form's antiforgery token (binding [FromForm] makes the endpoint check it), never a GET a link could trigger.
        app.MapPost(LogoutPath, async ([FromForm] string? returnUrl, SignInManager<LlmWatchUser> signIn, HttpContext context) =>
            {
                await signIn.SignOutAsync();
                return Results.LocalRedirect(SafeReturnUrl(returnUrl, "/"));
            })
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>A return address this site owns ("/curate", never "//evil.example" or "https://…"), else <paramref name="fallback"/>.</summary>
    public static string SafeReturnUrl(string? returnUrl, string fallback = "/curate") =>
        returnUrl is { Length: > 0 and <= 2048 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
            && !url.Any(char.IsControl)
            ? url
            : fallback;

    /// <summary>Pages go to the sign-in or denied page; API calls and form posts get the bare status code.</summary>
    private static Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsPage(context.HttpContext)) context.Response.Redirect(context.RedirectUri);
        else context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    private static bool IsPage(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            ? context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null
            : false;
}

/// <summary>Identity's sign-in, refusing disabled accounts before their password is even checked.</summary>
public sealed class LlmWatchSignInManager(UserManager<LlmWatchUser> users, IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<LlmWatchUser> claimsFactory, IOptions<IdentityOptions> options, ILogger<SignInManager<LlmWatchUser>> logger,
    IAuthenticationSchemeProvider schemes, IUserConfirmation<LlmWatchUser> confirmation)
    : SignInManager<LlmWatchUser>(users, contextAccessor, claimsFactory, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(LlmWatchUser user) => !user.Disabled && await base.CanSignInAsync(user);

    /// <summary>A session whose account was disabled since it began ends at the next stamp check.</summary>
    public override async Task<LlmWatchUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal) =>
        await base.ValidateSecurityStampAsync(principal) is { Disabled: false } user ? user : null;
}

/// <summary>Rechecks a live circuit's account every minute: a disabled account or a changed password closes its editor pages.</summary>
public sealed class AccountRevalidation(ILoggerFactory loggers, IServiceScopeFactory scopes, IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LlmWatchUser>>();
        if (await users.GetUserAsync(state.User) is not { Disabled: false } user) return false;
        if (!users.SupportsUserSecurityStamp) return true;
        var stamp = state.User.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(user);
    }
}

/// <summary>The display name travels in the sign-in cookie, so pages greet a person without reading the database.</summary>
public sealed class CuratorClaims(UserManager<LlmWatchUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<LlmWatchUser, IdentityRole>(users, roles, options)
{
    public const string DisplayNameClaim = "llmwatch:display-name";

    public static string DisplayName(ClaimsPrincipal user) => user.FindFirstValue(DisplayNameClaim) ?? "";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(LlmWatchUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        return identity;
    }
}
