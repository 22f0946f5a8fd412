namespace Gateway.Http.Security;

/// <summary>Log lines of authentication, rate limits and exposed listeners: refusals are one Information line each, without a stack trace.</summary>
internal static partial class SecurityLog
{
    public const string Category = "Gateway.Http.Security";

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "{Method} {Path} from {Remote}: answered {Status}: {Reason}")]
    private static partial void Refused(ILogger logger, string method, string path, System.Net.IPAddress? remote, int status, string reason);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "{Method} {Path} from {Remote}: answered 429, over the rate limit of {PermitsPerSecond}/s")]
    private static partial void RateLimited(ILogger logger, string method, string path, System.Net.IPAddress? remote, int permitsPerSecond);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "{Listener} listens on {Address}, beyond loopback, without authentication for {Open}; see docs/security.md to lock it down")]
    public static partial void Exposed(ILogger logger, string listener, string address, string open);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "{Method} {Path} from {Remote}: the request ended early: {Reason}")]
    private static partial void ClientFault(ILogger logger, string method, string path, System.Net.IPAddress? remote, string reason);

    public static void Refused(ILogger logger, HttpContext context, int status, string reason)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            Refused(logger, context.Request.Method, context.Request.Path.Value ?? "/", context.Connection.RemoteIpAddress, status, reason);
        }
    }

    public static void RateLimited(ILogger logger, HttpContext context, int permitsPerSecond)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            RateLimited(logger, context.Request.Method, context.Request.Path.Value ?? "/", context.Connection.RemoteIpAddress, permitsPerSecond);
        }
    }

    public static void ClientFault(ILogger logger, HttpContext context, string reason)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            ClientFault(logger, context.Request.Method, context.Request.Path.Value ?? "/", context.Connection.RemoteIpAddress, reason);
        }
    }
}
