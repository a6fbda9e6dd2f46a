using System.Globalization;
using Bunit;
using LlmWatch.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace LlmWatch.Tests.Components;

public sealed class LanguageSwitchTests : BunitContext, IAsyncLifetime
{
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

    public LanguageSwitchTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        SetRendererInfo(new RendererInfo("Static", false));
    }

    [Fact]
    public void Each_language_is_a_GET_form_through_the_culture_endpoint_back_to_the_same_address()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/companies?camp=vertical&page=2");
        var cut = Render<LanguageSwitch>();

        var form = cut.Find("[data-testid=lang-en]").Closest("form")!;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal("/culture/set", form.GetAttribute("action"));
        Assert.Equal("en", form.QuerySelector("input[name=culture]")!.GetAttribute("value"));
        Assert.Equal("/companies?camp=vertical&page=2", form.QuerySelector("input[name=redirectUri]")!.GetAttribute("value"));
        Assert.Equal("submit", cut.Find("[data-testid=lang-en]").GetAttribute("type"));
    }

    [Fact]
    public void The_current_language_is_marked()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        var cut = Render<LanguageSwitch>();

        Assert.Equal("true", cut.Find("[data-testid=lang-en]").GetAttribute("aria-pressed"));
        Assert.Equal("false", cut.Find("[data-testid=lang-zh-CN]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public void Each_language_is_named_in_itself()
    {
        var cut = Render<LanguageSwitch>();

        Assert.Equal("中文", cut.Find("[data-testid=lang-zh-CN]").TextContent.Trim());
        Assert.Equal("English", cut.Find("[data-testid=lang-en]").TextContent.Trim());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        CultureInfo.CurrentUICulture = _previous;
        await base.DisposeAsync();
    }
}
