using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LlmWatch.Tests.Infrastructure;

/// <summary>
/// The in-memory test server has no remote address; a test names the client it plays with the <see cref="Header"/> header,
/// which this startup filter turns into the connection's remote address before the app's pipeline runs.
/// </summary>
public sealed class ClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, call) =>
        {
            if (context.Request.Headers[Header].ToString() is { Length: > 0 } text && IPAddress.TryParse(text, out var address))
                context.Connection.RemoteIpAddress = address;
            return call(context);
        });
        next(app);
    };

    public static void AddTo(IWebHostBuilder builder) => builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, ClientAddress>());

    public static HttpRequestMessage Get(string url, string client)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(Header, client);
        return request;
    }
}
