using LlmWatch.Web.Hosting;
using Microsoft.AspNetCore.Localization;

namespace LlmWatch.Web.Localization;

public static class CultureEndpoints
{
    public const string ThemeCookie = "llmwatch-theme";

    /// <summary>
    /// <c>/culture/set?culture=en&amp;redirectUri=/companies</c> keeps the reader's language in a cookie for a year and
    /// returns to the page; a culture outside the supported ones is a 400, a redirect outside this site goes home.
    /// </summary>
    public static void MapCultureEndpoints(this WebApplication app)
    {
        app.MapGet("/culture/set", (string? culture, string? redirectUri, HttpContext context) =>
        {
            if (culture is null || !WebHosting.SupportedCultures.Any(c => c.Name == culture))
                return Results.Problem(
                    detail: $"The culture must be one of: {string.Join(", ", WebHosting.SupportedCultures.Select(c => c.Name))}.",
                    statusCode: StatusCodes.Status400BadRequest, title: "Unknown culture");

            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = false, Path = "/" });
            return Results.LocalRedirect(IsLocal(redirectUri) ? AsciiOnly(redirectUri!) : "/");
        }).ExcludeFromDescription();

        // The theme the same way: a GET that keeps "dark" or "light" in a cookie and returns to the page, so the switch needs no circuit.
        app.MapGet("/theme/set", (string? theme, string? redirectUri, HttpContext context) =>
        {
            if (theme is not ("dark" or "light"))
                return Results.Problem(detail: "The theme must be one of: dark, light.", statusCode: StatusCodes.Status400BadRequest, title: "Unknown theme");

            context.Response.Cookies.Append(ThemeCookie, theme,
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = false, Path = "/" });
            return Results.LocalRedirect(IsLocal(redirectUri) ? AsciiOnly(redirectUri!) : "/");
        }).ExcludeFromDescription();
    }

    /// <summary>The address with every non-ASCII character percent-encoded (UTF-8): a Location header may hold only ASCII, and
    /// a hand-written <c>redirectUri=/companies?q=未具名</c> arrives decoded.</summary>
    private static string AsciiOnly(string uri)
    {
        if (uri.All(char.IsAscii)) return uri;
        var escaped = new System.Text.StringBuilder(uri.Length * 3);
        foreach (var rune in uri.EnumerateRunes())
        {
            if (rune.IsAscii) escaped.Append((char)rune.Value);
            else escaped.Append(Uri.EscapeDataString(rune.ToString()));
        }
        return escaped.ToString();
    }

    /// <summary>A path on this site: starts with one slash, no second slash or backslash after it, no control character anywhere
    /// (browsers drop tabs and newlines, so "/\t/evil.example" would leave the site).</summary>
    public static bool IsLocal(string? uri) =>
        !string.IsNullOrEmpty(uri) && uri.StartsWith('/') && !uri.StartsWith("//", StringComparison.Ordinal) && !uri.StartsWith("/\\", StringComparison.Ordinal)
        && !uri.Any(char.IsControl) && uri.Length <= 2048;
}
