using LlmWatch.Data;
using LlmWatch.Data.Seed;
using LlmWatch.Tests.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmWatch.Tests.Postgres;

/// <summary>Two instances over one PostgreSQL database: they share Data Protection keys, and they take turns to migrate and import.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SeveralInstancesTests(PostgresServer server)
{
    [SkippableFact]
    public async Task What_one_instance_protects_another_reads_and_its_antiforgery_tokens_are_accepted()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        var database = await server.CreateDatabaseAsync();
        var shared = new Dictionary<string, string?> { ["Database:SharedKeys"] = "true" };
        await using var first = new PostgresAppFactory(database, shared);
        await using var second = new PostgresAppFactory(database, shared);
        _ = first.Server;
        _ = second.Server;

        var secret = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("issued by the first");
        Assert.Equal("issued by the first", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(secret));

        // An antiforgery cookie and form token from the first, validated by the second.
        var issue = new DefaultHttpContext { RequestServices = first.Services };
        var tokens = first.Services.GetRequiredService<IAntiforgery>().GetAndStoreTokens(issue);
        var post = new DefaultHttpContext { RequestServices = second.Services };
        post.Request.Method = "POST";
        post.Request.ContentType = "application/x-www-form-urlencoded";
        var cookieName = first.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AntiforgeryOptions>>().Value.Cookie.Name;
        post.Request.Headers.Cookie = $"{cookieName}={tokens.CookieToken}";
        post.Request.Form = new FormCollection(new() { [tokens.FormFieldName] = tokens.RequestToken });
        Assert.True(await second.Services.GetRequiredService<IAntiforgery>().IsRequestValidAsync(post));

        // One key ring, in the database.
        await using var db = SchemaTests.Context(database);
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
    }

    [SkippableFact]
    public async Task Two_instances_starting_at_once_one_migrates_and_imports_the_other_waits()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        server.NewDatabaseName(out var connectionString);
        var logs = new ListLogger();
        var options = new DataOptions { Provider = "PostgreSQL", ConnectionString = connectionString, Directory = RepositoryData.Directory };

        DatabaseInitializer Instance()
        {
            var builder = new DbContextOptionsBuilder<LlmWatchDbContext>();
            builder.UseLlmWatchDatabase(options);
            var factory = new PooledDbContextFactory<LlmWatchDbContext>(builder.Options);
            return new DatabaseInitializer(factory, new SeedImporter(factory, NullLogger<SeedImporter>.Instance), options, new DataChanges(),
                logs.For<DatabaseInitializer>(), databaseLock: new DatabaseLock(options, logs.For<DatabaseLock>()));
        }

        await Task.WhenAll(Instance().InitializeAsync(), Instance().InitializeAsync());

        Assert.Equal(1, logs.Count("Applying"));
        Assert.Equal(1, logs.Count("is empty; importing the seed"));
        Assert.Equal(1, logs.Count("waiting for it"));
        await using var db = SchemaTests.Context(connectionString);
        var expected = (await SeedReaderCount()).Organizations;
        Assert.Equal(expected, await db.Organizations.CountAsync());
    }

    private static Task<(int Organizations, int Sources)> SeedReaderCount()
    {
        var (set, _) = SeedReader.Read(RepositoryData.Directory);
        return Task.FromResult((set.Organizations.Count, set.Sources.Count));
    }

    private sealed class ListLogger
    {
        private readonly List<string> _lines = [];

        public int Count(string text)
        {
            lock (_lines) return _lines.Count(l => l.Contains(text, StringComparison.Ordinal));
        }

        public ILogger<T> For<T>() => new Logger<T>(this);

        private sealed class Logger<T>(ListLogger owner) : ILogger<T>
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner._lines) owner._lines.Add(formatter(state, exception));
            }
        }
    }
}
