using System.Buffers;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace Gateway.FunctionalTests.Support;

/// <summary>
/// An MQTT 5 client (MQTTnet) for tests: publishes (QoS 1 by default, waiting for the broker's PUBACK) and collects
/// what its subscriptions receive. Every network call is bounded by <see cref="Timeouts.Operation"/>.
/// </summary>
public sealed class MqttTestClient : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly List<ReceivedMqttMessage> received = [];
    private readonly IMqttClient client;

    private MqttTestClient(IMqttClient client)
    {
        this.client = client;
        client.ApplicationMessageReceivedAsync += e =>
        {
            var message = e.ApplicationMessage;
            var properties = message.UserProperties?.Select(p => new KeyValuePair<string, string>(p.Name, p.ReadValueAsString())).ToList() ?? [];
            lock (gate)
            {
                received.Add(new ReceivedMqttMessage(message.Topic, message.Payload.ToArray(), (int)message.QualityOfServiceLevel, message.Retain, properties));
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>Every message received so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedMqttMessage> Received
    {
        get
        {
            lock (gate)
            {
                return [.. received];
            }
        }
    }

    /// <summary>Connects to the broker on 127.0.0.1:<paramref name="port"/> with a clean session.</summary>
    public static async Task<MqttTestClient> ConnectAsync(int port, string? clientId = null)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId ?? "ft-" + Guid.NewGuid().ToString("N")[..12])
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithTimeout(Timeouts.Operation)
            .Build();
        var wrapper = new MqttTestClient(client);
        try
        {
            using var timeout = new CancellationTokenSource(Timeouts.Operation);
            await client.ConnectAsync(options, timeout.Token);
            return wrapper;
        }
        catch
        {
            await wrapper.DisposeAsync();
            throw;
        }
    }

    /// <summary>Subscribes to <paramref name="topicFilter"/> (wildcards allowed) and waits for the SUBACK.</summary>
    public async Task SubscribeAsync(string topicFilter, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce)
    {
        var options = new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topicFilter, qos).Build();
        using var timeout = new CancellationTokenSource(Timeouts.Operation);
        var result = await client.SubscribeAsync(options, timeout.Token);
        var code = result.Items.Single().ResultCode;
        if ((int)code > (int)MqttClientSubscribeResultCode.GrantedQoS2)
        {
            throw new InvalidOperationException($"The broker refused the subscription to '{topicFilter}': {code}.");
        }
    }

    /// <summary>Publishes <paramref name="payload"/> (UTF-8) and, for QoS 1 and 2, waits until the broker acknowledged it.</summary>
    public Task PublishAsync(string topic, string payload, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce, bool retain = false, IReadOnlyDictionary<string, string>? userProperties = null) =>
        PublishAsync(topic, Encoding.UTF8.GetBytes(payload), qos, retain, userProperties);

    public async Task PublishAsync(string topic, byte[] payload, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce, bool retain = false, IReadOnlyDictionary<string, string>? userProperties = null)
    {
        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(qos)
            .WithRetainFlag(retain);
        foreach (var (name, value) in userProperties ?? new Dictionary<string, string>())
        {
            builder.WithUserProperty(name, Encoding.UTF8.GetBytes(value));
        }

        using var timeout = new CancellationTokenSource(Timeouts.Operation);
        var result = await client.PublishAsync(builder.Build(), timeout.Token);
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"The broker refused the message on '{topic}': {result.ReasonCode} {result.ReasonString}");
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> messages arrived and returns them all.</summary>
    public async Task<IReadOnlyList<ReceivedMqttMessage>> WaitForMessagesAsync(int count, TimeSpan? timeout = null)
    {
        await Poll.UntilAsync(
            () => Received.Count >= count,
            timeout ?? Timeouts.Delivery,
            () => $"the MQTT test client received {Received.Count} of {count} messages: {string.Join(", ", Received.Select(m => m.Topic))}");
        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        if (client.IsConnected)
        {
            try
            {
                using var timeout = new CancellationTokenSource(Timeouts.Operation);
                await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token);
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
            {
                // The broker is already gone.
            }
        }

        client.Dispose();
    }
}
