using MudBlazor;

namespace LlmWatch.Web.Components.Layout;

public static class AppTheme
{
    // Latin fonts first: a CJK font's apostrophe and quotes are full-width, so "Baidu’s" read "Baidu’ s". Chinese characters still fall through
    // to the CJK fonts after them; Chinese pages put the CJK fonts first instead (base.css, :lang(zh)), where full-width punctuation is right.
    public static readonly string[] Fonts =
        ["Inter", "Roboto", "Segoe UI", "Helvetica Neue", "Arial", "Liberation Sans", "Noto Sans", "DejaVu Sans",
         "Noto Sans SC", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "system-ui", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5fae",
            Secondary = "#c2410c",
            AppbarBackground = "#12355b",
            Background = "#f6f7f9",
            DrawerBackground = "#ffffff",
            TextPrimary = "#1b1f24",
            TextSecondary = "#4a5360",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7fb0f0",
            Secondary = "#f59e6b",
            AppbarBackground = "#0e1a2b",
            Background = "#111418",
            Surface = "#1a1f26",
            DrawerBackground = "#151a20",
            TextPrimary = "#e8eaed",
            TextSecondary = "#b5bcc6",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = Fonts },
            H1 = new H1Typography { FontFamily = Fonts, FontSize = "2rem", FontWeight = "600", LineHeight = "1.25" },
            H2 = new H2Typography { FontFamily = Fonts, FontSize = "1.5rem", FontWeight = "600", LineHeight = "1.3" },
            H3 = new H3Typography { FontFamily = Fonts, FontSize = "1.25rem", FontWeight = "600", LineHeight = "1.35" },
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "240px" },
    };
}
