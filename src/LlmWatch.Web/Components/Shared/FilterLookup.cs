using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Search;
using Microsoft.EntityFrameworkCore;

namespace LlmWatch.Web.Components.Shared;

/// <summary>An organisation or person a search-as-you-type filter offers: its slug goes into the address, its name is shown.</summary>
public sealed record FilterOption(string Slug, string NameZh, string NameEn);

/// <summary>
/// The queries behind the search-as-you-type filters. A filter over organisations or people cannot list them all once the
/// landscape holds 100,000 companies; it asks for at most <see cref="Limit"/> matches of what the reader types, and a slug in
/// the address is checked by looking that one up.
/// </summary>
public static class FilterLookup
{
    public const int Limit = 20;

    /// <summary>Up to <see cref="Limit"/> of <paramref name="organizations"/> whose names, aliases or pinyin contain the text, by English name.</summary>
    public static Task<List<FilterOption>> SearchAsync(IQueryable<Organization> organizations, LlmWatchDbContext db, string? text, CancellationToken ct)
    {
        var trimmed = text?.Trim();
        if (!string.IsNullOrEmpty(trimmed)) organizations = organizations.Search(db, trimmed);
        return organizations.OrderBy(o => o.NameEn).ThenBy(o => o.Slug).Take(Limit)
            .Select(o => new FilterOption(o.Slug, o.NameZh, o.NameEn)).ToListAsync(ct);
    }

    /// <summary>Up to <see cref="Limit"/> of <paramref name="people"/> whose Chinese or English name contains the text, by English name.</summary>
    public static Task<List<FilterOption>> SearchAsync(IQueryable<Person> people, string? text, CancellationToken ct)
    {
        var trimmed = text?.Trim();
        if (!string.IsNullOrEmpty(trimmed))
        {
            var pattern = OrganizationSearch.ContainsPattern(trimmed);
            people = people.Where(p => EF.Functions.Like(p.NameZh, pattern, "\\") || EF.Functions.Like(p.NameEn, pattern, "\\"));
        }
        return people.OrderBy(p => p.NameEn).ThenBy(p => p.Slug).Take(Limit)
            .Select(p => new FilterOption(p.Slug, p.NameZh, p.NameEn)).ToListAsync(ct);
    }

    /// <summary>Up to <see cref="Limit"/> of the organisations <paramref name="scope"/> keeps whose names contain the text, in a context of their own.</summary>
    public static async Task<List<FilterOption>> SearchAsync(IDbContextFactory<LlmWatchDbContext> dbFactory, Func<LlmWatchDbContext, IQueryable<Organization>> scope,
        string? text, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await SearchAsync(scope(db), db, text, ct);
    }

    /// <summary>The organisation with this slug among those <paramref name="scope"/> keeps, or null, in a context of its own.</summary>
    public static async Task<FilterOption?> FindAsync(IDbContextFactory<LlmWatchDbContext> dbFactory, Func<LlmWatchDbContext, IQueryable<Organization>> scope,
        string slug, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await FindAsync(scope(db), slug, ct);
    }

    /// <summary>The organisation with this slug among <paramref name="organizations"/>, or null: one query.</summary>
    public static Task<FilterOption?> FindAsync(IQueryable<Organization> organizations, string slug, CancellationToken ct) =>
        organizations.Where(o => o.Slug == slug).Select(o => new FilterOption(o.Slug, o.NameZh, o.NameEn)).FirstOrDefaultAsync(ct);

    /// <summary>The person with this slug among <paramref name="people"/>, or null: one query.</summary>
    public static Task<FilterOption?> FindAsync(IQueryable<Person> people, string slug, CancellationToken ct) =>
        people.Where(p => p.Slug == slug).Select(p => new FilterOption(p.Slug, p.NameZh, p.NameEn)).FirstOrDefaultAsync(ct);
}
