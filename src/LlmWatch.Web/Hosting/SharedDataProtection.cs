using LlmWatch.Data;
using Microsoft.AspNetCore.DataProtection;

namespace LlmWatch.Web.Hosting;

/// <summary>
/// With <c>Database:SharedKeys</c> = true on PostgreSQL, where several instances share one database behind a proxy, the Data
/// Protection keys live in that database (the DataProtectionKeys table) under one application name, so that a sign-in cookie
/// or an antiforgery token issued by one instance is accepted by every other. It is a switch, not the default, because the
/// key ring is then read from the database: an instance that starts while the server is down cannot issue antiforgery tokens
/// until it answers, so its pages with forms fail instead of showing the unavailable notice. Otherwise the keys stay where
/// ASP.NET Core keeps them.
/// </summary>
public static class SharedDataProtection
{
    /// <summary>Every instance's application name: the keys' purpose chain starts with it.</summary>
    public const string ApplicationName = "LlmWatch";

    public const string SwitchKey = "Database:SharedKeys";

    public static WebApplicationBuilder AddLlmWatchDataProtection(this WebApplicationBuilder builder)
    {
        var provider = DatabaseEngines.Parse(builder.Configuration[DataOptions.ProviderKey]);
        if (provider != DatabaseEngine.PostgreSQL || !builder.Configuration.GetValue<bool>(SwitchKey)) return builder;
        builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<LlmWatchDbContext>();
        return builder;
    }
}
