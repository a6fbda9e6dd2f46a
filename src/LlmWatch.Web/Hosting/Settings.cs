using System.Net;
using Microsoft.Extensions.Options;

namespace LlmWatch.Web.Hosting;

/// <summary>A configuration section bound to a class that says, key by key, what is wrong with its values.</summary>
public interface ISettings
{
    static abstract string Section { get; }

    /// <summary>One sentence per bad value, each starting with the value's key under <see cref="Section"/>.</summary>
    IEnumerable<string> Problems();
}

/// <summary>API requests per client (remote address) per fixed window.</summary>
public sealed class ApiRateLimitSettings : ISettings
{
    public static string Section => "RateLimiting:Api";

    public int PermitLimit { get; set; } = 300;

    public int WindowSeconds { get; set; } = 60;

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);

    public IEnumerable<string> Problems()
    {
        if (PermitLimit < 1) yield return SettingRules.AtLeast(nameof(PermitLimit), PermitLimit, 1);
        if (WindowSeconds is < 1 or > 86_400) yield return SettingRules.Between(nameof(WindowSeconds), WindowSeconds, 1, 86_400);
    }
}

/// <summary>Behind a reverse proxy: which forwarded headers to trust and from whom; HTTPS redirection.</summary>
public sealed class HostingSettings : ISettings
{
    public static string Section => "Hosting";

    public bool ForwardedHeaders { get; set; }

    public string[] KnownProxies { get; set; } = [];

    public bool HttpsRedirection { get; set; } = true;

    public IEnumerable<IPAddress> KnownProxyAddresses => KnownProxies.Select(IPAddress.Parse);

    public IEnumerable<string> Problems()
    {
        for (var i = 0; i < KnownProxies.Length; i++)
            if (!IPAddress.TryParse(KnownProxies[i], out _))
                yield return $"{nameof(KnownProxies)}:{i} is '{KnownProxies[i]}': not an IP address (write one address per entry, such as 10.0.0.5 or ::1)";
    }
}

/// <summary>Blazor circuit limits (README, "Doors").</summary>
public sealed class CircuitSettings : ISettings
{
    public static string Section => "Circuits";

    public int DisconnectedMaxRetained { get; set; } = 100;

    // 60 s kept disconnected, then 60 s of persisted state to resume from: a dropped tab's memory is back within three minutes
    // (the issue's goal; CircuitMemoryTests measures the release right after both windows), while a phone that lost its signal
    // for a minute still reconnects seamlessly, and up to two minutes resumes. Every page is static HTML first, so a reader who
    // was away longer loses nothing but an island's open search.
    public int DisconnectedRetentionSeconds { get; set; } = 60;

    public int JSInteropTimeoutSeconds { get; set; } = 30;

    // The prerendered state of a page (up to 100 rows with their citations) comes back from the browser in one message
    // when the circuit starts; 512 KB holds the largest page with room, and still bounds what a client can make the server read.
    public long MaximumReceiveMessageBytes { get; set; } = 512 * 1024;

    public IEnumerable<string> Problems()
    {
        if (DisconnectedMaxRetained < 0) yield return SettingRules.AtLeast(nameof(DisconnectedMaxRetained), DisconnectedMaxRetained, 0);
        if (DisconnectedRetentionSeconds < 0) yield return SettingRules.AtLeast(nameof(DisconnectedRetentionSeconds), DisconnectedRetentionSeconds, 0);
        if (JSInteropTimeoutSeconds < 1) yield return SettingRules.AtLeast(nameof(JSInteropTimeoutSeconds), JSInteropTimeoutSeconds, 1);
        // Below SignalR's own 32 KB default the circuit's first message (the page's state) no longer fits.
        if (MaximumReceiveMessageBytes < 32 * 1024) yield return SettingRules.AtLeast(nameof(MaximumReceiveMessageBytes), MaximumReceiveMessageBytes, 32 * 1024);
    }
}

/// <summary>The API's cached answers.</summary>
public sealed class OutputCacheSettings : ISettings
{
    public static string Section => "OutputCache";

    public long SizeLimitBytes { get; set; } = 64L * 1024 * 1024;

    public int ApiSeconds { get; set; } = 60;

    /// <summary>How long an anonymous page without request-bound parts is kept here (dropped sooner when the data change).</summary>
    public int PageSeconds { get; set; } = 60;

