using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components.Endpoints;

namespace LlmWatch.Web.Hosting;

/// <summary>
/// No antiforgery cookie for a page that takes no form posts. Since .NET 10 the Blazor endpoint asks for antiforgery tokens on
/// every page once interactive render modes are configured (for forms and islands it might hold), and storing them sets a cookie
/// and <c>Cache-Control: no-cache, no-store</c>. A reader's first visit (or a crawler, a CDN, wrk) therefore always got a fresh
/// render marked unstorable, and the page cache kept nothing until some browser came back with the cookie. Reader pages hold
/// only links and GET forms, and their islands post nothing, so there the tokens are made without being stored; pages that take
/// form posts (<see cref="HostChecks.TakesFormPosts"/>: signing in, the editor's area) keep the framework's behaviour.
/// </summary>
public sealed class ReaderAntiforgery(IAntiforgery inner) : IAntiforgery
{
    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext) =>
        IsReadOnlyPage(httpContext) ? inner.GetTokens(httpContext) : inner.GetAndStoreTokens(httpContext);

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => inner.GetTokens(httpContext);

    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => inner.IsRequestValidAsync(httpContext);

    public Task ValidateRequestAsync(HttpContext httpContext) => inner.ValidateRequestAsync(httpContext);

    public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(httpContext);

    /// <summary>A GET or HEAD of a page that answers no POST: nothing on it can send a token back.</summary>
    public static bool IsReadOnlyPage(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is { } page
        && !HostChecks.TakesFormPosts(page.Type);

    /// <summary>Wraps the registered <see cref="IAntiforgery"/> (call after AddRazorComponents, which registers it).</summary>
    public static IServiceCollection AddReaderAntiforgery(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IAntiforgery))
            ?? throw new InvalidOperationException("No IAntiforgery is registered: call AddRazorComponents first.");
        services.Remove(registered);
        services.Add(ServiceDescriptor.Describe(typeof(IAntiforgery), sp => new ReaderAntiforgery(Create(sp, registered)), registered.Lifetime));
        return services;
    }

    private static IAntiforgery Create(IServiceProvider services, ServiceDescriptor registered) => registered switch
    {
        { ImplementationInstance: IAntiforgery instance } => instance,
        { ImplementationFactory: { } factory } => (IAntiforgery)factory(services),
        { ImplementationType: { } type } => (IAntiforgery)ActivatorUtilities.CreateInstance(services, type),
        _ => throw new InvalidOperationException("The registered IAntiforgery cannot be wrapped."),
    };
}
