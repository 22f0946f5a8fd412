using System.Text;
using Gateway.Core.Configuration;
using Gateway.Core.Formats;
using Gateway.Core.Messages;
using Gateway.Core.Routing;
using Gateway.Formats.Json;
using Gateway.Transports.Mqtt;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet.Packets;

namespace Gateway.Tests.Transports.Mqtt;

public class MqttSinkTests
{
    [Fact]
    public async Task PublishesToTheTemplatedTopicWithContentTypeAndSelectedUserProperties()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        await using var subscriber = await TestClient.ConnectAsync(broker.Server);
        await subscriber.SubscribeAsync("normalized/#");
        await using var sink = CreateSink(new MqttSinkOptions
        {
            Server = broker.Server,
            Topic = "normalized/{input}/{topic[1]}/{field:/order/id}",
            UserProperties = ["device"],
        });

        await SendAsync(sink, Outgoing("{\"order\":{\"id\":42}}", ("topic", "sensors/d7/data"), ("device", "d7"), ("secret", "s")));

        var received = await subscriber.NextAsync();
        Assert.Equal("normalized/plc/d7/42", received.Topic);
        Assert.Equal("{\"order\":{\"id\":42}}", Encoding.UTF8.GetString(received.Payload));
        Assert.Equal("application/json", received.ContentType);
        Assert.Equal(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce, received.QualityOfServiceLevel);
        var property = Assert.Single(received.UserProperties);
        Assert.Equal(("device", "d7"), (property.Name, property.ReadValueAsString()));
    }

    [Fact]
    public async Task AllMetadataAsUserPropertiesRetainAndMqtt311()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        await using var all = CreateSink(new MqttSinkOptions { Server = broker.Server, Topic = "all", UserProperties = new ForwardedMetadata { All = true }, Retain = true });
        await SendAsync(all, Outgoing("{}", ("a", "1"), ("b", "2")));
        await using var oldSubscriber = await TestClient.ConnectAsync(broker.Server);
        await oldSubscriber.SubscribeAsync("old");
        await using var v311 = CreateSink(new MqttSinkOptions { Server = broker.Server, Topic = "old", ProtocolVersion = Gateway.Transports.Mqtt.MqttProtocolVersion.V311, Qos = MqttQos.ExactlyOnce });
        await SendAsync(v311, Outgoing("{\"v\":3}"));
        Assert.Equal("{\"v\":3}", Encoding.UTF8.GetString((await oldSubscriber.NextAsync()).Payload));

        // Both were retained or acknowledged; a late subscriber sees the retained one.
        await using var late = await TestClient.ConnectAsync(broker.Server);
        await late.SubscribeAsync("all");
        var retained = await late.NextAsync();
        Assert.True(retained.Retain);
        Assert.Equal(["a=1", "b=2"], retained.UserProperties.Select(p => $"{p.Name}={p.ReadValueAsString()}").Order());
    }

    [Theory]
    [InlineData("{meta:missing}", "must not be empty")]
    [InlineData("out/{meta:device}", "{meta:device} gave 'a/+/b', which contains '/'; a placeholder fills one topic level")]
    public async Task ATopicThatRendersUnusableIsAPermanentFailure(string template, string expected)
    {
        await using var sink = CreateSink(new MqttSinkOptions { Server = "mqtt://127.0.0.1:1", Topic = template });
        var ex = await Assert.ThrowsAsync<SinkDeliveryException>(() => SendAsync(sink, Outgoing("{}", ("device", "a/+/b"))));
        Assert.False(ex.IsTransient);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABrokerThatIsDownIsATransientFailureAndTheNextSendConnects()
    {
        var port = MqttInputTests.FreePort();
        var log = new ListLogger();
        await using var sink = CreateSink(new MqttSinkOptions { Server = $"mqtt://127.0.0.1:{port}", Topic = "later", ConnectTimeout = TimeSpan.FromSeconds(2) }, log: log);
        var ex = await Assert.ThrowsAsync<SinkDeliveryException>(() => SendAsync(sink, Outgoing("{}")));
        Assert.True(ex.IsTransient);
        Assert.Contains($"cannot connect to mqtt://127.0.0.1:{port}", ex.Message, StringComparison.Ordinal);

        await using var broker = await EmbeddedBroker.StartAsync(port: port);
        await using var subscriber = await TestClient.ConnectAsync(broker.Server);
        await subscriber.SubscribeAsync("later");
        await SendAsync(sink, Outgoing("{\"n\":1}"));
        Assert.Equal("{\"n\":1}", Encoding.UTF8.GetString((await subscriber.NextAsync()).Payload));

        // The broker drops the sink's connection: the next send reconnects.
        // The broker drops the sink's connection. Until the sink's client has noticed, a send fails as transient
        // ("connect/disconnect is pending"); the engine retries those, so this does too, and one goes through on a new
        // connection.
        await broker.Service.Server!.DisconnectClientAsync(sink.ClientId, new MQTTnet.Server.MqttServerClientDisconnectOptions()).WaitAsync(TimeSpan.FromSeconds(5));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                await SendAsync(sink, Outgoing("{\"n\":2}"));
                break;
            }
            catch (SinkDeliveryException retried) when (retried.IsTransient && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20); // the engine's retry delay, not a wait for something
            }
        }

        Assert.Equal("{\"n\":2}", Encoding.UTF8.GetString((await subscriber.NextAsync()).Payload));
        Assert.Equal(2, log.Lines.Count(l => l.Text == $"Sink bus connected to mqtt://127.0.0.1:{port}"));
    }

    [Fact]
    public async Task ConcurrentSendsFromSeveralRoutesAllArrive()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        await using var subscriber = await TestClient.ConnectAsync(broker.Server);
        await subscriber.SubscribeAsync("many/#");
        await using var sink = CreateSink(new MqttSinkOptions { Server = broker.Server, Topic = "many/{field:/n}" });
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => SendAsync(sink, Outgoing($"{{\"n\":{i}}}"))));
        var topics = new HashSet<string>();
        for (var i = 0; i < 50; i++)
        {
            topics.Add((await subscriber.NextAsync()).Topic);
        }

        Assert.Equal(50, topics.Count);
    }

    internal static MqttSink CreateSink(MqttSinkOptions options, string id = "bus", string format = FormatNames.Json, ListLogger? log = null)
    {
        var services = new ServiceCollection();
        services.AddGateway(new ConfigurationBuilder().Build().GetSection("Gateway")).AddJsonFormat();
        var context = new SinkContext(id, $"Gateway:Sinks:{id}", format, new FormatOptions(), services.BuildServiceProvider(), log ?? new ListLogger());
        return new MqttSink(options, context);
    }

    internal static OutgoingMessage Outgoing(string json, params (string Name, string Value)[] metadata)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var message = new Message(body, FormatNames.Json, "plc");
        foreach (var (name, value) in metadata)
        {
            message.Metadata[name] = value;
        }

        return new OutgoingMessage(message, body, FormatNames.Json);
    }

    internal static async Task SendAsync(MqttSink sink, OutgoingMessage message)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await sink.SendAsync(message, cts.Token);
    }
}
