using System.Globalization;
using System.Net;
using System.Text;
using LlmWatch.Data;
using LlmWatch.Web.Features.Account;
using LlmWatch.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.TestHost;
using LlmWatch.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace LlmWatch.Tests.Hosting;

/// <summary>
/// The page cache's policy on a host of its own, with the app's caching registrations and pages whose HTML the test chooses:
/// today every page of the app is interactive, and static pages (the render-mode conversion) must be kept as these are.
/// </summary>
public sealed class PageCachingTests : IAsyncLifetime
{
    private const string Static = "<!DOCTYPE html><html><body><h1>Static page</h1></body></html>";
    private const string Interactive = "<!DOCTYPE html><html><body><!--Blazor:{\"type\":\"server\",\"prerenderId\":\"x\",\"key\":{},\"sequence\":0,\"descriptor\":\"abc\"}--><p>island</p><!--Blazor:{\"prerenderId\":\"x\"}--></body></html>";

    private sealed class Page : ComponentBase;

    /// <summary>A page that declares the one filter parameter it reads (besides paging and the as-of view).</summary>
    [ReadsQuery("camp")]
    private sealed class FilteredPage : ComponentBase;

    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private int _renders;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<DataChanges>();
        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SupportedCultures = o.SupportedUICultures = WebHosting.SupportedCultures;
            o.DefaultRequestCulture = new RequestCulture("en");
        });
        builder.AddLlmWatchResponseCaching();
        _app = builder.Build();
        _app.UseRequestLocalization();
        _app.UseOutputCache();
        _app.EvictCachedDataOnChange();

        MapPage("/static", context => context.Response.WriteAsync(Static));
        // Echoes its query as a page echoes its address (the language and theme forms' return address).
        _app.MapGet("/filtered", context =>
            {
                Interlocked.Increment(ref _renders);
                context.Response.ContentType = "text/html; charset=utf-8";
                return context.Response.WriteAsync($"<!DOCTYPE html><html><body><p>{System.Net.WebUtility.HtmlEncode(context.Request.QueryString.Value)}</p></body></html>");
            })
            .WithMetadata(new ComponentTypeMetadata(typeof(FilteredPage)))
            .CacheOutput(ResponseCaching.PageCache);
        MapPage("/interactive", context => context.Response.WriteAsync(Interactive));
        MapPage("/missing", context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return context.Response.WriteAsync(Static);
        });
        MapPage("/cookie", context =>
        {
            context.Response.Cookies.Append("something", "1");
            return context.Response.WriteAsync(Static);
        });
        MapPage("/curate/static", context => context.Response.WriteAsync(Static));
        // A streamed render whose marker arrives split across two flushes, and one without a marker.
        MapPage("/streamed-island", async context =>
        {
            var half = Interactive.Length / 2 + 5;
            await context.Response.WriteAsync(Interactive[..Interactive.IndexOf("\"type\"", StringComparison.Ordinal)]);
            await context.Response.Body.FlushAsync();
            await context.Response.WriteAsync(Interactive[Interactive.IndexOf("\"type\"", StringComparison.Ordinal)..half]);
            await context.Response.Body.FlushAsync();
            await context.Response.WriteAsync(Interactive[half..]);
        });
        MapPage("/streamed", async context =>
        {
            await context.Response.WriteAsync("<!DOCTYPE html><html><body><p>loading</p>");
            await context.Response.Body.FlushAsync();
            await context.Response.WriteAsync("<template>rows</template></body></html>");
        });
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    private void MapPage(string path, RequestDelegate render) =>
        _app.MapGet(path, context =>
            {
                Interlocked.Increment(ref _renders);
                context.Response.ContentType = "text/html; charset=utf-8";
                return render(context);
            })
            .WithMetadata(new ComponentTypeMetadata(typeof(Page)))
            .CacheOutput(ResponseCaching.PageCache);

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<HttpResponseMessage> GetAsync(string url, string? ifNoneMatch = null, string language = "en", string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptLanguage.ParseAdd(language);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        return await _client.SendAsync(request);
    }

    [Fact]
    public async Task A_static_page_is_kept_shared_for_a_minute_and_answers_304_to_its_etag()
    {
        using var first = await GetAsync("/static");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.True(etag.IsWeak);
        // Rendered anew: a cache in front may keep it but must ask first.
        Assert.Equal("no-cache", first.Headers.CacheControl?.ToString());
        Assert.Contains("Cookie", first.Headers.Vary);
        Assert.Contains("Accept-Language", first.Headers.Vary);

        using var second = await GetAsync("/static");
        Assert.NotNull(second.Headers.Age);
        Assert.Equal(1, _renders);
        Assert.Equal(Static, await second.Content.ReadAsStringAsync());
        Assert.Equal(etag, second.Headers.ETag);
        var shared = second.Headers.CacheControl!;
        Assert.True(shared.Public);
        Assert.True(shared.MustRevalidate);
        Assert.Equal(TimeSpan.Zero, shared.MaxAge);
        Assert.Equal(TimeSpan.FromSeconds(60), shared.SharedMaxAge);

        using var conditional = await GetAsync("/static", etag.ToString());
        Assert.Equal(HttpStatusCode.NotModified, conditional.StatusCode);
        Assert.Empty(await conditional.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, conditional.Headers.ETag);
        Assert.Equal(1, _renders);
    }

    [Fact]
    public async Task A_data_change_evicts_the_page_and_changes_its_etag()
    {
        using var first = await GetAsync("/static");
        (await GetAsync("/static")).Dispose();
        Assert.Equal(1, _renders);

        await _app.Services.GetRequiredService<DataChanges>().NotifyAsync();

        using var conditional = await GetAsync("/static", first.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, conditional.StatusCode);
        Assert.Null(conditional.Headers.Age);
        Assert.Equal(2, _renders);
        Assert.NotEqual(first.Headers.ETag, conditional.Headers.ETag);
        Assert.Equal(Static, await conditional.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/interactive")]
    [InlineData("/streamed-island")]
    public async Task A_page_with_an_interactive_marker_is_rendered_for_every_request_and_never_answered_304(string url)
    {
        using var first = await GetAsync(url);
        Assert.Equal(Interactive, await first.Content.ReadAsStringAsync());
        using var second = await GetAsync(url, first.Headers.ETag?.ToString());

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Null(second.Headers.Age);
        Assert.Equal(2, _renders);
        Assert.Equal("no-cache", second.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task A_streamed_page_without_markers_is_kept_whole()
    {
        var whole = await (await GetAsync("/streamed")).Content.ReadAsStringAsync();
        using var again = await GetAsync("/streamed");

        Assert.NotNull(again.Headers.Age);
        Assert.Equal(whole, await again.Content.ReadAsStringAsync());
        Assert.EndsWith("</html>", whole);
        Assert.Equal(1, _renders);
    }

    [Theory]
    [InlineData("/missing")]
    [InlineData("/cookie")]
    public async Task Errors_and_answers_that_set_cookies_are_never_kept_nor_validated(string url)
    {
        using var first = await GetAsync(url);
        using var second = await GetAsync(url);

        Assert.Null(second.Headers.Age);
        Assert.Null(second.Headers.ETag);
        Assert.Equal("no-store", second.Headers.CacheControl?.ToString());
        Assert.Equal(2, _renders);
    }

    [Fact]
    public async Task Signed_in_requests_and_the_curation_area_are_never_cached_and_say_so()
    {
        (await GetAsync("/static")).Dispose();
        using var signedIn = await GetAsync("/static", cookie: $"{AccountServices.CookieName}=x");
        using var curate = await GetAsync("/curate/static");
        using var curateAgain = await GetAsync("/curate/static");

        Assert.Null(signedIn.Headers.Age);
        Assert.Null(curateAgain.Headers.Age);
        foreach (var response in new[] { signedIn, curate, curateAgain })
        {
            Assert.Null(response.Headers.ETag);
            Assert.True(response.Headers.CacheControl!.Private);
            Assert.True(response.Headers.CacheControl.NoStore);
        }
        Assert.Equal(4, _renders);
    }

    [Fact]
    public async Task Culture_and_theme_each_have_their_own_entry_and_etag()
    {
        using var en = await GetAsync("/static");
        using var zh = await GetAsync("/static", language: "zh-CN");
        using var dark = await GetAsync("/static", cookie: "llmwatch-theme=dark");
        using var zhAgain = await GetAsync("/static", language: "zh-CN");
        using var darkAgain = await GetAsync("/static", cookie: "llmwatch-theme=dark");

        Assert.Equal(3, _renders);
        Assert.NotNull(zhAgain.Headers.Age);
        Assert.NotNull(darkAgain.Headers.Age);
        Assert.Equal(3, new[] { en.Headers.ETag, zh.Headers.ETag, dark.Headers.ETag }.Distinct().Count());
        // The culture cookie wins over the browser's languages, as the pages' culture does.
        using var cookieZh = await GetAsync("/static", cookie: $"{CookieRequestCultureProvider.DefaultCookieName}={CookieRequestCultureProvider.MakeCookieValue(new RequestCulture("zh-CN"))}");
        Assert.NotNull(cookieZh.Headers.Age);
        Assert.Equal(zh.Headers.ETag, cookieZh.Headers.ETag);
        Assert.Equal(3, _renders);
    }

    [Fact]
    public void The_marker_scanner_finds_a_marker_split_across_writes_and_nothing_in_clean_html()
    {
        foreach (var marker in PageCachePolicy.RequestBoundMarkers)
        {
            var html = Encoding.UTF8.GetBytes("<p>" + new string('x', 100) + marker + "</p>");
            var at = 103 + marker.Length / 2;
            for (var split = Math.Max(1, at - marker.Length); split <= Math.Min(html.Length - 2, at + marker.Length); split++)
            {
                using var scanner = new MarkerScanner(Stream.Null);
                scanner.Write(html.AsSpan(0, split));
                scanner.Write(html.AsSpan(split, 1));
                scanner.Write(html.AsSpan(split + 1));
                Assert.True(scanner.Found, $"{marker} split at {split}");
            }
        }
        using var clean = new MarkerScanner(Stream.Null);
        foreach (var chunk in Static.Chunk(3)) clean.Write(Encoding.UTF8.GetBytes(chunk));
        Assert.False(clean.Found);
    }

    [Fact]
    public void A_page_is_storable_only_when_complete_successful_cookieless_html_without_markers()
    {
        static HttpResponse Response(int status = 200, string type = "text/html; charset=utf-8", bool cookie = false)
        {
            var http = new DefaultHttpContext();
            http.Response.StatusCode = status;
            http.Response.ContentType = type;
            if (cookie) http.Response.Headers.SetCookie = "a=b";
            return http.Response;
        }
        using var clean = new MarkerScanner(Stream.Null);
        clean.Write(Encoding.UTF8.GetBytes(Static));
        using var marked = new MarkerScanner(Stream.Null);
        marked.Write(Encoding.UTF8.GetBytes(Interactive));

        Assert.True(PageCachePolicy.IsStorable(Response(), clean, aborted: false));
        Assert.False(PageCachePolicy.IsStorable(Response(), marked, aborted: false));
        Assert.False(PageCachePolicy.IsStorable(Response(), clean, aborted: true));
        Assert.False(PageCachePolicy.IsStorable(Response(404), clean, aborted: false));
        Assert.False(PageCachePolicy.IsStorable(Response(500), clean, aborted: false));
        Assert.False(PageCachePolicy.IsStorable(Response(302), clean, aborted: false));
        Assert.False(PageCachePolicy.IsStorable(Response(cookie: true), clean, aborted: false));
        Assert.False(PageCachePolicy.IsStorable(Response(type: "application/json"), clean, aborted: false));
        Assert.False(PageCachePolicy.IsStorable(Response(), null, aborted: false));
    }

    [Fact]
    public async Task A_parameter_the_page_does_not_read_is_answered_from_the_pages_entry_and_makes_none()
    {
        using var clean = await GetAsync("/filtered?camp=general&page=2");
        Assert.Null(clean.Headers.Age);
        using var junk = await GetAsync("/filtered?camp=general&junk=1&page=2");
        Assert.NotNull(junk.Headers.Age);
        Assert.Equal(1, _renders);
        Assert.Equal(await clean.Content.ReadAsStringAsync(), await junk.Content.ReadAsStringAsync());

        // A read parameter still makes its own entry, and so does the as-of view every page reads.
        using var other = await GetAsync("/filtered?camp=vertical&page=2");
        using var asOf = await GetAsync("/filtered?camp=general&page=2&asOf=2023-08-01");
        Assert.Null(other.Headers.Age);
        Assert.Null(asOf.Headers.Age);
        Assert.Equal(3, _renders);
    }

    [Fact]
    public async Task An_answer_to_an_address_with_a_parameter_the_page_does_not_read_is_never_kept()
    {
        // Its render echoes the junk (in the return address of the language form): never handed to the clean address's readers.
        using var junk = await GetAsync("/filtered?camp=general&utm_source=x");
        using var junkAgain = await GetAsync("/filtered?camp=general&utm_source=y");
        using var clean = await GetAsync("/filtered?camp=general");
        Assert.Null(junkAgain.Headers.Age);
        Assert.Null(clean.Headers.Age);
        Assert.DoesNotContain("utm_source", await clean.Content.ReadAsStringAsync());
        Assert.Equal(3, _renders);
    }

    [Fact]
    public async Task A_read_parameter_spelt_in_another_case_is_neither_answered_from_the_cache_nor_kept()
    {
        // The cache's key matches names in any case, a page does not always: a lone CAMP is no filter to it.
        using var clean = await GetAsync("/filtered?camp=general");
        using var upper = await GetAsync("/filtered?CAMP=general");
        using var upperAgain = await GetAsync("/filtered?CAMP=general");
        Assert.Null(upper.Headers.Age);
        Assert.Null(upperAgain.Headers.Age);
        Assert.Contains("CAMP", await upper.Content.ReadAsStringAsync());
        Assert.Equal(3, _renders);
    }

    [Fact]
    public void The_declared_parameters_are_the_filters_own_plus_paging_and_the_view()
    {
        var companies = ReadsQueryAttribute.Of(typeof(LlmWatch.Web.Features.Companies.CompaniesPage));
        Assert.NotNull(companies);
        Assert.Equal([.. LlmWatch.Web.Features.Companies.CompanyFilter.Parameters, .. ReadsQueryAttribute.Common], companies);
        Assert.Contains("currency", ReadsQueryAttribute.Of(typeof(LlmWatch.Web.Features.Valuations.ValuationsPage))!);
        // The static lists declare theirs; pages with an island are never kept, so what they read does not key anything.
        Assert.Equal([.. LlmWatch.Web.Features.Changes.ChangeFilter.Parameters, "asOf", "recordedAt"],
            ReadsQueryAttribute.Of(typeof(LlmWatch.Web.Features.Changes.ChangesPage)));
        Assert.Null(ReadsQueryAttribute.Of(typeof(Page)));
        Assert.Throws<ArgumentException>(() => new ReadsQueryAttribute(typeof(Page)));
    }

    /// <summary>
    /// Every page that declares what it reads declares at least what it binds from the query: a parameter it reads but does not
    /// declare would be answered from another address's entry.
    /// </summary>
    [Fact]
    public void Every_declared_page_declares_each_parameter_it_binds()
    {
        var pages = typeof(LlmWatch.Web.Features.Companies.CompaniesPage).Assembly.GetTypes()
            .Where(t => ReadsQueryAttribute.Of(t) is not null).ToList();
        Assert.Contains(typeof(LlmWatch.Web.Features.Companies.CompaniesPage), pages);
        foreach (var page in pages)
        foreach (var property in page.GetProperties())
            if (property.GetCustomAttributes(typeof(SupplyParameterFromQueryAttribute), true).FirstOrDefault() is SupplyParameterFromQueryAttribute bound)
                Assert.True(ReadsQueryAttribute.Of(page)!.Contains(bound.Name ?? property.Name), $"{page.Name} binds '{bound.Name ?? property.Name}' but does not declare it");
    }
}
