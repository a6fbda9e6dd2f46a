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
        SetRendererInfo(new RendererInfo("Server", true));
    }

    [Fact]
    public void Choosing_English_from_Chinese_reloads_through_the_culture_endpoint_back_to_the_same_page()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/companies?camp=vertical&page=2");
        var cut = Render<LanguageSwitch>();

        cut.Find("[data-testid=lang-en]").Click();

        Assert.Equal("http://localhost/culture/set?culture=en&redirectUri=%2Fcompanies%3Fcamp%3Dvertical%26page%3D2", navigation.Uri);
    }

    [Fact]
    public void The_current_language_is_marked_and_choosing_it_again_does_nothing()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        var navigation = Services.GetRequiredService<NavigationManager>();
        var cut = Render<LanguageSwitch>();

        Assert.Equal("true", cut.Find("[data-testid=lang-en]").GetAttribute("aria-pressed"));
        Assert.Equal("false", cut.Find("[data-testid=lang-zh-CN]").GetAttribute("aria-pressed"));
        cut.Find("[data-testid=lang-en]").Click();

        Assert.Equal("http://localhost/", navigation.Uri);
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
