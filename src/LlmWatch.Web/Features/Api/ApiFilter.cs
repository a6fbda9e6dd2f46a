using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;

namespace LlmWatch.Web.Features.Api;

public static class ApiEcho
{
    /// <summary>A caller's value fit to repeat in a message: plain words and numbers as given, anything else not repeated.</summary>
    public static string Echo(string? text) =>
        text is { Length: > 0 and <= 40 } && text.All(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' or '.' or ':' or '/')
            ? text
            : "(the value given)";
}

/// <summary>The list parameters every API list takes, validated: an unknown value is a 400 that names the parameter and what it allows.</summary>
public sealed record ApiFilter(int Page, int PageSize, string? Q, PartialDate? From, PartialDate? To)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;
    public const int MaxQueryLength = 100;

    public int Skip => (Page - 1) * PageSize;

    /// <summary>The least date, in ISO text order, whose period starts on <see cref="From"/>'s first day ("2023-04-01" → "2023-04"): stored dates compare as their ISO text.</summary>
    public PartialDate? FromBound => From is { } from ? PartialDate.Parse(ShortestStartingOn(from.Start)) : null;

    /// <summary>The ISO text of <see cref="To"/>'s last day: every date starting on or before it sorts at or below it.</summary>
    public PartialDate? ToBound => To is { } to ? new PartialDate(to.End.Year, to.End.Month, to.End.Day) : null;

    private static string ShortestStartingOn(DateOnly day) =>
        day.Month == 1 && day.Day == 1 ? $"{day.Year:D4}" : day.Day == 1 ? $"{day.Year:D4}-{day.Month:D2}" : $"{day.Year:D4}-{day.Month:D2}-{day.Day:D2}";

    public static bool TryParse(HttpRequest request, out ApiFilter filter, out IResult? problem)
    {
        filter = new ApiFilter(1, DefaultPageSize, null, null, null);
        problem = null;
        var query = request.Query;

        var page = 1;
        if (query.TryGetValue("page", out var pageText) && (!int.TryParse(pageText, out page) || page < 1))
            return Fail(out problem, "page", $"'{Shorten(pageText)}' is not a page number: a whole number from 1.");
        var pageSize = DefaultPageSize;
        if (query.TryGetValue("pageSize", out var sizeText) && (!int.TryParse(sizeText, out pageSize) || pageSize < 1 || pageSize > MaxPageSize))
            return Fail(out problem, "pageSize", $"'{Shorten(sizeText)}' is not a page size: a whole number from 1 to {MaxPageSize}.");
        var q = query["q"].ToString().Trim();
        if (q.Length > MaxQueryLength)
            return Fail(out problem, "q", $"The search text is longer than {MaxQueryLength} characters.");
        PartialDate? from = null, to = null;
        if (query.TryGetValue("from", out var fromText))
        {
            if (!PartialDate.TryParse(fromText, out var parsed)) return Fail(out problem, "from", $"'{Shorten(fromText)}' is not a date: use yyyy, yyyy-MM or yyyy-MM-dd.");
            from = parsed;
        }
        if (query.TryGetValue("to", out var toText))
        {
            if (!PartialDate.TryParse(toText, out var parsed)) return Fail(out problem, "to", $"'{Shorten(toText)}' is not a date: use yyyy, yyyy-MM or yyyy-MM-dd.");
            to = parsed;
        }
        if (from is { } f && to is { } t && t.End < f.Start)
            return Fail(out problem, "to", $"'to' ({t}) is before 'from' ({f}).");

        filter = new ApiFilter(page, pageSize, q.Length == 0 ? null : q, from, to);
        return true;
    }

    /// <summary>An optional enum parameter in its API spelling; anything else is a 400 listing the allowed values.</summary>
    public static bool TryParseEnum<T>(HttpRequest request, string name, out T? value, out IResult? problem) where T : struct, Enum
    {
        value = null;
        problem = null;
        if (!request.Query.TryGetValue(name, out var text)) return true;
        if (ApiNames.TryParseApi<T>(text.ToString(), out var parsed))
        {
            value = parsed;
            return true;
        }
        return Fail(out problem, name, $"'{Shorten(text)}' is not one of: {string.Join(", ", ApiNames.AllApi<T>())}.");
    }

    private static bool Fail(out IResult? problem, string parameter, string detail)
    {
        problem = Results.Problem(
            title: $"Invalid query parameter '{parameter}'",
            detail: detail,
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["parameter"] = parameter });
        return false;
    }

    private static string Shorten(string? text) => ApiEcho.Echo(text);
}
