using System.Net;
using Microsoft.Extensions.Logging;

namespace Gateway.Transports.Mqtt;

/// <summary>The MQTT transport's log messages.</summary>
internal static partial class MqttLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Input {InputId} listening on {Address}")]
    public static partial void InputListening(ILogger logger, string inputId, string address);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Input {InputId} cannot connect to {Server} (attempt {Attempt}): {Error}; retrying in {Delay}")]
    public static partial void InputConnectFailed(ILogger logger, string inputId, string server, int attempt, string error, TimeSpan delay);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Input {InputId} lost its connection to {Server}: {Reason}")]
    public static partial void InputDisconnected(ILogger logger, string inputId, string server, string reason);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Input {InputId} could not hand over a message from topic {Topic}; the broker redelivers it after a reconnect")]
    public static partial void InputDispatchFailed(ILogger logger, Exception exception, string inputId, string topic);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Debug, Message = "Input {InputId} did not acknowledge a message on topic {Topic} (the connection changed); the broker redelivers it")]
    public static partial void InputAckSkipped(ILogger logger, string inputId, string topic);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Debug, Message = "Input {InputId} could not acknowledge a message on topic {Topic}: {Error}; the broker redelivers it")]
    public static partial void InputAckFailed(ILogger logger, string inputId, string topic, string error);

    [LoggerMessage(EventId = 3110, Level = LogLevel.Information, Message = "Sink {SinkId} connected to {Server}")]
    public static partial void SinkConnected(ILogger logger, string sinkId, string server);

    [LoggerMessage(EventId = 3120, Level = LogLevel.Information, Message = "MQTT broker listening on mqtt://{Endpoint}")]
    public static partial void BrokerListening(ILogger logger, EndPoint endpoint);

    [LoggerMessage(EventId = 3121, Level = LogLevel.Warning, Message = "MQTT broker closed the connection from {RemoteEndPoint}: {Reason}")]
    public static partial void BrokerPacketRejected(ILogger logger, string remoteEndPoint, string reason);

    [LoggerMessage(EventId = 3122, Level = LogLevel.Debug, Message = "MQTT broker connection from {RemoteEndPoint} ended with an error")]
    public static partial void BrokerConnectionFailed(ILogger logger, Exception exception, string remoteEndPoint);

    [LoggerMessage(EventId = 3123, Level = LogLevel.Error, Message = "MQTT broker stopped accepting connections")]
    public static partial void BrokerAcceptFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3124, Level = LogLevel.Warning, Message = "MQTT broker refused the login from {RemoteEndPoint}: {Reason}")]
    public static partial void BrokerLoginRefused(ILogger logger, string remoteEndPoint, string reason);

    [LoggerMessage(EventId = 3125, Level = LogLevel.Information, Message = "MQTT broker refused a publish of client {ClientId} to {Topic}: {Reason}")]
    public static partial void BrokerPublishRefused(ILogger logger, string clientId, string topic, string reason);

    [LoggerMessage(EventId = 3126, Level = LogLevel.Information, Message = "MQTT broker refused the subscription of client {ClientId} to {Filter}: {Reason}")]
    public static partial void BrokerSubscriptionRefused(ILogger logger, string clientId, string filter, string reason);

    [LoggerMessage(EventId = 3127, Level = LogLevel.Information, Message = "MQTT broker listening on mqtts://{Endpoint}")]
    public static partial void BrokerListeningTls(ILogger logger, EndPoint endpoint);

    [LoggerMessage(EventId = 3128, Level = LogLevel.Information, Message = "MQTT broker: the TLS handshake with {RemoteEndPoint} failed: {Reason}")]
    public static partial void BrokerHandshakeFailed(ILogger logger, string remoteEndPoint, string reason);
}
