using LlmWatch.Web.Hosting;
using Serilog;

// Only for what happens before the host's own logger exists, or after it is gone: a refused start, a crash.
Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateLogger();

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddLlmWatchWeb();
    CommandLine.ApplyServeOptions(builder, args);
    var app = builder.Build();
    app.ValidateSettings();

    if (CommandLine.IsCommand(args)) return await CommandLine.RunAsync(app, args);

    await app.InitializeDatabaseAsync();
    app.UseLlmWatchWeb();
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (SettingRules.Describe(e) is { } problems)
{
    // One line naming each bad key; a stack trace would only bury it.
    Log.ForContext("SourceContext", "LlmWatch.Configuration").Fatal("LlmWatch refused its configuration: {Problems}", problems);
    return 78; // EX_CONFIG
}
catch (Exception e) when (e is not HostAbortedException)
{
    Log.Fatal(e, "LlmWatch stopped on an unhandled exception");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

public partial class Program;
