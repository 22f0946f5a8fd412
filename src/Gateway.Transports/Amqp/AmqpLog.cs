using Microsoft.Extensions.Logging;

namespace Gateway.Transports.Amqp;

/// <summary>The AMQP transport's log messages.</summary>
internal static partial class AmqpLog
{
    [LoggerMessage(EventId = 3500, Level = LogLevel.Information, Message = "Input {InputId} consuming queue {Queue} at {Url}")]
    public static partial void InputConsuming(ILogger logger, string inputId, string queue, string url);

    [LoggerMessage(EventId = 3501, Level = LogLevel.Warning, Message = "Input {InputId} cannot consume from {Url} (attempt {Attempt}): {Error}; retrying in {Delay}")]
    public static partial void InputFailed(ILogger logger, string inputId, string url, int attempt, string error, TimeSpan delay);

    [LoggerMessage(EventId = 3502, Level = LogLevel.Warning, Message = "Input {InputId} lost its channel to {Url}: {Reason}")]
    public static partial void InputDisconnected(ILogger logger, string inputId, string url, string reason);

    [LoggerMessage(EventId = 3503, Level = LogLevel.Warning, Message = "Input {InputId} could not hand over or acknowledge messages; the broker delivers them again")]
    public static partial void InputDispatchFailed(ILogger logger, Exception exception, string inputId);

    [LoggerMessage(EventId = 3510, Level = LogLevel.Information, Message = "Sink {SinkId} connected to {Url}")]
    public static partial void SinkConnected(ILogger logger, string sinkId, string url);
}
