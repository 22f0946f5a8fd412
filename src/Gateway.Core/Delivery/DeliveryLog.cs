using Microsoft.Extensions.Logging;

namespace Gateway.Core.Delivery;

/// <summary>
/// The delivery side's log lines: one line per failure, naming route, input, sink and message id as the structured
/// properties <c>RouteId</c>, <c>InputId</c>, <c>SinkId</c> and <c>MessageId</c>. A conversion failure reached no sink:
/// its <c>SinkId</c> is <see cref="NoSink"/>.
/// </summary>
internal static partial class DeliveryLog
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

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "Route {RouteId}: message {MessageId} from input {InputId} (failed at sink {SinkId}) cannot be dead-lettered now; it stays in the route's log and is tried again in {Delay}: {Error}")]
    public static partial void DeadLetterUnavailable(ILogger logger, string routeId, Guid messageId, string inputId, string sinkId, TimeSpan delay, string error);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Error, Message = "Route {RouteId}: unexpected error in a converter for message {MessageId}")]
    public static partial void ConverterBug(ILogger logger, Exception exception, string routeId, Guid messageId);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Critical, Message = "Route {RouteId}: the reader of sink {SinkId} failed unexpectedly; it starts again from its cursor in a second")]
    public static partial void ReaderFailed(ILogger logger, Exception exception, string routeId, string sinkId);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Critical, Message = "Route {RouteId}: message {MessageId} from input {InputId} is lost: the memory buffer (Gateway:Buffer:Durability = Memory) stopped before sink {SinkId} took it and the dead letters refused it: {Error}")]
    public static partial void LostFromMemory(ILogger logger, string routeId, Guid messageId, string inputId, string sinkId, string error);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "Route {RouteId}: the converters kept none of the {Records} records of message {MessageId} (logged once per route). {Hint}")]
    public static partial void DroppedAll(ILogger logger, string routeId, Guid messageId, long records, string hint);
}
