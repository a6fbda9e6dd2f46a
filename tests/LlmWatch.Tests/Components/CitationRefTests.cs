using System.Globalization;
using Bunit;
using LlmWatch.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace LlmWatch.Tests.Components;

public sealed class CitationRefTests : BunitContext, IAsyncLifetime
{
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

    private static readonly CitationView[] Quotes =
    [
        new("huxiu-2023-08-02", "百川智能宣布Baichuan-13B开源", null),
        new("huxiu-2023-08-02", "王小川出资5000万美元", "amount as reported"),
    ];

    public CitationRefTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
    }

    [Fact]
    public void Each_quote_is_a_numbered_link_to_its_sentence_in_the_source()
    {
        SetRendererInfo(new RendererInfo("Static", false));
        var cut = Render<CitationRef>(p => p.Add(x => x.Items, Quotes));

        var links = cut.FindAll("[data-testid=citation]");
        Assert.Equal(2, links.Count);
        Assert.Equal("1", links[0].TextContent.Trim());
        Assert.Equal("/sources/huxiu-2023-08-02?q=" + Uri.EscapeDataString("王小川出资5000万美元"), links[1].GetAttribute("href"));
        Assert.Contains("王小川出资5000万美元", links[1].GetAttribute("aria-label"));
    }

    [Fact]
    public void A_tap_opens_the_quote_with_its_note_and_link_and_a_second_tap_closes_it()
    {
        SetRendererInfo(new RendererInfo("Server", true));
        var provider = Render<MudPopoverProvider>();
        var cut = Render<CitationRef>(p => p.Add(x => x.Items, Quotes));

        cut.FindAll("[data-testid=citation]")[1].Click();

        // The popover provider renders on its own turn: wait for the card (a deadline, not a timing claim).
        var card = provider.WaitForElement("[data-testid=citation-card]", TimeSpan.FromSeconds(10));
        Assert.Contains("王小川出资5000万美元", card.TextContent);
        Assert.Contains("amount as reported", card.TextContent);
        Assert.Equal(Quotes[1].Href, card.QuerySelector("a")!.GetAttribute("href"));

        cut.FindAll("[data-testid=citation]")[1].Click();
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("[data-testid=citation-card]")), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void No_quotes_render_nothing_to_click()
    {
        SetRendererInfo(new RendererInfo("Server", true));
        var cut = Render<CitationRef>(p => p.Add(x => x.Items, Array.Empty<CitationView>()));

        Assert.Empty(cut.FindAll("[data-testid=citation]"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        CultureInfo.CurrentUICulture = _previous;
        await base.DisposeAsync();
    }
}
