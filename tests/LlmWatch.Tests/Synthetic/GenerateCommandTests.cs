using System.Diagnostics;
using LlmWatch.Data;
using LlmWatch.Tests.Infrastructure;
using LlmWatch.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmWatch.Tests.Synthetic;

/// <summary>`generate`: refusals in-process (fast), and once through the built program with its exit codes.</summary>
public sealed class GenerateCommandTests : IDisposable
{
    private readonly string _default = SyntheticDatabase.NewFile();
    private readonly string _target = SyntheticDatabase.NewFile();

    private async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] args)
    {
        var data = new DataOptions { Directory = RepositoryData.Directory, ConnectionString = $"Data Source={_default}" };
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await GenerateCommand.RunAsync(["generate", .. args], data, SyntheticDatabase.Rates, NullLoggerFactory.Instance, output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    public static TheoryData<string[], string> UsageErrors() => new()
    {
        { [], "--organizations is required" },
        { ["--organizations", "10"], "--db is required" },
        { ["--organizations", "0", "--db", "{target}"], "from 1 to 5000000" },
        { ["--organizations", "5000001", "--db", "{target}"], "from 1 to 5000000" },
        { ["--organizations", "ten", "--db", "{target}"], "from 1 to 5000000" },
        { ["--organizations", "-5", "--db", "{target}"], "from 1 to 5000000" },
        { ["--organizations", "10", "--db", "{target}", "--seed", "-1"], "--seed must be" },
        { ["--organizations", "10", "--db", "{target}", "--seed", "abc"], "--seed must be" },
        { ["--organizations", "10", "--db", "{target}", "--seed", "99999999999999999999"], "--seed must be" },
        { ["--organizations", "10", "--db", "{target}", "--seed"], "--seed needs a value" },
        { ["--organizations", "10", "--db", "{target}", "--frobnicate"], "Unknown argument" },
        { ["--organizations", "10", "--provider", "Oracle", "--connection", "Host=localhost;Database=x"], "--provider must be Sqlite or PostgreSQL" },
        { ["--organizations", "10", "--provider", "PostgreSQL"], "--connection is required with --provider PostgreSQL" },
        { ["--organizations", "10", "--provider", "PostgreSQL", "--connection"], "--connection needs a value" },
    };

    public static TheoryData<string[], string> BadCombinations() => new()
    {
        { ["--organizations", "10", "--provider", "PostgreSQL", "--db", "{target}", "--connection", "Host=localhost;Database=x"], "--db names a SQLite file" },
        { ["--organizations", "10", "--db", "{target}", "--connection", "Host=localhost;Database=x"], "pass --provider PostgreSQL" },
        { ["--organizations", "10", "--provider", "Sqlite", "--connection", "Host=localhost;Database=x"], "pass --provider PostgreSQL" },
        { ["--organizations", "10", "--provider", "PostgreSQL", "--connection", "Host=localhost;Database=postgres"], "maintenance database" },
        { ["--organizations", "10", "--provider", "PostgreSQL", "--connection", "Host=localhost"], "must name the database" },
        { ["--organizations", "10", "--provider", "PostgreSQL", "--connection", "Database=x"], "must name the server" },
        { ["--organizations", "10", "--provider", "PostgreSQL", "--connection", "Host=localhost;Database=x;Frobnicate=1"], "not a PostgreSQL connection string" },
        { ["--organizations", "10", "--provider", "PostgreSQL", "--connection", "Host=localhost;Database=" + new string('d', 60)], "at most 63 bytes" },
    };

    [Theory]
    [MemberData(nameof(BadCombinations))]
    public async Task Arguments_that_do_not_go_together_are_refused_with_exit_2_and_write_nothing(string[] args, string reason)
    {
        var run = await RunAsync(args.Select(a => a.Replace("{target}", _target)).ToArray());

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(reason, run.Errors);
        Assert.Contains("Refused", run.Errors);
        Assert.False(File.Exists(_target));
    }

    [Fact]
    public async Task A_refused_connection_string_is_not_echoed()
    {
        var run = await RunAsync("--organizations", "10", "--provider", "PostgreSQL", "--connection", "Host=localhost;Database=x;Password=hunter2;Frobnicate=1");

        Assert.Equal(2, run.ExitCode);
        Assert.DoesNotContain("hunter2", run.Errors + run.Output);
    }

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public async Task Bad_arguments_exit_64_with_the_reason_and_write_nothing(string[] args, string reason)
    {
        var run = await RunAsync(args.Select(a => a.Replace("{target}", _target)).ToArray());

        Assert.Equal(64, run.ExitCode);
        Assert.Contains(reason, run.Errors);
        Assert.Contains("Usage: generate", run.Errors);
        Assert.False(File.Exists(_target));
    }

    [Fact]
    public async Task The_apps_own_database_is_refused_with_exit_2()
    {
        var run = await RunAsync("--organizations", "10", "--db", _default, "--replace");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("configured database", run.Errors);
        Assert.False(File.Exists(_default));
    }

    [Fact]
    public async Task An_existing_file_is_refused_without_replace_and_overwritten_with_it()
    {
        await File.WriteAllTextAsync(_target, "keep me");

        var refused = await RunAsync("--organizations", "10", "--db", _target);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--replace", refused.Errors);
        Assert.Equal("keep me", await File.ReadAllTextAsync(_target));

        var replaced = await RunAsync("--organizations", "10", "--db", _target, "--replace", "--seed=3");
        Assert.True(replaced.ExitCode == 0, replaced.Errors);
        Assert.Contains("Generated 10 organizations (seed 3)", replaced.Output);
        var header = new byte[15];
        await using (var file = File.OpenRead(_target)) await file.ReadExactlyAsync(header);
        Assert.Equal("SQLite format 3", System.Text.Encoding.ASCII.GetString(header));
        Assert.False(File.Exists(_target + ".partial"));
    }

    [Fact]
    public async Task The_built_program_generates_and_refuses_its_configured_database()
    {
        async Task<(int, string)> RunProgramAsync(params string[] args)
        {
            var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "generate", .. args])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.GetDirectoryName(typeof(Program).Assembly.Location)!,
                Environment =
                {
                    ["ConnectionStrings__LlmWatch"] = $"Data Source={_default}",
                    ["Serilog__WriteTo__1__Args__path"] = Path.Combine(Path.GetTempPath(), "llmwatch-test-logs", "llmwatch-.log"),
                    ["DOTNET_ENVIRONMENT"] = "Production",
                },
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
            return (process.ExitCode, await output + await errors);
        }

        var (refused, refusal) = await RunProgramAsync("--organizations", "20", "--db", _default);
        var (generated, report) = await RunProgramAsync("--organizations", "20", "--db", _target, "--seed", "5");

        Assert.Equal(2, refused);
        Assert.Contains("configured database", refusal);
        Assert.False(File.Exists(_default));
        Assert.True(generated == 0, report);
        Assert.True(File.Exists(_target));
    }

    [Theory]
    [InlineData(new[] { "--db", "generated.db" }, true)]
    [InlineData(new[] { "generate", "--organizations", "10", "--db", "generated.db" }, false)]
    public void When_serving_db_names_the_database(string[] args, bool serves)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration["ConnectionStrings:LlmWatch"] = $"Data Source={_default}";

        CommandLine.ApplyServeOptions(builder, args);

        Assert.Equal(serves ? $"Data Source={Path.GetFullPath("generated.db")}" : $"Data Source={_default}", builder.Configuration.GetConnectionString("LlmWatch"));
    }

    public void Dispose()
    {
        SyntheticDatabase.Delete(_default);
        SyntheticDatabase.Delete(_target);
    }
}
