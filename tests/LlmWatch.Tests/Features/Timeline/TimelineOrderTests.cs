using System.Text.Json;
using LlmWatch.Data;
using LlmWatch.Tests.Infrastructure;
using LlmWatch.Web.Features.Timeline;
using Microsoft.Data.Sqlite;

namespace LlmWatch.Tests.Features.Timeline;

/// <summary>
/// The timeline's two ways to a page give one order: the top pages of a broad list are read by walking each half of the union in
/// date order, deeper pages and narrow filters by sorting every entry kept. And its count stops at <see cref="TimelineQueries.CountLimit"/>.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class TimelineOrderTests(LlmWatchFactory app)
{
    private async Task<(List<string> Slugs, int Total)> ApiAsync(string url)
    {
        using var client = app.CreateClient();
        var body = JsonDocument.Parse(await client.GetStringAsync(url)).RootElement;
        return (body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()!).ToList(), body.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("")]
    [InlineData("camp=general&")]
    [InlineData("camp=application&")]
    [InlineData("kind=model-release&")]
    public async Task Pages_read_in_date_order_equal_the_sorted_list(string filter)
    {
        // A page of 1,000 ends past the walk's reach: every entry is sorted. Pages of 100 near the top are walked.
        var (sorted, total) = await ApiAsync($"/api/events?{filter}pageSize=1000");
        var walked = new List<string>();
        for (var page = 1; (page - 1) * 100 < total; page++) walked.AddRange((await ApiAsync($"/api/events?{filter}pageSize=100&page={page}")).Slugs);

        Assert.True(total > 0);
        Assert.Equal(sorted, walked);
    }

    [Fact]
    public async Task Past_ten_thousand_entries_the_total_says_at_least_and_the_pages_stop_there()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var connection = new SqliteConnection($"Data Source={database.File}"))
        {
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10050)
                INSERT INTO "Events" ("Date", "Kind", "TitleZh", "TitleEn", "Slug", "Notes")
                SELECT printf('2020-%02d', i % 12 + 1), 'Founding', '事件' || i, 'Event ' || i, printf('event-%05d', i), '[]' FROM n;
                """;
            await insert.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();
        var timeline = new TimelineQueries(database.Factory, new DataChanges());

        var first = await timeline.GetAsync(new TimelineFilter(null, null, null, null, 1));
        var last = await timeline.GetAsync(new TimelineFilter(null, null, null, null, 100));
        var past = await timeline.GetAsync(new TimelineFilter(null, null, null, null, 101));

        Assert.Equal((TimelineQueries.CountLimit, true, 100), (first.Total, first.TotalIsCapped, first.PageCount));
        Assert.Equal("event-00012", first.Items[0].Slug);
        Assert.Equal(TimelineQueries.PageSize, last.Items.Count);
        Assert.Empty(past.Items);
        Assert.True(past.IsPastTheEnd);
    }
}
