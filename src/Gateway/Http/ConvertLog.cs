namespace Gateway.Http;

/// <summary>The log messages of <c>POST /convert</c>.</summary>
internal static partial class ConvertLog
{
    /// <summary>The log category.</summary>
    public const string Category = "Gateway.Http.Convert";

    // Debug, not Information: one line per successful request costs about 40% of the request rate (bench/README.md, S1);
    // rejections stay at Information.
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Converted {Records} records from {From} to {To} ({InputBytes} bytes in, {OutputBytes} bytes out)")]
    public static partial void Converted(ILogger logger, long records, string from, string to, long inputBytes, long outputBytes);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Rejected a {From} body: {Detail}")]
    public static partial void Malformed(ILogger logger, string from, string detail);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Rejected a request body larger than {Limit} bytes")]
    public static partial void TooLarge(ILogger logger, long limit);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Rejected a convert request with status {Status}: {Detail}")]
    public static partial void Rejected(ILogger logger, int status, string detail);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Pipeline {Pipeline} rejected the message: {Detail}")]
    public static partial void PipelineFailed(ILogger logger, string pipeline, string detail);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Converted, but {Note}")]
    public static partial void DroppedAll(ILogger logger, string note);
}
