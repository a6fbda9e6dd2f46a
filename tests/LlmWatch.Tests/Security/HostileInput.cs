namespace LlmWatch.Tests.Security;

/// <summary>Values an attacker, a broken client or a careless copy-paste sends.</summary>
public static class HostileInput
{
    public const string ScriptMarker = "<script>alert(1)</script>";
    public const string AttributeMarker = "\" onmouseover=\"alert(1)";

    public static IReadOnlyList<string> Values { get; } = Build();

    private static List<string> Build()
    {
        var values = new List<string>
        {
            ScriptMarker, AttributeMarker, "'><img src=x onerror=alert(1)>", "javascript:alert(1)", "</title><script>alert(1)</script>",
            "' OR '1'='1", "'; DROP TABLE Organizations; --", "1; SELECT * FROM Sources", "\" OR \"\"=\"", "%' OR 1=1 --", "_%", "%",
            "\"", "NEAR(百川 智谱)", "百*", "\"百川\" OR \"智谱\"", "{", "}", "[", "(", ")", "*", "^", "~", ":", "-", "+",
            "../../../../etc/passwd", "..%2F..%2Fappsettings.json", "%2e%2e%2f", "/etc/passwd%00", "\\\\server\\share", "C:\\Windows\\win.ini",
            "%", "%G1", "%E4%B8", "%u0041", "%%", "%00", "\0", "\r\nSet-Cookie: x=1", "\t", " ", "",
            "0", "-1", "-2147483649", "2147483648", "9223372036854775808", "1e9", "1E9", "NaN", "Infinity", "0x10", "1.5", "00001", "+1", "١٢٣",
            "2023-13", "2023-02-30", "0000", "9999-12-31", "-2023", "2023/07/11", "20230711", "yesterday", "2023-07-11T00:00:00Z",
            "general,vertical", "GENERAL", "General", "built on others", "vertical\u0000", "none;general",
            "\u202Eevil\u202C", "مرحبا", "שלום", "😀", "👩‍👩‍👧‍👦", "百川", "智谱", "王小川", "大模型", "ｆｕｌｌｗｉｄｔｈ", "\uFEFFbom", "\uD800",
            "true", "false", "null", "undefined", "[]", "{}", "<!--", "]]>", "${7*7}", "{{7*7}}", "@(1+1)", "=cmd|' /C calc'!A0", "+1+1", "@SUM(1)",
        };
        values.Add(new string('a', 10 * 1024));
        values.Add(string.Concat(Enumerable.Repeat("百川", 5 * 1024)));
        values.Add(string.Concat(Enumerable.Repeat("%25", 1000)));
        return values;
    }
}
