using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Hosting;

/// <summary>
/// The HTML mistakes the Nu HTML Checker found in our own markup (tests/perf/htmlcheck.sh runs the checker itself): a block
/// element in an inline one (a MudChip's div in a money span), style elements in the body, a script attribute HTML does not have.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class MarkupValidityTests(LlmWatchFactory app)
{
    // Elements whose content model is phrasing content only: a div, list or table may not sit in them.
    private static readonly HashSet<string> PhrasingOnly =
        ["span", "p", "button", "label", "strong", "em", "small", "q", "code", "abbr", "h1", "h2", "h3", "h4", "h5", "h6"];

    private static readonly HashSet<string> FlowOnly =
        ["div", "p", "ul", "ol", "dl", "table", "section", "article", "aside", "nav", "form", "header", "footer", "figure", "h1", "h2", "h3", "h4", "h5", "h6"];

    [Theory]
    [InlineData("/", "en")]
    [InlineData("/funding", "en")]
    [InlineData("/funding", "zh-CN")]
    [InlineData("/valuations", "en")]
    [InlineData("/models", "en")]
    [InlineData("/companies", "en")]
    [InlineData("/companies/zhipu-ai", "zh-CN")]
    [InlineData("/timeline", "en")]
    public async Task No_block_element_sits_in_an_inline_one(string path, string language)
    {
        var document = await LoadAsync(path, language);

        var misplaced = document.All
            .Where(e => FlowOnly.Contains(e.LocalName) && e.ParentElement is { } parent && PhrasingOnly.Contains(parent.LocalName))
            .Select(e => $"<{e.LocalName} class=\"{e.ClassName}\"> in <{e.ParentElement!.LocalName} class=\"{e.ParentElement.ClassName}\">")
            .ToList();

        Assert.True(misplaced.Count == 0, string.Join("\n", misplaced));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/companies")]
    [InlineData("/account/login")]
    public async Task Styles_sit_in_the_head_and_scripts_carry_only_html_attributes(string path)
    {
        var document = await LoadAsync(path, "en");

        Assert.Empty(document.Body!.QuerySelectorAll("style"));
        Assert.NotEmpty(document.Head!.QuerySelectorAll("style.mud-theme-provider"));
        Assert.All(document.QuerySelectorAll("script"), script => Assert.Null(script.GetAttribute("autostart")));
    }

    private async Task<IDocument> LoadAsync(string path, string language)
    {
        var (status, html) = await app.GetPageAsync(path, language);
        Assert.Equal(HttpStatusCode.OK, status);
        return new HtmlParser().ParseDocument(html);
    }
}
