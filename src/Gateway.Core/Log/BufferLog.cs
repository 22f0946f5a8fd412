using Microsoft.Extensions.Logging;

namespace Gateway.Core.Log;

/// <summary>The buffer's log lines.</summary>
internal static partial class BufferLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Buffer: {Durability} at {Path}; recovered {Messages} message(s) in {Groups} group(s) in {Elapsed} ms")]
    public static partial void Opened(ILogger logger, BufferDurability durability, string path, long messages, int groups, long elapsed);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Error, Message = "Buffer: a commit failed; inputs are pushed back until it succeeds (retrying in {Delay}): {Error}")]
    public static partial void CommitFailed(ILogger logger, TimeSpan delay, string error);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Buffer: commits succeed again after {Failures} failed attempt(s)")]
    public static partial void CommitRecovered(ILogger logger, int failures);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Buffer: route {RouteId} is not configured but its log holds {Messages} message(s); they stay in the buffer until a route with that id is configured again")]
    public static partial void OrphanRoute(ILogger logger, string routeId, long messages);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, Message = "Buffer: sink {SinkId} is no longer part of route {RouteId}; {Messages} message(s) it had not acknowledged will not go to it")]
    public static partial void CursorRemoved(ILogger logger, string routeId, string sinkId, long messages);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Critical, Message = "Buffer: the committer stopped unexpectedly")]
    public static partial void CommitterCrashed(ILogger logger, Exception exception);
}
