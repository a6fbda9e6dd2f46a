using System.Text.RegularExpressions;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Components;

/// <summary>One CSS dialect: every class of ours starts with lw-, and no rule styles a class that no markup or script uses.</summary>
public sealed partial class CssConventionTests
{
    private static readonly string Web = Path.Combine(Path.GetDirectoryName(RepositoryData.Directory)!, "src", "LlmWatch.Web");

    // Classes built at run time from a value: lw-camp-@Camp.ToApi(), lw-stance-@v.Stance.ToApi(), lw-camp-column-{camp.ToApi()}.
    private static readonly string[] Families = ["lw-camp-fill-", "lw-camp-column-", "lw-camp-", "lw-stance-"];

    private static IEnumerable<(string File, string Css)> Sheets() =>
        Directory.GetFiles(Path.Combine(Web, "wwwroot", "css"), "*.css").Select(f => (Path.GetFileName(f), File.ReadAllText(f)));

    private static IEnumerable<string> SelectorClasses(string css)
    {
        var selectors = Declarations().Replace(Comments().Replace(css, ""), "{}");
        return ClassSelector().Matches(selectors).Select(m => m.Groups[1].Value);
    }

    private static string Markup() => string.Join("\n",
        Directory.GetFiles(Web, "*.razor", SearchOption.AllDirectories).Concat(Directory.GetFiles(Path.Combine(Web, "wwwroot", "js"), "*.js"))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));

    [Fact]
    public void Every_class_a_stylesheet_styles_is_ours_and_prefixed()
    {
        var foreign = Sheets().SelectMany(s => SelectorClasses(s.Css).Where(c => !c.StartsWith("lw-", StringComparison.Ordinal) && !c.StartsWith("mud-", StringComparison.Ordinal))
            .Select(c => $"{s.File}: .{c}")).Distinct().ToList();
        Assert.True(foreign.Count == 0, "Unprefixed classes: " + string.Join(", ", foreign));
    }

    // MudBlazor's own state classes, which markup drawn in MudBlazor's shape must set for its styles (NavMenu: ".mud-nav-link.active").
    private static readonly string[] MudBlazorStates = ["active"];

    [Fact]
    public void Every_class_in_markup_is_prefixed_or_MudBlazors_spacing()
    {
        var unprefixed = ClassAttribute().Matches(Markup())
            .Select(m => Expression().Replace(m.Groups[1].Value, e => string.Join(" ", CSharpString().Matches(e.Value).Select(s => s.Groups[1].Value))))
            .SelectMany(text => LiteralToken().Matches(text).Select(t => t.Value))
            .Where(t => !t.StartsWith("lw-", StringComparison.Ordinal) && !t.StartsWith("mud-", StringComparison.Ordinal) && !Spacing().IsMatch(t) && !MudBlazorStates.Contains(t))
            .Distinct().ToList();
        Assert.True(unprefixed.Count == 0, "Unprefixed classes in markup: " + string.Join(", ", unprefixed));
    }

    [Fact]
    public void No_rule_styles_a_class_nothing_uses()
    {
        var markup = Markup();
        bool Used(string c) =>
            Regex.IsMatch(markup, $@"(?<![\w-]){Regex.Escape(c)}(?![\w-])")
            || Families.Any(f => c.StartsWith(f, StringComparison.Ordinal) && markup.Contains(f + "@", StringComparison.Ordinal) || c.StartsWith(f, StringComparison.Ordinal) && markup.Contains(f + "{", StringComparison.Ordinal));
        var dead = Sheets().SelectMany(s => SelectorClasses(s.Css).Where(c => c.StartsWith("lw-", StringComparison.Ordinal) && !Used(c)).Select(c => $"{s.File}: .{c}"))
            .Distinct().ToList();
        Assert.True(dead.Count == 0, "Rules for classes nothing uses: " + string.Join(", ", dead));
    }

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comments();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Declarations();

    [GeneratedRegex(@"\.([a-zA-Z][\w-]*)")]
    private static partial Regex ClassSelector();

    // A class attribute's text up to its closing quote, skipping the quotes of C# strings inside @( … ).
    [GeneratedRegex(@"\b(?:class|Class)=""((?:[^""@]|@\((?:[^()""]|""[^""]*""|\([^()]*\))*\)|@)*)""")]
    private static partial Regex ClassAttribute();

    // Plain tokens and the words inside C# strings; expressions (@row.Slug, {camp.ToApi()}) are not classes.
    [GeneratedRegex(@"(?<![\w@.{-])[a-z][a-z0-9-]*[a-z0-9](?=[\s""]|$)")]
    private static partial Regex LiteralToken();

    // An expression inside a class attribute: only the strings it may yield are classes.
    [GeneratedRegex(@"@\((?:[^()""]|""[^""]*""|\([^()]*\))*\)")]
    private static partial Regex Expression();

    [GeneratedRegex(@"""([^""]*)""")]
    private static partial Regex CSharpString();

    [GeneratedRegex(@"^[mp][trblxya]?-\d+$")]
    private static partial Regex Spacing();
}
