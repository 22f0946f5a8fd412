using Microsoft.Extensions.Logging;

namespace Gateway.Transports.Files;

/// <summary>The log messages of <c>File</c> sinks.</summary>
internal static partial class FileSinkLog
{
    [LoggerMessage(EventId = 3401, Level = LogLevel.Information, Message = "File sink {SinkId} rolled {Path} to {RolledPath}: {Reason}")]
    public static partial void Rolled(ILogger logger, string sinkId, string path, string rolledPath, string reason);

    [LoggerMessage(EventId = 3402, Level = LogLevel.Warning, Message = "File sink {SinkId} removed {Bytes} bytes of an incomplete last record from {Path} (left by an interrupted write)")]
    public static partial void TruncatedTail(ILogger logger, string sinkId, string path, long bytes);

    [LoggerMessage(EventId = 3403, Level = LogLevel.Warning, Message = "File sink {SinkId} could not undo a failed append to {Path}; the file is reopened and repaired before the next message")]
    public static partial void RollbackFailed(ILogger logger, Exception exception, string sinkId, string path);

    [LoggerMessage(EventId = 3404, Level = LogLevel.Information, Message = "File sink {SinkId} found {Path} {Change} since it was opened; the path is opened again (a new file if nothing is there)")]
    public static partial void Reopening(ILogger logger, string sinkId, string path, string change);
}
