namespace Gateway.Http.Ingest;

/// <summary>Log lines of the <c>Http</c> inputs.</summary>
internal static partial class IngestLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Input {InputId} listening on {Method} {Path}")]
    public static partial void Listening(ILogger logger, string inputId, string method, string path);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Input {InputId}: rejected a request with {Status}: {Detail}")]
    public static partial void Rejected(ILogger logger, string inputId, int status, string detail);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Input {InputId}: route queue full, answered 503")]
    public static partial void Full(ILogger logger, string inputId);
}
