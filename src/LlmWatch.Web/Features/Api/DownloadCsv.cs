using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace LlmWatch.Web.Features.Api;

/// <summary>
/// How every list's CSV download is written (with CsvHelper): UTF-8 with a BOM, so that Excel reads Chinese names on a
/// double-click; RFC 4180 quoting and CRLF line ends; fixed English snake_case headers whatever the reader's language (a
/// file that scripts read must not change with the culture), with Chinese and English names side by side as columns; and a
/// spreadsheet-formula guard: a cell that starts with = + - @, a tab or a carriage return gets a leading '. Every path ends in
/// .csv, which <see cref="Hosting.RequestLimits"/> counts as costly and answers with problem documents.
/// </summary>
public static class DownloadCsv
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        NewLine = "\r\n",
        InjectionOptions = InjectionOptions.Escape,
        InjectionCharacters = ['=', '+', '-', '@', '\t', '\r'],
        InjectionEscapeCharacter = '\'',
    };

    /// <summary>The file: the header, then one record per row, each cell as text (null is an empty cell).</summary>
    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var buffer = new MemoryStream();
        using (var text = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = new CsvWriter(text, Configuration))
        {
            foreach (var name in header) csv.WriteField(name);
            csv.NextRecord();
            foreach (var row in rows)
            {
                if (row.Count != header.Count) throw new ArgumentException($"A row has {row.Count} cells for {header.Count} columns.", nameof(rows));
                foreach (var cell in row) csv.WriteField(cell ?? "");
                csv.NextRecord();
            }
        }
        return buffer.ToArray();
    }

    public static IResult File(byte[] body, string fileName) => Results.File(body, "text/csv; charset=utf-8", fileName);

    /// <summary>Registers a CSV route as the directory's: rate-limited like the API, with the API's timeout, not in the API description.</summary>
    public static RouteHandlerBuilder AsDownload(this RouteHandlerBuilder route)
    {
        route.ExcludeFromDescription().RequireRateLimiting(Hosting.HostingOptions.ApiRateLimit).WithRequestTimeout(Hosting.RequestTimeouts.Api);
        return route;
    }

    /// <summary>
    /// The CSV beside the list on the current page: <paramref name="csvPath"/> with the page's own query string (the CSV reads it
    /// with the same filter class), less the pager's parameters, since the CSV holds every page.
    /// </summary>
    public static string Href(Microsoft.AspNetCore.Components.NavigationManager navigation, string csvPath)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(navigation.Uri).Query);
        var kept = query.Where(p => p.Key is not ("page" or "pageSize")).SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)));
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(csvPath, kept);
    }

    public static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static string? Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);
}
