using System.Globalization;
using Bunit;
using LlmWatch.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace LlmWatch.Tests.Components;

public sealed class UndatedNoticeTests : BunitContext, IAsyncLifetime
{
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

    public UndatedNoticeTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        // Links keep the page's asOf through AsOfView (today's view here: the test's address has none).
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<LlmWatch.Web.Features.AsOf.AsOfView>();
        SetRendererInfo(new RendererInfo("Server", true));
    }

    private IRenderedComponent<UndatedNotice> Render(int? count, bool included, string culture = "en")
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        return Render<UndatedNotice>(p => p.Add(x => x.Count, count).Add(x => x.Included, included).Add(x => x.Field, "Founded")
            .Add(x => x.Href, "/companies?from=2021&includeUndated=true"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    public void Nothing_left_out_says_nothing(int? count) => Assert.Empty(Render(count, false).Markup.Trim());

    [Theory]
    [InlineData("en", false, "44 more have no founding date and are left out by the date filter.", "Include them")]
    [InlineData("en", true, "Including 44 with no founding date.", "Leave them out")]
    [InlineData("zh-CN", false, "另有 44 条没有成立日期,日期筛选未列入。", "一并列出")]
    [InlineData("zh-CN", true, "已一并列出 44 条没有成立日期的记录。", "不列入")]
    public void It_says_how_many_and_links_to_the_other_view(string culture, bool included, string text, string link)
    {
        var cut = Render(44, included, culture);
        var notice = cut.Find("[data-testid=undated-notice]");
        Assert.StartsWith(text, notice.TextContent.Trim());
        var anchor = cut.Find("[data-testid=undated-toggle]");
        Assert.Equal(link, anchor.TextContent.Trim());
        Assert.Equal("/companies?from=2021&includeUndated=true", anchor.GetAttribute("href"));
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        CultureInfo.CurrentUICulture = _previous;
        await base.DisposeAsync();
    }
}
