using Microsoft.Extensions.Logging;

namespace Gateway.Transports.Folder;

/// <summary>The log lines of the <c>Folder</c> input.</summary>
internal static partial class FolderLog
{
    [LoggerMessage(EventId = 3600, Level = LogLevel.Information, Message = "Input {InputId} watching {Folder} for {Pattern}")]
    public static partial void Watching(ILogger logger, string inputId, string folder, string pattern);

    [LoggerMessage(EventId = 3601, Level = LogLevel.Information, Message = "Input {InputId} read {File}: {Records} records stored, moved to {Target}")]
    public static partial void Completed(ILogger logger, string inputId, string file, long records, string target);

    [LoggerMessage(EventId = 3602, Level = LogLevel.Warning, Message = "Input {InputId} could not read {File}: {Error}; moved to {Target}")]
    public static partial void Failed(ILogger logger, string inputId, string file, string error, string target);

    [LoggerMessage(EventId = 3603, Level = LogLevel.Warning, Message = "Input {InputId}: {File} could not be read or moved now ({Reason}); it is tried again")]
    public static partial void Deferred(ILogger logger, string inputId, string file, string reason);

    [LoggerMessage(EventId = 3604, Level = LogLevel.Information, Message = "Input {InputId} resumes {File} after record {Records}")]
    public static partial void Resuming(ILogger logger, string inputId, string file, long records);

    [LoggerMessage(EventId = 3605, Level = LogLevel.Error, Message = "Input {InputId} could not hand {File} to its routes; it is tried again")]
    public static partial void DispatchFailed(ILogger logger, string inputId, string file, Exception exception);

    [LoggerMessage(EventId = 3606, Level = LogLevel.Information, Message = "Input {InputId} stopped watching {Folder}")]
    public static partial void Stopped(ILogger logger, string inputId, string folder);

    [LoggerMessage(EventId = 3607, Level = LogLevel.Debug, Message = "Input {InputId}: the file system watcher failed ({Reason}); the periodic scan goes on")]
    public static partial void WatcherFailed(ILogger logger, string inputId, string reason);
}
