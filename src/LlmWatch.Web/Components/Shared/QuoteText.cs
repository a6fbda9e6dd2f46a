namespace LlmWatch.Web.Components.Shared;

public static class QuoteText
{
    /// <summary>A quote in Chinese quotation marks, unless the quoted words already bring their own.</summary>
    public static string Quoted(string quote) =>
        quote.StartsWith('“') || quote.StartsWith('"') || quote.StartsWith('「') ? quote : $"“{quote}”";
}
