using Microsoft.Extensions.Logging;

namespace Gateway.Core.Routing;

/// <summary>
/// The route engine's log lines: one line per failure, naming route, input, sink and message id as the structured
/// properties <c>RouteId</c>, <c>InputId</c>, <c>SinkId</c> and <c>MessageId</c>. A conversion failure reached no sink:
/// its <c>SinkId</c> is <see cref="NoSink"/>.
/// </summary>
internal static partial class RoutingLog
{
    /// <summary>The <c>SinkId</c> of a failure that happened before any sink (conversion).</summary>
    public const string NoSink = "-";

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Route {RouteId}: message {MessageId} from input {InputId} failed conversion (sink {SinkId}) and was dead-lettered to {DeadLetter}: {Error}")]
    public static partial void ConversionFailed(ILogger logger, string routeId, Guid messageId, string inputId, string sinkId, string? deadLetter, string error);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Route {RouteId}: sink {SinkId} failed message {MessageId} from input {InputId} and it was dead-lettered to {DeadLetter}: {Error}")]
    public static partial void DeliveryFailed(ILogger logger, string routeId, string sinkId, Guid messageId, string inputId, string? deadLetter, string error);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Route {RouteId}: sink {SinkId} attempt {Attempt} for message {MessageId} failed, retrying in {Delay}: {Error}")]
    public static partial void Retrying(ILogger logger, string routeId, string sinkId, int attempt, Guid messageId, TimeSpan delay, string error);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Route {RouteId}: dead-letter sink {SinkId} failed message {MessageId} from input {InputId}; writing it to the dead-letter folder: {Error}")]
    public static partial void DeadLetterSinkFailed(ILogger logger, string routeId, string sinkId, Guid messageId, string inputId, string error);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Critical, Message = "Route {RouteId}: message {MessageId} from input {InputId} (failed at sink {SinkId}) could not be written to the dead-letter folder either and is lost: {Error}")]
    public static partial void DeadLetterFailed(ILogger logger, string routeId, Guid messageId, string inputId, string sinkId, string error);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Gateway started: {Inputs} input(s), {Routes} route(s), {Sinks} sink(s); dead letters go to {Folder}")]
    public static partial void Started(ILogger logger, int inputs, int routes, int sinks, string folder);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Error, Message = "Route {RouteId}: unexpected error in a converter for message {MessageId}")]
    public static partial void ConverterBug(ILogger logger, Exception exception, string routeId, Guid messageId);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "Stopping: {Count} message(s) still queued after the drain timeout were moved to the dead letters")]
    public static partial void DrainTimedOut(ILogger logger, long count);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Information, Message = "Configuration reloaded: {Changes}")]
    public static partial void Reloaded(ILogger logger, ReloadResult changes);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "Restart needed: {Change}")]
    public static partial void RestartNeeded(ILogger logger, string change);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "A sink replaced by a reload failed to close")]
    public static partial void SinkDisposeFailed(ILogger logger, Exception exception);
}
