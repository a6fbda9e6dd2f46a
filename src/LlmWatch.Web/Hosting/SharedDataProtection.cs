using LlmWatch.Data;
using Microsoft.AspNetCore.DataProtection;

namespace LlmWatch.Web.Hosting;

/// <summary>
/// On PostgreSQL, where several instances share one database behind a proxy, the Data Protection keys live in that database
/// (the DataProtectionKeys table) under one application name, so that a sign-in cookie or an antiforgery token issued by one
/// instance is accepted by every other. On SQLite — one machine, one instance — the keys stay where ASP.NET Core keeps them.
/// </summary>
public static class SharedDataProtection
{
    /// <summary>Every instance's application name: the keys' purpose chain starts with it.</summary>
    public const string ApplicationName = "LlmWatch";

    public static WebApplicationBuilder AddLlmWatchDataProtection(this WebApplicationBuilder builder)
    {
        var provider = DatabaseEngines.Parse(builder.Configuration[DataOptions.ProviderKey]);
        if (provider != DatabaseEngine.PostgreSQL) return builder;
        builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<LlmWatchDbContext>();
        return builder;
    }
}
