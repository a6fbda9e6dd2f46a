using System.Globalization;
using Bunit;
using LlmWatch.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
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
        // Links keep the page's asOf through AsOfView (today's view here: the test's address has none).
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<LlmWatch.Web.Features.AsOf.AsOfView>();
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
    public void Each_link_carries_its_quote_and_note_in_a_card_beside_it_rendered_without_a_circuit()
    {
        SetRendererInfo(new RendererInfo("Static", false));
        var cut = Render<CitationRef>(p => p.Add(x => x.Items, Quotes));

        var cards = cut.FindAll("[data-testid=citation-card]");
        Assert.Equal(2, cards.Count);
        Assert.Contains("王小川出资5000万美元", cards[1].TextContent);
        Assert.Contains("amount as reported", cards[1].TextContent);
        Assert.DoesNotContain("amount as reported", cards[0].TextContent);
        // The card follows its link (CSS shows it on hover and focus) and holds only phrasing content, so it is valid inside a sentence.
        Assert.Equal("citation", cards[1].PreviousElementSibling!.GetAttribute("data-testid"));
        Assert.Empty(cut.FindAll(".lw-citation-ref div, .lw-citation-ref p, .lw-citation-ref blockquote"));
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
    [Fact]
    public void A_dataset_rows_cells_are_one_numbered_link_to_the_row_listing_them_by_column()
    {
        SetRendererInfo(new RendererInfo("Static", false));
        CitationView Cell(int row, string column, string quote) => new("epoch-ai-models-china", quote, null) { Row = row, Columns = [column] };
        // An article quote, then two rows whose cells come interleaved: the row keeps its place at its first cell.
        var items = new[]
        {
            Quotes[0], Cell(29, "Model", "DeepSeek-V3"), Cell(28, "Model", "DeepSeek-R1"), Cell(29, "Publication date", "2024-12-24"),
            Cell(29, "Model", "DeepSeek-V3"),
        };

        var cut = Render<CitationRef>(p => p.Add(x => x.Items, items));

        var links = cut.FindAll("[data-testid=citation]");
        Assert.Equal(3, links.Count);
        Assert.Equal("/sources/epoch-ai-models-china?row=29#row-29", links[1].GetAttribute("href"));
        Assert.Equal("/sources/epoch-ai-models-china?row=28#row-28", links[2].GetAttribute("href"));
        var card = cut.FindAll("[data-testid=citation-card]")[1];
        Assert.Equal(["Model: DeepSeek-V3", "Publication date: 2024-12-24"], card.QuerySelectorAll(".lw-citation-cell").Select(c => c.TextContent.Trim()));
        Assert.Contains("Row 29 of the dataset", card.TextContent);
        Assert.Contains("Row 29 of the dataset: Model DeepSeek-V3; Publication date 2024-12-24", links[1].GetAttribute("aria-label"));
        Assert.Empty(cut.FindAll(".lw-citation-ref div, .lw-citation-ref p, .lw-citation-ref blockquote"));
    }
}
