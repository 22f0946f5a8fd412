namespace Gateway.Hosting;

internal static partial class ConfigurationReloadLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Error, Message = "Configuration reload rejected with {Count} problem(s); the running configuration stays")]
    public static partial void Rejected(ILogger logger, int count);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Error, Message = "Configuration reload problem: {Problem}")]
    public static partial void Problem(ILogger logger, string problem);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Restart needed: Gateway:{Section} changed; it applies after a restart")]
    public static partial void SectionNeedsRestart(ILogger logger, string section);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Error, Message = "Configuration reload failed unexpectedly; the running configuration stays")]
    public static partial void Failed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Information, Message = "Named converter pipelines reloaded: {Names}")]
    public static partial void PipelinesReloaded(ILogger logger, string names);
}
