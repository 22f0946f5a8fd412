using Gateway.Core.Routing;
using Microsoft.Extensions.Logging;

namespace Gateway.Core.Engine;

/// <summary>The engine's log lines: start, reloads.</summary>
internal static partial class EngineLog
{
    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Gateway started: {Inputs} input(s), {Routes} route(s), {Sinks} sink(s); dead letters go to {Folder}")]
    public static partial void Started(ILogger logger, int inputs, int routes, int sinks, string folder);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Information, Message = "Configuration reloaded: {Changes}")]
    public static partial void Reloaded(ILogger logger, ReloadResult changes);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "Restart needed: {Change}")]
    public static partial void RestartNeeded(ILogger logger, string change);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "A sink replaced by a reload failed to close")]
    public static partial void SinkDisposeFailed(ILogger logger, Exception exception);
}
