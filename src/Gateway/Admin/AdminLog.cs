namespace Gateway.Admin;

/// <summary>The admin surface's log lines.</summary>
internal static partial class AdminLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Admin: failed login from {Remote}")]
    public static partial void LoginFailed(ILogger logger, string? remote);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Admin: logins from {Remote} refused until the window ends: {Failures} failed logins")]
    public static partial void LoginThrottled(ILogger logger, string? remote, int failures);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Admin: dead letter {Name} re-driven into route {RouteId} (sink {SinkId})")]
    public static partial void Redriven(ILogger logger, string name, string routeId, string sinkId);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Admin: dead letter {Name} deleted")]
    public static partial void Deleted(ILogger logger, string name);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Admin: sink {SinkId} {Action}")]
    public static partial void SinkPaused(ILogger logger, string sinkId, string action);
}
