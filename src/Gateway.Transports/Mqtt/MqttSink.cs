using Gateway.Core.Formats;
using Gateway.Core.Routing;
using Gateway.Core.Templates;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Exceptions;

namespace Gateway.Transports.Mqtt;

/// <summary>
/// Publishes each message to a templated topic. Connects on the first send and again on the next send after the
/// connection was lost; a QoS 1/2 send returns once the broker acknowledged it (PUBACK / PUBCOMP). A batch is
/// published with all its acknowledgements outstanding at once.
/// </summary>
public sealed class MqttSink : IBatchMessageSink
{
    private readonly MqttSinkOptions _options;
    private readonly SinkContext _context;
    private readonly MessageTemplate _topic;
    private readonly string _server;
    private readonly string? _contentType;
    private readonly MqttClientOptions _clientOptions;
    private readonly IMqttClient _client;
    private readonly SemaphoreSlim _connectLock = new(1, 1);

    public MqttSink(MqttSinkOptions options, SinkContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        _options = options;
        _context = context;
        _topic = options.TopicTemplate;
        _server = MqttServerAddress.TryParse(options.Server, out var address, out var error) ? address.ToString() : throw new ArgumentException(error, nameof(options));
        ClientId = string.IsNullOrEmpty(options.ClientId) ? MqttClientSetup.DefaultClientId("sink", context.Id) : options.ClientId;
        _clientOptions = MqttClientSetup.CreateBuilder(options, ClientId).WithCleanSession(true).Build();
        if (options.ProtocolVersion == MqttProtocolVersion.V500)
        {
            var formats = context.Services.GetService<FormatRegistry>();
            _contentType = formats is not null && formats.TryGet(context.Format, out var format) && format.MediaTypes.Count > 0 ? format.MediaTypes[0] : null;
        }

        _client = new MqttClientFactory().CreateMqttClient();
    }

    /// <summary>The MQTT client id in use (configured, or derived from the sink id and the machine name).</summary>
    public string ClientId { get; }

    public async ValueTask SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var application = Build(message);
        await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
        await PublishAsync(application, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Publishes every message in order without waiting for each acknowledgement before the next publish, then waits
    /// for them all; throws when any of them failed.
    /// </summary>
    public async ValueTask SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var applications = new MqttApplicationMessage[messages.Count];
        for (var i = 0; i < applications.Length; i++)
        {
            applications[i] = Build(messages[i]);
        }

        await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
        for (var start = 0; start < applications.Length; start += _options.PublishWindow)
        {
            var count = Math.Min(_options.PublishWindow, applications.Length - start);
            if (count == 1)
            {
                await PublishAsync(applications[start], cancellationToken).ConfigureAwait(false);
                continue;
            }

            var publishes = new Task[count];
            for (var i = 0; i < count; i++)
            {
                publishes[i] = PublishAsync(applications[start + i], cancellationToken);
            }

            await Task.WhenAll(publishes).ConfigureAwait(false);
        }
    }

    private MqttApplicationMessage Build(OutgoingMessage message)
    {
        var topic = _topic.Render(message.Canonical, _topic.UsesRecord ? message.Record : null, CheckTopicValue);
        if (!MqttTopics.TryValidateName(topic, out var topicError))
        {
            throw new SinkDeliveryException($"MQTT sink {_context.Id}: the topic template '{_topic.Text}' gave an unusable topic: {topicError}", isTransient: false);
        }

        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(message.Body.ToArray())
            .WithQualityOfServiceLevel(_options.Qos.ToMqttNet())
            .WithRetainFlag(_options.Retain);
        if (_options.ProtocolVersion == MqttProtocolVersion.V500)
        {
            if (_contentType is not null)
            {
                builder.WithContentType(_contentType);
            }

            if (!_options.UserProperties.IsEmpty)
            {
                foreach (var (name, value) in message.Canonical.Metadata)
                {
                    if (_options.UserProperties.Includes(name))
                    {
                        builder.WithUserProperty(name, System.Text.Encoding.UTF8.GetBytes(value).AsMemory());
                    }
                }
            }
        }

        return builder.Build();
    }

    /// <summary>
    /// A value may fill a topic level but not add levels or wildcards: one with '/', '+', '#' or NUL is refused (the
    /// message is dead-lettered), except that <c>{topic}</c>, a whole topic by nature, may hold '/'.
    /// </summary>
    private string CheckTopicValue(string placeholder, string value)
    {
        var wholeTopic = placeholder.Equals(Core.Templates.MessageTemplate.TopicMetadataKey, StringComparison.OrdinalIgnoreCase);
        var forbidden = wholeTopic ? "+#\0" : "/+#\0";
        var at = value.AsSpan().IndexOfAny(forbidden);
        if (at >= 0)
        {
            var character = value[at] == '\0' ? "NUL" : $"'{value[at]}'";
            throw new SinkDeliveryException(
                $"MQTT sink {_context.Id}: {{{placeholder}}} gave '{value.Replace("\0", "\\0", StringComparison.Ordinal)}', which contains {character}; a placeholder fills one topic level and may not contain '/', '+', '#' or NUL ({{topic}} may contain '/').",
                isTransient: false);
        }

        return value;
    }

    private async Task PublishAsync(MqttApplicationMessage application, CancellationToken cancellationToken)
    {
        MqttClientPublishResult result;
        try
        {
            result = await _client.PublishAsync(application, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or InvalidOperationException)
        {
            throw new SinkDeliveryException($"MQTT sink {_context.Id}: publishing to {_server} failed: {ex.Message}", isTransient: true, ex);
        }

        if (!result.IsSuccess)
        {
            var permanent = result.ReasonCode is MqttClientPublishReasonCode.NotAuthorized
                or MqttClientPublishReasonCode.TopicNameInvalid
                or MqttClientPublishReasonCode.PayloadFormatInvalid;
            throw new SinkDeliveryException(
                $"MQTT sink {_context.Id}: {_server} refused the message on topic '{application.Topic}': {result.ReasonCode}{(string.IsNullOrEmpty(result.ReasonString) ? string.Empty : $" ({result.ReasonString})")}",
                isTransient: !permanent);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                using var timeout = new CancellationTokenSource(_options.ConnectTimeout);
                await _client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException)
            {
                // Closing anyway.
            }
        }

        _client.Dispose();
        _connectLock.Dispose();
    }

    private async Task EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected)
        {
            return;
        }

        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_client.IsConnected)
            {
                return;
            }

            await _client.ConnectAsync(_clientOptions, cancellationToken).ConfigureAwait(false);
            MqttLog.SinkConnected(_context.Logger, _context.Id, _server);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new SinkDeliveryException($"MQTT sink {_context.Id}: cannot connect to {_server}: {ex.Message}", isTransient: true, ex);
        }
        finally
        {
            _connectLock.Release();
        }
    }
}
