using Microsoft.Extensions.Logging;

namespace Gateway.Transports.Nats;

/// <summary>The NATS transport's log messages.</summary>
internal static partial class NatsLog
{
    [LoggerMessage(EventId = 3400, Level = LogLevel.Information, Message = "Input {InputId} listening on {Url} subject {Subject}")]
    public static partial void InputListening(ILogger logger, string inputId, string url, string subject);

    [LoggerMessage(EventId = 3401, Level = LogLevel.Information, Message = "Input {InputId} consuming stream {Stream} as consumer {Consumer} at {Url}")]
    public static partial void InputConsuming(ILogger logger, string inputId, string stream, string consumer, string url);

    [LoggerMessage(EventId = 3402, Level = LogLevel.Warning, Message = "Input {InputId} cannot read from {Url} (attempt {Attempt}): {Error}; retrying in {Delay}")]
    public static partial void InputFailed(ILogger logger, string inputId, string url, int attempt, string error, TimeSpan delay);

    [LoggerMessage(EventId = 3403, Level = LogLevel.Warning, Message = "Input {InputId} could not hand over or acknowledge messages; the server delivers them again")]
    public static partial void InputDispatchFailed(ILogger logger, Exception exception, string inputId);

    [LoggerMessage(EventId = 3405, Level = LogLevel.Error, Message = "Input {InputId} could not hand over {Count} core NATS messages; core NATS keeps no copy to deliver again (use a Stream for at-least-once)")]
    public static partial void InputCoreDispatchFailed(ILogger logger, Exception exception, string inputId, int count);

    [LoggerMessage(EventId = 3404, Level = LogLevel.Information, Message = "Input {InputId} created stream {Stream} for subject {Subject}")]
    public static partial void StreamCreated(ILogger logger, string inputId, string stream, string subject);

    [LoggerMessage(EventId = 3410, Level = LogLevel.Information, Message = "Sink {SinkId} connected to {Url}")]
    public static partial void SinkConnected(ILogger logger, string sinkId, string url);
}
