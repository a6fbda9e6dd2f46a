using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace LlmWatch.Web.Localization;

/// <summary>
/// Reads Accept-Language by quality and maps every Chinese variant (zh, zh-TW, zh-Hans…) to zh-CN and every English one to en,
/// which ASP.NET Core's own provider does not: it only falls back from a specific culture to its parent.
/// </summary>
public sealed class BrowserLanguageProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var header = httpContext.Request.GetTypedHeaders().AcceptLanguage;
        foreach (var language in header.OrderByDescending(l => l.Quality ?? 1))
        {
            var name = language.Value.Value ?? "";
            var culture = name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh-CN"
                : name.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en"
                : null;
            if (culture is not null) return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(culture));
        }
        return NullProviderCultureResult;
    }
}
