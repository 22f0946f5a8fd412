namespace Gateway.Http.Ingest;

/// <summary>Log lines of the <c>Http</c> inputs.</summary>
internal static partial class IngestLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Input {InputId} listening on {Method} {Path}")]
    public static partial void Listening(ILogger logger, string inputId, string method, string path);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Input {InputId}: rejected a request with {Status}: {Detail}")]
    public static partial void Rejected(ILogger logger, string inputId, int status, string detail);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "Input {InputId}: refused message {MessageId} with {Status}; it was not stored (the sender has it): {Detail}")]
    public static partial void Refused(ILogger logger, string inputId, Guid messageId, int status, string detail);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Input {InputId}: the buffer cannot take the message now, answered 503")]
    public static partial void Full(ILogger logger, string inputId);
}
