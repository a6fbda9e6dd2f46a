using System.Diagnostics;
using LlmWatch.Data.Curation;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Seed;
using LlmWatch.Tests.Curation;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace LlmWatch.Tests.Postgres;

/// <summary>
/// The README's backup and restore on PostgreSQL, once: <c>pg_dump -Fc</c> of a database holding the seed and an editor's
/// approved change, <c>pg_restore --no-owner</c> into a fresh empty database, and the app over the restored one answers every
/// API route as it did over the original (the approved company included, so a restore that left the database empty — and
/// the app reseeding it — cannot pass).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class BackupRestoreTests(PostgresServer server, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task A_pg_dump_restored_with_pg_restore_into_a_fresh_database_serves_the_same_API_answers()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        var tools = ClientTools();
        if (tools is null && PostgresServer.InCi) throw new InvalidOperationException("CI=true but pg_dump/pg_restore were not found in /usr/lib/postgresql/*/bin or PATH.");
        Skip.If(tools is null, "No pg_dump/pg_restore in /usr/lib/postgresql/*/bin or PATH: install Debian's postgresql-client-15 to run the backup test.");

        var original = await server.CreateDatabaseAsync();
        var dump = Path.Combine(Path.GetTempPath(), $"llmwatch-{Guid.NewGuid():N}.dump");
        Dictionary<string, (int, string)> answers;
        List<string> urls;
        await using (var app = new PostgresAppFactory(original, ProviderParityTests.Unlimited))
        {
            _ = app.Server;
            await ApproveNewCompanyAsync(app.Services);
            using var client = app.CreateClient("en");
            urls = await ProviderParityTests.UrlsAsync(app, client);
            answers = [];
            foreach (var url in urls) answers[url] = await ProviderParityTests.GetAsync(client, url);
        }
        Assert.Contains(urls, u => u == "/api/companies/xinghe-ai");
        Assert.Equal(200, answers["/api/companies/xinghe-ai"].Item1);

        try
        {
            var clock = Stopwatch.StartNew();
            await RunAsync(Path.Combine(tools!, "pg_dump"), "-Fc", "-f", dump, "-d", LibpqConnection(original));
            var dumped = clock.Elapsed;
            var restored = await server.CreateDatabaseAsync();
            clock.Restart();
            await RunAsync(Path.Combine(tools!, "pg_restore"), "--no-owner", "--exit-on-error", "-d", LibpqConnection(restored), dump);
            output.WriteLine($"pg_dump -Fc: {dumped.TotalMilliseconds:0} ms, {new FileInfo(dump).Length / 1024} KiB; pg_restore: {clock.Elapsed.TotalMilliseconds:0} ms");

            await using var again = new PostgresAppFactory(restored, ProviderParityTests.Unlimited);
            using var client = again.CreateClient("en");
            var differences = new List<string>();
            foreach (var url in urls)
                if (await ProviderParityTests.GetAsync(client, url) is var answer && answer != answers[url])
                    differences.Add($"{url}: {answer.Item1} (was {answers[url].Item1})");
            Assert.True(urls.Count > 300, $"Only {urls.Count} URLs were compared.");
            Assert.True(differences.Count == 0, $"{differences.Count} of {urls.Count} answers differ after the restore:\n" + string.Join('\n', differences.Take(8)));
        }
        finally
        {
            File.Delete(dump);
        }
    }

    /// <summary>An editor's change the seed does not hold: a source and a new company, proposed and approved.</summary>
    private static async Task ApproveNewCompanyAsync(IServiceProvider services)
    {
        var added = await services.GetRequiredService<SourceIntake>().AddAsync(
            new NewSource("星河智能完成A轮融资", null, "测试日报", null, "https://example.com/xinghe", "2026-11-20", "zh", CurationFixture.Text), CurationFixture.Editor);
        var curation = services.GetRequiredService<CurationService>();
        var (proposal, check) = await curation.ProposeAsync(new ProposalDraft(SubjectType.Organization, ProposalAction.Add, "",
            FactDocuments.Serialize(CurationFixture.NewOrganization()), added.Id!, CurationFixture.CampQuote, "The new article reports it."), CurationFixture.Editor);
        Assert.True(check.IsValid, string.Join("; ", check.Errors));
        Assert.Equal(ReviewStatus.Applied, (await curation.ApproveAsync(proposal!.Id, CurationFixture.Reviewer, "Checked.")).Status);
    }

    /// <summary>The newest PostgreSQL client tools here (a pg_dump must be at least the server's version).</summary>
    private static string? ClientTools()
    {
        static bool Has(string dir) => File.Exists(Path.Combine(dir, "pg_dump")) && File.Exists(Path.Combine(dir, "pg_restore"));
        if (Directory.Exists("/usr/lib/postgresql")
            && Directory.EnumerateDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(Has)
                .OrderByDescending(d => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : new Version(0, 0)).FirstOrDefault() is { } found)
            return found;
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(Has);
    }

    /// <summary>The libpq form of an Npgsql connection string (host, port, user, database; a password goes by PGPASSWORD).</summary>
    private static string LibpqConnection(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"host={b.Host} port={b.Port} user={b.Username} dbname={b.Database}";
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        if (Environment.GetEnvironmentVariable(PostgresServer.EnvironmentVariable) is { Length: > 0 } given
            && new NpgsqlConnectionStringBuilder(given).Password is { Length: > 0 } password)
            start.Environment["PGPASSWORD"] = password;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(program)} exited {process.ExitCode}: {await stderr}{await stdout}");
    }
}
