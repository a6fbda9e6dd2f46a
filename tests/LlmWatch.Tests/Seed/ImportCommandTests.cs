using System.Diagnostics;
using System.Text.Json.Nodes;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Seed;

/// <summary>`dotnet run --project src/LlmWatch.Web -- import`, run as the built program with its own database.</summary>
public sealed class ImportCommandTests
{
    private static async Task<(int ExitCode, string Output, string Errors)> RunImportAsync(string dataDirectory, string databaseFile)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "import"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(typeof(Program).Assembly.Location)!,
            Environment =
            {
                ["ConnectionStrings__LlmWatch"] = $"Data Source={databaseFile}",
                ["Data__Directory"] = dataDirectory,
                ["Serilog__WriteTo__1__Args__path"] = Path.Combine(Path.GetTempPath(), "llmwatch-test-logs", "llmwatch-.log"),
                ["DOTNET_ENVIRONMENT"] = "Production",
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output, await errors);
    }

    [Fact]
    public async Task Import_twice_reports_that_the_second_run_changed_nothing()
    {
        using var data = new DataCopy();
        var database = Path.Combine(Path.GetTempPath(), $"llmwatch-cli-{Guid.NewGuid():N}.db");
        try
        {
            var first = await RunImportAsync(data.Directory, database);
            var second = await RunImportAsync(data.Directory, database);

            Assert.True(first.ExitCode == 0, first.Output + first.Errors);
            Assert.Contains("rows added", first.Output);
            Assert.Equal(0, second.ExitCode);
            Assert.Contains("nothing changed", second.Output);
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(database + suffix);
        }
    }

    [Fact]
    public async Task A_bad_file_exits_2_naming_file_path_and_reason()
    {
        using var data = new DataCopy();
        var path = data.PathOf("models.json");
        var models = JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        models[0]!["commercialUse"] = "sometimes";
        File.WriteAllText(path, models.ToJsonString());
        var database = Path.Combine(Path.GetTempPath(), $"llmwatch-cli-{Guid.NewGuid():N}.db");
        try
        {
            var run = await RunImportAsync(data.Directory, database);

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("the database is unchanged", run.Errors);
            Assert.Contains("models.json $[0].commercialUse: 'sometimes' is not one of: free, free-with-registration, paid, unknown.", run.Errors);
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(database + suffix);
        }
    }
}
