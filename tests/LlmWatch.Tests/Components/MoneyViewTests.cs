using System.Globalization;
using Bunit;
using LlmWatch.Data.Values;
using LlmWatch.Tests.Infrastructure;
using LlmWatch.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace LlmWatch.Tests.Components;

public sealed class MoneyViewTests : BunitContext, IAsyncLifetime
{
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

    public MoneyViewTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddSingleton(FxRates.Load(RepositoryData.Directory));
        SetRendererInfo(new RendererInfo("Server", true));
    }

    private string Text(Money? value, string? currency = null, PartialDate? date = null, string culture = "en")
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        var cut = Render<MoneyView>(p => p.Add(x => x.Value, value).Add(x => x.Currency, currency).Add(x => x.Date, date));
        var money = cut.Find("[data-testid=money]");
        var parts = money.Children.Length == 0 ? [money.TextContent] : money.Children.Select(c => c.TextContent);
        return System.Text.RegularExpressions.Regex.Replace(string.Join(" ", parts), @"\s+", " ").Trim();
    }

    [Fact]
    public void An_exact_amount_shows_the_figure_and_the_sources_words()
    {
        Assert.Equal("US$50M 5000万美元", Text(new Money("USD", 50_000_000, 50_000_000, "5000万美元")));
        Assert.Equal("5000万美元", Text(new Money("USD", 50_000_000, 50_000_000, "5000万美元"), culture: "zh-CN"));
    }

    [Fact]
    public void A_range_stays_a_range_and_says_so()
    {
        Assert.Equal("CN¥100M–1B 数亿元 range", Text(new Money("CNY", 100_000_000, 999_999_999, "数亿元")));
    }

    [Fact]
    public void An_open_upper_bound_reads_at_least()
    {
        Assert.Equal("≥ US$1B 独角兽级别 at least", Text(new Money("USD", 1_000_000_000, null, "独角兽级别")));
    }

    [Fact]
    public void Undisclosed_is_never_zero()
    {
        Assert.Equal("undisclosed", Text(null).ToLowerInvariant().Replace("amount ", ""));
    }

    [Fact]
    public void Conversion_shows_the_rate_and_month_used_and_converts_a_range_to_a_range()
    {
        var text = Text(new Money("CNY", 100_000_000, 999_999_999, "数亿元"), "USD", new PartialDate(2023, 8));

        Assert.StartsWith("≈ US$14M–140M CN¥100M–1B · 数亿元", text);
        Assert.Contains("7.2486", text);
        Assert.Contains("2023-08", text);
        Assert.EndsWith("range", text);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        CultureInfo.CurrentUICulture = _previous;
        await base.DisposeAsync();
    }
}
