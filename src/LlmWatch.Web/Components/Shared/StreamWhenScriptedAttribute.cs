namespace LlmWatch.Web.Components.Shared;

/// <summary>
/// A page whose query may take time streams its content (loading state first, rows when they arrive) when the request comes from
/// Blazor's enhanced navigation, which applies the streamed parts with script. A full page load is rendered whole: a reader without
/// JavaScript would never see content that arrives as a streamed update, and a cache or crawler gets the complete page.
/// App.razor reads this attribute from the endpoint and wraps the router in <see cref="StreamingRoutes"/> accordingly.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StreamWhenScriptedAttribute : Attribute
{
    /// <summary>Blazor's enhanced navigation and form requests ask for "text/html; blazor-enhanced-nav=on".</summary>
    public static bool IsEnhancedNavigation(HttpContext? context) =>
        context?.Request.Headers.Accept.Any(a => a?.Contains("blazor-enhanced-nav=on", StringComparison.OrdinalIgnoreCase) == true) == true;

    /// <summary>Whether this request's page streams: it asks to, and the request came through enhanced navigation.</summary>
    public static bool Applies(HttpContext? context) =>
        IsEnhancedNavigation(context)
        && context!.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>()?.Type.IsDefined(typeof(StreamWhenScriptedAttribute), false) == true;
}
