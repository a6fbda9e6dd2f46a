using System.Globalization;
using System.Text;
using LlmWatch.Data.Entities;

namespace LlmWatch.Web.Components.Shared;

/// <summary>
/// Each camp's colour, defined here once: badges, toggles, the camp map's columns, chart fills and legends all read the CSS variables
/// <c>--lw-camp-{camp}</c> this writes into the page's head, and the overview's donut takes them as its palette. One hue per camp; a darker
/// shade for the light theme and a lighter one for the dark theme, each at least 4.5:1 against that theme's background and surface.
/// </summary>
public static class CampColors
{
    public sealed record CampColor(string Light, string Dark);

    public static readonly IReadOnlyDictionary<Camp, CampColor> All = new Dictionary<Camp, CampColor>
    {
        [Camp.General] = new("#1d4ed8", "#93c5fd"),
        [Camp.Vertical] = new("#047857", "#6ee7b7"),
        [Camp.BuiltOnOthers] = new("#92400e", "#fcd34d"),
        [Camp.Application] = new("#7c3aed", "#c4b5fd"),
        [Camp.None] = new("#4b5563", "#d1d5db"),
    };

    /// <summary>The class the layout carries in the dark theme, which switches the variables to the dark shades.</summary>
    public const string DarkThemeClass = "lw-theme-dark";

    public static string Variable(Camp camp) => $"var(--lw-camp-{camp.ToApi()})";

    /// <summary>The variables for both themes, for a &lt;style&gt; in the page's head.</summary>
    public static string Css { get; } = BuildCss();

    private static string BuildCss()
    {
        var css = new StringBuilder(":root{");
        foreach (var (camp, color) in All) css.Append(CultureInfo.InvariantCulture, $"--lw-camp-{camp.ToApi()}:{color.Light};");
        css.Append("}." + DarkThemeClass + "{");
        foreach (var (camp, color) in All) css.Append(CultureInfo.InvariantCulture, $"--lw-camp-{camp.ToApi()}:{color.Dark};");
        return css.Append('}').ToString();
    }
}