    /// <summary>How long a shared cache in front (CDN, proxy) may serve an anonymous answer before asking again (s-maxage).</summary>
    public int SharedSeconds { get; set; } = 60;

    public IEnumerable<string> Problems()
    {
        if (SizeLimitBytes < 1) yield return SettingRules.AtLeast(nameof(SizeLimitBytes), SizeLimitBytes, 1);
        if (ApiSeconds < 1) yield return SettingRules.AtLeast(nameof(ApiSeconds), ApiSeconds, 1);
        if (PageSeconds < 1) yield return SettingRules.AtLeast(nameof(PageSeconds), PageSeconds, 1);
        if (SharedSeconds < 0) yield return SettingRules.AtLeast(nameof(SharedSeconds), SharedSeconds, 0);
    }
}

/// <summary>The loopback-only memory endpoint, for measurements.</summary>
public sealed class DiagnosticsSettings : ISettings
{
    public static string Section => "Diagnostics";

    public bool Enabled { get; set; }

    public IEnumerable<string> Problems() => [];
}

/// <summary>A folder of static copies served under /_perf/, as a yardstick for pages.</summary>
public sealed class PerfSettings : ISettings
{
    public static string Section => "Perf";

    public string? StaticDirectory { get; set; }

    public IEnumerable<string> Problems()
    {
        if (!string.IsNullOrEmpty(StaticDirectory) && !Directory.Exists(StaticDirectory))
            yield return $"{nameof(StaticDirectory)} is '{StaticDirectory}': no such folder";
    }
}

public static class SettingRules
{
    public static string AtLeast(string key, long value, long minimum) => $"{key} is {value}: it must be {minimum} or more";

    public static string Between(string key, long value, long minimum, long maximum) => $"{key} is {value}: it must be between {minimum} and {maximum}";

    /// <summary>
    /// Serilog's levels, checked before Serilog reads them: its own refusal ("The value X is not a valid Serilog level")
    /// names neither the key nor the levels it would take.
    /// </summary>
    public static void ThrowOnBadLogLevels(IConfiguration configuration)
    {
        var minimum = configuration.GetSection("Serilog:MinimumLevel");
        var levels = minimum.Value is not null
            ? [minimum]
            : new[] { minimum.GetSection("Default") }.Concat(minimum.GetSection("Override").GetChildren()).Where(s => s.Value is not null);
        var problems = levels
            .Where(s => !Enum.TryParse<Serilog.Events.LogEventLevel>(s.Value, ignoreCase: true, out var level) || !Enum.IsDefined(level) || int.TryParse(s.Value, out _))
            .Select(s => $"{s.Path} is '{s.Value}': it must be one of {string.Join(", ", Enum.GetNames<Serilog.Events.LogEventLevel>())}")
            .ToList();
        if (problems.Count > 0) throw new OptionsValidationException("Serilog:MinimumLevel", typeof(Serilog.Events.LogEventLevel), problems);
    }

    /// <summary>Binds <typeparamref name="T"/> to its section and checks it when the host starts, not at first use.</summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services) where T : class, ISettings
    {
        services.AddSingleton<IValidateOptions<T>, SettingsValidator<T>>();
        return services.AddOptions<T>().BindConfiguration(T.Section).ValidateOnStart();
    }

    /// <summary>
    /// Runs every start-time check now, so that a bad configuration stops the app before it opens the database or listens.
    /// The host would run them again in StartAsync; they are cached, so that costs nothing.
    /// </summary>
    public static void ValidateSettings(this WebApplication app) => app.Services.GetRequiredService<IStartupValidator>().Validate();

    /// <summary>The configuration problems an exception from binding or validation reports, as one line; null for any other exception.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException e => string.Join("; ", e.Failures),
        AggregateException e when e.InnerExceptions.All(i => Describe(i) is not null) => string.Join("; ", e.InnerExceptions.Select(i => Describe(i))),
        // The binder's own message names the key and the value: "Failed to convert configuration value 'x' at 'A:B' to type 'System.Int32'."
        InvalidOperationException e when e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => e.Message,
        _ => null,
    };

    private sealed class SettingsValidator<T> : IValidateOptions<T> where T : class, ISettings
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var problems = options.Problems().Select(p => $"{T.Section}:{p}").ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
