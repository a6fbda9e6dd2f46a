namespace LlmWatch.Web.Hosting;

/// <summary>
/// Limits on what one client can make the server do with pages (README, "Doors"). A client is an IPv4 address or an IPv6 /64
/// (one household or one machine gets the whole /64, so rotating addresses inside it buys nothing).
/// </summary>
public sealed class PageRateLimitSettings : ISettings
{
    public static string Section => "RateLimiting:Pages";

    /// <summary>Page renders a client may make in a burst (the bucket's size).</summary>
    public int BurstLimit { get; set; } = 60;

    /// <summary>Page renders the bucket regains per second, sustained.</summary>
    public int PerSecond { get; set; } = 2;

    /// <summary>Costly requests (/funding, the CSV, searches, deep pages) a client may have running at once.</summary>
    public int CostlyConcurrency { get; set; } = 1;

    /// <summary>Costly requests that wait for their turn beyond those running; more are refused with 429.</summary>
    public int CostlyQueue { get; set; } = 2;

    /// <summary>A page number from which a page counts as deep, and so costly.</summary>
    public int DeepPageFrom { get; set; } = 20;

    public IEnumerable<string> Problems()
    {
        if (BurstLimit < 1) yield return SettingRules.AtLeast(nameof(BurstLimit), BurstLimit, 1);
        if (PerSecond < 1) yield return SettingRules.AtLeast(nameof(PerSecond), PerSecond, 1);
        if (CostlyConcurrency < 1) yield return SettingRules.AtLeast(nameof(CostlyConcurrency), CostlyConcurrency, 1);
        if (CostlyQueue < 0) yield return SettingRules.AtLeast(nameof(CostlyQueue), CostlyQueue, 0);
        if (DeepPageFrom < 2) yield return SettingRules.AtLeast(nameof(DeepPageFrom), DeepPageFrom, 2);
    }
}

/// <summary>Live connections to the circuit hub (/_blazor): per client and for the whole server, and how long they may sit unused.</summary>
public sealed class HubLimitSettings : ISettings
{
    public static string Section => "Circuits:Hub";

    /// <summary>Hub connections (so circuits) one client may hold at once: a person has a few tabs open, not a hundred.</summary>
    public int MaxPerClient { get; set; } = 8;

    /// <summary>Hub connections the whole server holds at once; a circuit costs ~2 MB of managed heap, so 500 stay near 1 GB.</summary>
    public int MaxTotal { get; set; } = 500;

    /// <summary>A connection that has not started (or resumed) a circuit this long after its handshake is closed.</summary>
    public int StartCircuitWithinSeconds { get; set; } = 30;

    /// <summary>A connection from which nothing (not even a keep-alive ping, sent every 15 s) arrives for this long is closed.</summary>
    public int ClientTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Inbound activities a circuit may send in a burst. Every message counts — not only clicks and navigations but each render
    /// acknowledgement and JS interop reply — and one MudBlazor select sends dozens: at 40 a burst and 4 a second the journeys'
    /// filter pickers stalled for seconds (and at 400 and 40 still under CI's load), so the defaults leave a person's use untouched and stop only a scripted flood.
    /// </summary>
    public int EventBurst { get; set; } = 1000;

    /// <summary>Inbound activities a circuit regains per second; past the burst, they wait their turn.</summary>
    public int EventsPerSecond { get; set; } = 100;

    /// <summary>Activities that may wait for their turn; one more closes the circuit.</summary>
    public int EventQueue { get; set; } = 1000;

    /// <summary>Origins (scheme://host[:port]) besides the site's own that may open the hub; normally none.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Paths whose WebSocket and POST requests must come from an allowed origin (the hub, and later the editor's area).</summary>
    public string[] OriginCheckedPaths { get; set; } = ["/_blazor", "/curate"];

    public IEnumerable<string> Problems()
    {
        if (MaxPerClient < 1) yield return SettingRules.AtLeast(nameof(MaxPerClient), MaxPerClient, 1);
        if (MaxTotal < MaxPerClient) yield return $"{nameof(MaxTotal)} is {MaxTotal}: it must be at least {nameof(MaxPerClient)} ({MaxPerClient})";
        if (StartCircuitWithinSeconds < 1) yield return SettingRules.AtLeast(nameof(StartCircuitWithinSeconds), StartCircuitWithinSeconds, 1);
        if (ClientTimeoutSeconds < 1) yield return SettingRules.AtLeast(nameof(ClientTimeoutSeconds), ClientTimeoutSeconds, 1);
        if (EventBurst < 1) yield return SettingRules.AtLeast(nameof(EventBurst), EventBurst, 1);
        if (EventsPerSecond < 1) yield return SettingRules.AtLeast(nameof(EventsPerSecond), EventsPerSecond, 1);
        if (EventQueue < 0) yield return SettingRules.AtLeast(nameof(EventQueue), EventQueue, 0);
        for (var i = 0; i < AllowedOrigins.Length; i++)
            if (!Uri.TryCreate(AllowedOrigins[i], UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https") || u.PathAndQuery != "/")
                yield return $"{nameof(AllowedOrigins)}:{i} is '{AllowedOrigins[i]}': not an origin (write scheme://host[:port], such as https://llmwatch.example)";
        for (var i = 0; i < OriginCheckedPaths.Length; i++)
            if (!OriginCheckedPaths[i].StartsWith('/'))
                yield return $"{nameof(OriginCheckedPaths)}:{i} is '{OriginCheckedPaths[i]}': a path must start with /";
    }
}

/// <summary>The site's public address and the host names it answers to.</summary>
public sealed class SiteSettings : ISettings
{
    public static string Section => "Site";

    /// <summary>
    /// scheme://host[:port] readers reach the site at: absolute links (CSV rows, the OpenAPI server) are built from it, never from
    /// the request's Host header, and the hub accepts this origin. Empty: links are relative and the request's own origin is the site's.
    /// </summary>
    public string PublicOrigin { get; set; } = "";

    public Uri? PublicOriginUri => PublicOrigin.Length == 0 ? null : new Uri(PublicOrigin.TrimEnd('/'));

    public IEnumerable<string> Problems()
    {
        if (PublicOrigin.Length > 0 && (!Uri.TryCreate(PublicOrigin, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https")
                || u.PathAndQuery != "/" || u.UserInfo.Length > 0))
            yield return $"{nameof(PublicOrigin)} is '{PublicOrigin}': not an origin (write scheme://host[:port], such as https://llmwatch.example)";
    }
}

/// <summary>Whether the app may serve its static assets from a build folder (not a publish) outside Development.</summary>
public sealed class StaticAssetSettings : ISettings
{
    public static string Section => "StaticAssets";

    /// <summary>
    /// Outside Development the app refuses to start from a build folder (bin/, which has the development manifest of static
    /// assets and no publish manifest): there ranges, immutable caching and precompression are not what a publish serves.
    /// True lets it start anyway (tests and local checks that know this).
    /// </summary>
    public bool ServeBuildOutput { get; set; }

    public IEnumerable<string> Problems() => [];

    /// <summary>True when the app runs from build output: the development-time manifest of static assets lies beside it.</summary>
    public static bool IsBuildOutput(string applicationName) =>
        File.Exists(Path.Combine(AppContext.BaseDirectory, $"{applicationName}.staticwebassets.runtime.json"));
}
