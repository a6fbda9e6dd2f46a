using System.Net;
using System.Text.Json;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Hosting;

/// <summary>A database that cannot be opened: the app still serves, says the data are unavailable, and health says why.</summary>
public sealed class UnavailableDatabaseTests : IClassFixture<UnavailableDatabaseTests.BrokenDatabaseFactory>
{
    public sealed class BrokenDatabaseFactory : LlmWatchFactory
    {
        // A folder that cannot be created: every open fails.
        protected override string ConnectionString => "Data Source=/proc/llmwatch-missing/llmwatch.db;Mode=ReadWrite";
    }

    private readonly BrokenDatabaseFactory _app;

    public UnavailableDatabaseTests(BrokenDatabaseFactory app) => _app = app;

    [Fact]
    public async Task Health_answers_503_with_a_reason()
    {
        using var client = _app.CreateClient("en");
        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("unavailable", body.RootElement.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.RootElement.GetProperty("reason").GetString()));
        Assert.DoesNotContain("Data Source", body.RootElement.GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("en", "Data unavailable.")]
    [InlineData("zh-CN", "数据暂不可用。")]
    public async Task Pages_show_a_friendly_unavailable_state(string language, string text)
    {
        var (status, html) = await _app.GetPageAsync("/", language);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(text, html);
        Assert.DoesNotContain("SqliteException", html);
        Assert.DoesNotContain("   at ", html);
    }
}
