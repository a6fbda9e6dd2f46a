using System.Globalization;
using Bunit;
using LlmWatch.Web.Components.Shared;
using LlmWatch.Web.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace LlmWatch.Tests.Hosting;

/// <summary>
/// Inside one circuit (one bUnit context: one scope, one CostlyWorkGate), interactive loads of costly addresses pass the same
/// per-client limits as HTTP requests: with the defaults, one costly load runs and two wait; the rest show the "please wait"
/// notice and run no query. Loads of ordinary addresses, and a few costly ones one after the other, are untouched.
/// </summary>
public sealed class CostlyRenderLimitTests : BunitContext
{
    /// <summary>A page that loads interactively (no HttpContext cascaded) and shows its state as pages do.</summary>
    private sealed class Page : DataComponentBase
    {
        [Parameter] public Func<CancellationToken, Task<string?>> Load { get; set; } = default!;
        private string? _data;

        protected override async Task OnInitializedAsync() => _data = await LoadAsync(Load);

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenComponent<DataState>(0);
            builder.AddAttribute(1, nameof(DataState.Loaded), _data is not null);
            builder.AddAttribute(2, nameof(DataState.Failed), Failed);
            builder.AddAttribute(3, nameof(DataState.ChildContent), (RenderFragment)(b => b.AddMarkupContent(0, $"<p data-testid=\"data\">{_data}</p>")));
            builder.CloseComponent();
        }
    }

    private readonly PageRateLimitSettings _settings = new();
    private int _started;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CostlyRenderLimitTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        // Links keep the page's asOf through AsOfView (today's view here: the test's address has none).
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<LlmWatch.Web.Features.AsOf.AsOfView>();
        Services.AddSingleton(Options.Create(_settings));
        Services.AddSingleton<ClientLimiters>();
        Services.AddSingleton<IHttpContextAccessor>(new HttpContextAccessor());
        Services.AddScoped<CostlyWorkGate>();
    }

    private async Task<string?> SlowQueryAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _started);
        await _release.Task.WaitAsync(cancellationToken);
        return "rows";
    }

    private IRenderedComponent<Page> Navigate(string url, Func<CancellationToken, Task<string?>> load)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return Render<Page>(p => p.Add(x => x.Load, load));
    }

    [Theory]
    [InlineData("en", "Please wait a moment.")]
    [InlineData("zh-CN", "请稍候片刻。")]
    public async Task Rapid_costly_navigations_in_one_circuit_run_only_the_allowed_number_of_queries(string culture, string notice)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        var pages = Enumerable.Range(1, 10).Select(n => Navigate($"/funding?page={n}", SlowQueryAsync)).ToList();

        var allowed = _settings.CostlyConcurrency + _settings.CostlyQueue;
        var refused = pages.Where(p => p.FindAll("[data-testid=data-busy]").Count == 1).ToList();
        Assert.Equal(10 - allowed, refused.Count);
        Assert.All(refused, p => Assert.Contains(notice, p.Markup));
        Assert.Equal(_settings.CostlyConcurrency, Volatile.Read(ref _started));

        // The running one finishes, and the waiting ones run in turn: only the allowed number ever queried.
        _release.SetResult();
        foreach (var page in pages.Except(refused))
            page.WaitForAssertion(() => Assert.Equal("rows", page.Find("[data-testid=data]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Equal(allowed, Volatile.Read(ref _started));
        await Task.CompletedTask;
    }

    [Fact]
    public void A_few_navigations_one_after_the_other_and_ordinary_pages_are_untouched()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        _release.SetResult();
        foreach (var url in new[] { "/funding", "/companies?q=zhipu", "/funding?camp=general", "/funding?page=2", "/companies?page=25" })
        {
            var page = Navigate(url, SlowQueryAsync);
            page.WaitForAssertion(() => Assert.Equal("rows", page.Find("[data-testid=data]").TextContent), TimeSpan.FromSeconds(10));
        }
        // Ordinary addresses never meet the costly limiter, however many at once.
        var held = new TaskCompletionSource<string?>();
        var ordinary = Enumerable.Range(1, 20).Select(n => Navigate($"/companies?page={n % 5 + 1}", _ => held.Task)).ToList();
        Assert.All(ordinary, p => Assert.Empty(p.FindAll("[data-testid=data-busy]")));
        Assert.Equal(5, _started);
    }

    [Fact]
    public void The_costly_classification_is_the_one_http_uses()
    {
        string? Q(string name) => name == "page" ? "25" : null;
        Assert.True(RequestLimits.IsCostlyPage("/funding", _ => null, _settings));
        Assert.True(RequestLimits.IsCostlyPage("/companies", n => n == "q" ? "zq" : null, _settings));
        Assert.True(RequestLimits.IsCostlyPage("/companies", Q, _settings));
        Assert.True(RequestLimits.IsCostlyPage("/companies", n => n == "page" ? "x" : null, _settings));
        Assert.False(RequestLimits.IsCostlyPage("/companies", n => n == "page" ? "3" : null, _settings));
        Assert.False(RequestLimits.IsCostlyPage("/companies/openai", _ => null, _settings));
    }
}
