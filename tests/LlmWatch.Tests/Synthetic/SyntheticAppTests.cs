using System.Diagnostics;
using System.Net;
using LlmWatch.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace LlmWatch.Tests.Synthetic;

/// <summary>The app over a generated database of its own.</summary>
public sealed class SyntheticAppFactory : LlmWatchFactory, IAsyncLifetime
{
    private readonly SyntheticDatabase _landscape = new();

    public string File => _landscape.File;

    protected override string ConnectionString => $"Data Source={_landscape.File}";

    public Task InitializeAsync() => _landscape.InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => _landscape.DisposeAsync();

    public async Task<string> SlugAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={File};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)(await command.ExecuteScalarAsync())!;
    }
}

public sealed class SyntheticAppTests(SyntheticAppFactory app, ITestOutputHelper output) : IClassFixture<SyntheticAppFactory>
{
    [Theory]
    [InlineData("/", "en", "Synthetic data.", "the figures mean nothing")]
    [InlineData("/", "zh-CN", "合成数据。", "并非真实信息")]
    [InlineData("/companies", "en", "Synthetic data.", "None of it is real")]
    [InlineData("/companies", "zh-CN", "合成数据。", "数字没有任何意义")]
    public async Task Every_page_says_the_data_are_generated(string url, string language, string label, string body)
    {
        var (status, html) = await app.GetPageAsync(url, language);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-testid=\"synthetic-banner\"", html);
        Assert.Contains("role=\"note\"", html);
        Assert.Contains(label, html);
        Assert.Contains(body, html);
    }

    public static TheoryData<string> Pages() =>
    [
        "/", "/companies", "/companies?camp=application&sort=valuation", "{company}", "/funding", "/valuations", "/timeline",
        "/models", "{model}", "/people", "{person}", "/camps", "/api/companies", "/api/funding-rounds",
    ];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Pages_answer_over_generated_data(string url)
    {
        url = url switch
        {
            "{company}" => "/companies/" + await app.SlugAsync("SELECT o.Slug FROM Organizations o WHERE (SELECT count(*) FROM Deals d WHERE d.OrganizationId = o.Id) >= 3 ORDER BY o.Id LIMIT 1"),
            "{model}" => "/models/" + await app.SlugAsync("SELECT Slug FROM Models ORDER BY Id LIMIT 1"),
            "{person}" => "/people/" + await app.SlugAsync("SELECT Slug FROM People ORDER BY Id LIMIT 1"),
            _ => url,
        };
        await app.GetPageAsync(url);
        var clock = Stopwatch.StartNew();

        var (status, html) = await app.GetPageAsync(url);

        output.WriteLine($"{url}: {(int)status} in {clock.ElapsedMilliseconds} ms over {SyntheticDatabase.Organizations} organizations");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("data-testid=\"data-unavailable\"", html);
    }
}

[Collection(AppCollection.Name)]
public sealed class SeedAppBannerTests(LlmWatchFactory app)
{
    [Theory]
    [InlineData("/", "en")]
    [InlineData("/companies", "zh-CN")]
    public async Task The_seed_database_shows_no_synthetic_banner(string url, string language)
    {
        var (status, html) = await app.GetPageAsync(url, language);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("synthetic-banner", html);
    }
}
