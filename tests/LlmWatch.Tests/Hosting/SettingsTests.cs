using System.Net;
using LlmWatch.Data;
using LlmWatch.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LlmWatch.Tests.Hosting;

/// <summary>Every setting in the README's configuration table: a bad value stops the app at start with one line naming its key.</summary>
public sealed class SettingsTests
{
    public static TheoryData<string, string, string> BadValues => new()
    {
        { "RateLimiting__Api__PermitLimit", "-5", "RateLimiting:Api:PermitLimit" },
        { "RateLimiting__Api__PermitLimit", "many", "RateLimiting:Api:PermitLimit" },
        { "RateLimiting__Api__WindowSeconds", "0", "RateLimiting:Api:WindowSeconds" },
        { "Hosting__KnownProxies__0", "10.0.0.300", "Hosting:KnownProxies:0" },
        { "Hosting__ForwardedHeaders", "yes", "Hosting:ForwardedHeaders" },
        { "Hosting__HttpsRedirection", "maybe", "Hosting:HttpsRedirection" },
        { "Circuits__DisconnectedMaxRetained", "-1", "Circuits:DisconnectedMaxRetained" },
        { "Circuits__DisconnectedRetentionSeconds", "-1", "Circuits:DisconnectedRetentionSeconds" },
        { "Circuits__JSInteropTimeoutSeconds", "0", "Circuits:JSInteropTimeoutSeconds" },
        { "Circuits__MaximumReceiveMessageBytes", "1KB", "Circuits:MaximumReceiveMessageBytes" },
        { "Circuits__MaximumReceiveMessageBytes", "1024", "Circuits:MaximumReceiveMessageBytes" },
        { "OutputCache__SizeLimitBytes", "0", "OutputCache:SizeLimitBytes" },
        { "OutputCache__ApiSeconds", "-60", "OutputCache:ApiSeconds" },
        { "Diagnostics__Enabled", "on", "Diagnostics:Enabled" },
        { "Perf__StaticDirectory", "/nonexistent/llmwatch-perf", "Perf:StaticDirectory" },
        { "Data__Directory", "/nonexistent/llmwatch-data", "Data:Directory" },
        { "Data__WatchdogSeconds", "0", "Data:WatchdogSeconds" },
        { "ConnectionStrings__LlmWatch", "Data Source=llmwatch.db;Colour=blue", "ConnectionStrings:LlmWatch" },
        { "Serilog__MinimumLevel__Default", "Loud", "Serilog:MinimumLevel:Default" },
        { "Serilog__MinimumLevel__Override__Microsoft", "Quiet", "Serilog:MinimumLevel:Override:Microsoft" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task A_bad_value_stops_the_app_at_start_with_one_line_naming_its_key(string variable, string value, string key)
    {
        var database = Path.Combine(Path.GetTempPath(), $"llmwatch-settings-{Guid.NewGuid():N}.db");
        var environment = new Dictionary<string, string> { ["ConnectionStrings__LlmWatch"] = $"Data Source={database}", [variable] = value };

        var result = await HostProcess.RunAsync(environment, TimeSpan.FromSeconds(60));

        var log = result.Output + result.Errors;
        Assert.True(result.ExitCode == 78, $"exit code {result.ExitCode}:\n{log}");
        var line = Assert.Single(log.Split('\n'), l => l.Contains(key, StringComparison.Ordinal));
        Assert.Contains("refused its configuration", line);
        Assert.DoesNotContain("   at ", log);
        // Refused before the database was opened or anything listened.
        Assert.False(File.Exists(database));
    }

    [Fact]
    public async Task Every_bad_value_is_named_in_the_same_line()
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__LlmWatch"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"llmwatch-settings-{Guid.NewGuid():N}.db")}",
            ["RateLimiting__Api__PermitLimit"] = "0",
            ["Circuits__JSInteropTimeoutSeconds"] = "0",
            ["Data__WatchdogSeconds"] = "-1",
        };

        var result = await HostProcess.RunAsync(environment, TimeSpan.FromSeconds(60));

        Assert.Equal(78, result.ExitCode);
        var line = Assert.Single((result.Output + result.Errors).Split('\n'), l => l.Contains("refused its configuration", StringComparison.Ordinal));
        Assert.Contains("RateLimiting:Api:PermitLimit", line);
        Assert.Contains("Circuits:JSInteropTimeoutSeconds", line);
        Assert.Contains("Data:WatchdogSeconds", line);
    }

    public sealed class TunedFactory : LlmWatchFactory
    {
        public string PerfFolder { get; } = Directory.CreateTempSubdirectory("llmwatch-perf-").FullName;

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RateLimiting:Api:PermitLimit", "7");
            builder.UseSetting("Hosting:KnownProxies:0", "10.1.2.3");
            builder.UseSetting("Circuits:DisconnectedMaxRetained", "5");
            builder.UseSetting("Circuits:DisconnectedRetentionSeconds", "9");
            builder.UseSetting("Circuits:JSInteropTimeoutSeconds", "11");
            builder.UseSetting("Circuits:MaximumReceiveMessageBytes", "65536");
            builder.UseSetting("OutputCache:SizeLimitBytes", "1048576");
            builder.UseSetting("Data:WatchdogSeconds", "3");
            builder.UseSetting("Perf:StaticDirectory", PerfFolder);
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            Directory.Delete(PerfFolder, recursive: true);
        }
    }

    [Fact]
    public async Task A_good_configuration_starts_and_reaches_the_parts_it_tunes()
    {
        await using var app = new TunedFactory();
        using var client = app.CreateClient("en");
        using var health = await client.GetAsync("/healthz");
        var services = app.Services;

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var circuits = services.GetRequiredService<IOptions<CircuitOptions>>().Value;
        Assert.Equal(5, circuits.DisconnectedCircuitMaxRetained);
        Assert.Equal(TimeSpan.FromSeconds(9), circuits.DisconnectedCircuitRetentionPeriod);
        Assert.Equal(TimeSpan.FromSeconds(11), circuits.JSInteropDefaultCallTimeout);
        // The circuit's hub is internal to Blazor; its options start from the global hub options this app sets.
        var hub = typeof(CircuitOptions).Assembly.GetType("Microsoft.AspNetCore.Components.Server.ComponentHub", throwOnError: true)!;
        var hubOptionsType = typeof(IOptions<>).MakeGenericType(typeof(HubOptions<>).MakeGenericType(hub));
        var hubOptions = (HubOptions)hubOptionsType.GetProperty("Value")!.GetValue(services.GetRequiredService(hubOptionsType))!;
        Assert.Equal(65536, hubOptions.MaximumReceiveMessageSize);
        Assert.Contains(IPAddress.Parse("10.1.2.3"), services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value.KnownProxies);
        Assert.Equal(1048576, services.GetRequiredService<IOptions<OutputCacheOptions>>().Value.SizeLimit);
        Assert.Equal(TimeSpan.FromSeconds(3), services.GetRequiredService<DataOptions>().WatchdogInterval);
        await File.WriteAllTextAsync(Path.Combine(app.PerfFolder, "probe.txt"), "served");
        Assert.Equal("served", await client.GetStringAsync("/_perf/probe.txt"));
    }
}
