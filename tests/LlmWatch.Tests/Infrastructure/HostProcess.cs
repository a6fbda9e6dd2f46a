using System.Diagnostics;

namespace LlmWatch.Tests.Infrastructure;

/// <summary>The built app run as a process of its own, as an operator starts it, in Production.</summary>
public static class HostProcess
{
    public sealed record Result(int ExitCode, string Output, string Errors);

    /// <summary>
    /// Runs the app with <paramref name="environment"/> (keys in <c>Section__Key</c> form) and waits for it to exit by itself.
    /// A process still running after <paramref name="deadline"/> is killed and reported as exit code -1.
    /// </summary>
    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string> environment, TimeSpan deadline, params string[] args)
    {
        var app = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [app, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(app)!,
            Environment =
            {
                ["DOTNET_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                ["StaticAssets__ServeBuildOutput"] = "true",
                ["Serilog__WriteTo__1__Args__path"] = Path.Combine(Path.GetTempPath(), "llmwatch-test-logs", "llmwatch-.log"),
            },
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new Result(-1, await output, await errors);
        }
        return new Result(process.ExitCode, await output, await errors);
    }
}
