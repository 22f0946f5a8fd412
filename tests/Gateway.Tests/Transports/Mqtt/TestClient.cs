using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Protocol;

namespace Gateway.Tests.Transports.Mqtt;

/// <summary>A plain MQTTnet client for tests: publishes, subscribes and collects what it receives, every wait bounded.</summary>
internal sealed class TestClient : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly Channel<MqttApplicationMessage> _received = Channel.CreateUnbounded<MqttApplicationMessage>();

    private TestClient()
    {
        _client.ApplicationMessageReceivedAsync += e =>
        {
            _received.Writer.TryWrite(e.ApplicationMessage);
            return Task.CompletedTask;
        };
    }

    public static async Task<TestClient> ConnectAsync(string server, string? clientId = null, Action<MqttClientOptionsBuilder>? configure = null)
    {
        var client = new TestClient();
        var uri = new Uri(server);
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(uri.Host, uri.Port)
            .WithClientId(clientId ?? $"test-{Guid.NewGuid():N}")
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithTimeout(Timeout);
        configure?.Invoke(builder);
        using var cts = new CancellationTokenSource(Timeout);
        await client._client.ConnectAsync(builder.Build(), cts.Token);
        return client;
    }

    /// <summary>The MQTTnet client, for the calls whose result a test inspects (publish and subscribe reason codes).</summary>
    public IMqttClient Client => _client;

    public async Task PublishAsync(MqttApplicationMessage message)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var result = await _client.PublishAsync(message, cts.Token);
        Assert.True(result.IsSuccess, $"publish failed: {result.ReasonCode}");
    }

    public Task PublishAsync(string topic, string payload, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce)
        => PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(qos).Build());

    public async Task SubscribeAsync(string filter)
    {
        using var cts = new CancellationTokenSource(Timeout);
        await _client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build(), cts.Token);
    }

    public async Task<MqttApplicationMessage> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Timeout);
        try
        {
            return await _received.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("no MQTT message arrived in time");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            using var cts = new CancellationTokenSource(Timeout);
            await _client.DisconnectAsync(new MqttClientDisconnectOptions(), cts.Token);
        }

        _client.Dispose();
    }
}
