using System.Globalization;
using System.Text.RegularExpressions;
using LlmWatch.Data.Entities;
using LlmWatch.Tests.Infrastructure;
using LlmWatch.Web.Components.Layout;
using LlmWatch.Web.Components.Shared;
using MudBlazor.Utilities;

namespace LlmWatch.Tests.Components;

/// <summary>Camp colours are defined once (CampColors), read everywhere through CSS variables, and legible in both themes.</summary>
public sealed class CampColorsTests
{
    private static readonly string Web = Path.Combine(Path.GetDirectoryName(RepositoryData.Directory)!, "src", "LlmWatch.Web");

    [Fact]
    public void Every_camp_has_a_colour_for_each_theme() =>
        Assert.Equal(Enum.GetValues<Camp>().Order(), CampColors.All.Keys.Order());

    [Fact]
    public void Each_colour_reads_at_4_5_to_1_on_its_themes_background_and_surface()
    {
        var light = new[] { AppTheme.Theme.PaletteLight.Background, AppTheme.Theme.PaletteLight.Surface };
        var dark = new[] { AppTheme.Theme.PaletteDark.Background, AppTheme.Theme.PaletteDark.Surface };
        foreach (var (camp, color) in CampColors.All)
        {
            foreach (var background in light) Assert.True(Contrast(color.Light, background) >= 4.5, $"{camp} light {color.Light} on {background}: {Contrast(color.Light, background):0.00}");
            foreach (var background in dark) Assert.True(Contrast(color.Dark, background) >= 4.5, $"{camp} dark {color.Dark} on {background}: {Contrast(color.Dark, background):0.00}");
        }
    }

    [Fact]
    public void The_variables_are_written_for_both_themes()
    {
        foreach (var (camp, color) in CampColors.All)
        {
            Assert.Contains($"--lw-camp-{camp.ToApi()}:{color.Light};", CampColors.Css);
            Assert.Contains($"--lw-camp-{camp.ToApi()}:{color.Dark};", CampColors.Css);
        }
        Assert.Matches($"\\.{CampColors.DarkThemeClass}\\{{", CampColors.Css);
    }

    [Fact]
    public void No_stylesheet_or_component_spells_a_camp_colour_itself()
    {
        var files = Directory.GetFiles(Path.Combine(Web, "wwwroot", "css"), "*.css")
            .Concat(Directory.GetFiles(Web, "*.razor", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        // Camp rules (badges, toggles, fills, columns) read the variables; a colour spelled out would drift from the others.
        var campRules = new Regex(@"\.lw-camp-[a-z-]+[^{]*\{[^}]*\}");
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (Match rule in campRules.Matches(text))
                Assert.DoesNotMatch("#[0-9a-fA-F]{3,8}\\b|rgba?\\(", Regex.Replace(rule.Value, @"var\([^)]*\)", ""));
        }
    }

    [Fact]
    public void The_overview_donut_takes_the_camp_variables_in_the_order_of_its_series()
    {
        var overview = File.ReadAllText(Path.Combine(Web, "Features", "Overview", "OverviewPage.razor"));
        Assert.Contains("ChartPalette = Enum.GetValues<Camp>().Select(CampColors.Variable)", overview);
        Assert.Equal("var(--lw-camp-built-on-others)", CampColors.Variable(Camp.BuiltOnOthers));
    }

    private static double Contrast(string a, MudColor b)
    {
        var (la, lb) = (Luminance(new MudColor(a)), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(MudColor c)
    {
        static double Channel(byte v)
        {
            var s = v / 255.0;
            return s <= 0.03928 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Channel(c.R) + 0.7152 * Channel(c.G) + 0.0722 * Channel(c.B);
    }
}
