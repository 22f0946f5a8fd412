using System.Net;
using Microsoft.Extensions.Logging;

namespace Gateway.Transports.Tcp;

/// <summary>The log lines of the TCP input and sink.</summary>
internal static partial class TcpLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Input {InputId} listening on {Address}")]
    public static partial void Listening(ILogger logger, string inputId, string address);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Debug, Message = "Input {InputId}: connection from {Remote}")]
    public static partial void ConnectionOpened(ILogger logger, string inputId, EndPoint? remote);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Debug, Message = "Input {InputId}: connection from {Remote} closed after {Frames} frames")]
    public static partial void ConnectionClosed(ILogger logger, string inputId, EndPoint? remote, long frames);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Input {InputId} refused a connection from {Remote}: {MaxConnections} connections (MaxConnections) are open")]
    public static partial void TooManyConnections(ILogger logger, string inputId, EndPoint? remote, int maxConnections);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Input {InputId} closed the connection from {Remote}: {Reason}")]
    public static partial void InvalidFrame(ILogger logger, string inputId, EndPoint? remote, string reason);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, Message = "Input {InputId}: the connection from {Remote} closed in the middle of a frame; {Bytes} bytes dropped")]
    public static partial void PartialFrameDropped(ILogger logger, string inputId, EndPoint? remote, long bytes);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Information, Message = "Input {InputId}: the connection from {Remote} failed: {Reason}")]
    public static partial void ConnectionFailed(ILogger logger, string inputId, EndPoint? remote, string reason);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Error, Message = "Input {InputId} could not hand a message from {Remote} to its routes; the connection is closed")]
    public static partial void DispatchFailed(ILogger logger, string inputId, EndPoint? remote, Exception exception);

    [LoggerMessage(EventId = 3108, Level = LogLevel.Error, Message = "Input {InputId} failed to accept a connection")]
    public static partial void AcceptFailed(ILogger logger, string inputId, Exception exception);

    [LoggerMessage(EventId = 3109, Level = LogLevel.Warning, Message = "Input {InputId}: {Count} connections did not close within {Timeout}")]
    public static partial void StopTimedOut(ILogger logger, string inputId, int count, TimeSpan timeout);

    [LoggerMessage(EventId = 3110, Level = LogLevel.Information, Message = "Input {InputId} stopped listening on {Address}")]
    public static partial void Stopped(ILogger logger, string inputId, string address);

    [LoggerMessage(EventId = 3111, Level = LogLevel.Warning, Message = "Input {InputId} refused a connection from {Remote}: that address has {MaxConnectionsPerClient} connections (MaxConnectionsPerClient) open")]
    public static partial void TooManyClientConnections(ILogger logger, string inputId, EndPoint? remote, int maxConnectionsPerClient);

    [LoggerMessage(EventId = 3112, Level = LogLevel.Debug, Message = "Input {InputId} closed the connection from {Remote}: nothing received for IdleTimeout")]
    public static partial void IdleConnectionClosed(ILogger logger, string inputId, EndPoint? remote);

    [LoggerMessage(EventId = 3113, Level = LogLevel.Information, Message = "Input {InputId}: the TLS handshake with {Remote} failed: {Reason}")]
    public static partial void HandshakeFailed(ILogger logger, string inputId, EndPoint? remote, string reason);

    [LoggerMessage(EventId = 3120, Level = LogLevel.Information, Message = "Sink {SinkId} connected to {Address}")]
    public static partial void SinkConnected(ILogger logger, string sinkId, string address);

    [LoggerMessage(EventId = 3121, Level = LogLevel.Information, Message = "Sink {SinkId}: {Address} closed the connection; reconnecting")]
    public static partial void SinkPeerClosed(ILogger logger, string sinkId, string address);

    [LoggerMessage(EventId = 3122, Level = LogLevel.Debug, Message = "Sink {SinkId}: sending to {Address} failed; the connection is dropped and opened again on the next attempt")]
    public static partial void SinkSendFailed(ILogger logger, string sinkId, string address, Exception exception);
}
