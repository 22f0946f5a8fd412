using Gateway.Http.Security;
using Microsoft.AspNetCore.Diagnostics;

namespace Gateway.Http;

/// <summary>
/// Requests that failed because of the client (a malformed or too slow request, a connection it closed): the exception
/// handler answers them (4xx) without its error log and stack trace, and they get one Information line instead, so a
/// crowd of misbehaving clients cannot fill the log.
/// </summary>
internal static class ClientFaults
{
    /// <summary>For <see cref="ExceptionHandlerOptions.SuppressDiagnosticsCallback"/>: true, after logging one line, for a client's fault.</summary>
    public static bool Suppress(ExceptionHandlerSuppressDiagnosticsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var clientGone = http.RequestAborted.IsCancellationRequested && context.Exception is IOException or OperationCanceledException;
        if (context.Exception is not BadHttpRequestException && !clientGone)
        {
            return false;
        }

        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(SecurityLog.Category);
        SecurityLog.ClientFault(logger, http, context.Exception.Message);
        return true;
    }
}
