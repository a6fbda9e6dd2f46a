using System.Collections.Concurrent;
using System.Reflection;

namespace LlmWatch.Web.Components.Shared;

/// <summary>
/// The query parameters a page reads: its filter's <c>Parameters</c> (the list the API declares for the same view), any of its
/// own, and what every page reads (paging, the as-of view). The page cache varies a declared page's entries by these only, so
/// a parameter the page ignores (<c>?utm_source=</c>, <c>?junk=1</c>) is answered from the page's entry instead of making one
/// of its own (Hosting/PageCaching.cs). A page without it is cached by every parameter.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ReadsQueryAttribute : Attribute
{
    /// <summary>Read by every list and every page: the page, its size, and the view's day.</summary>
    public static readonly IReadOnlyList<string> Common = ["page", "pageSize", FilterQuery.AsOfName, FilterQuery.RecordedAtName];

    private static readonly ConcurrentDictionary<Type, IReadOnlyList<string>?> Declared = new();

    /// <param name="filter">A type with a public static <c>Parameters</c> list (a filter or query class).</param>
    /// <param name="more">Parameters the page reads besides its filter's (e.g. <c>currency</c>).</param>
    public ReadsQueryAttribute(Type filter, params string[] more) => Names = [.. ParametersOf(filter).Concat(more).Concat(Common).Distinct(StringComparer.Ordinal)];

    public ReadsQueryAttribute(params string[] names) => Names = [.. names.Concat(Common).Distinct(StringComparer.Ordinal)];

    public IReadOnlyList<string> Names { get; }

    /// <summary>The parameters <paramref name="component"/> declares it reads, or null when it declares none.</summary>
    public static IReadOnlyList<string>? Of(Type component) =>
        Declared.GetOrAdd(component, static type => type.GetCustomAttribute<ReadsQueryAttribute>()?.Names);

    private static IReadOnlyList<string> ParametersOf(Type filter)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Static;
        var value = filter.GetField("Parameters", flags)?.GetValue(null) ?? filter.GetProperty("Parameters", flags)?.GetValue(null);
        return value as IReadOnlyList<string>
            ?? throw new ArgumentException($"{filter.Name} has no public static Parameters list of the query names it reads.", nameof(filter));
    }
}
