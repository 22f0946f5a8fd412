using System.Text;
using Gateway.Core.Routing;
using Gateway.Transports.Mqtt;
using MQTTnet.Protocol;
using static Gateway.Tests.Transports.Mqtt.MqttSinkTests;

namespace Gateway.Tests.Transports.Mqtt;

/// <summary>The MQTT sink's batch path: every publish of a batch arrives in order; any failure fails the batch.</summary>
public class MqttSinkBatchTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(MqttQos.AtLeastOnce, 1)]
    [InlineData(MqttQos.AtLeastOnce, 16)]
    [InlineData(MqttQos.ExactlyOnce, 1)]
    [InlineData(MqttQos.ExactlyOnce, 16)]
    public async Task A_batch_is_published_in_order_and_acknowledged_as_a_whole(MqttQos qos, int publishWindow)
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        await using var subscriber = await TestClient.ConnectAsync(broker.Server);
        await subscriber.SubscribeAsync("batch/#");
        await using var sink = CreateSink(new MqttSinkOptions { Server = broker.Server, Topic = "batch/{meta:device}", Qos = qos, PublishWindow = publishWindow });
        var batch = Enumerable.Range(0, 200).Select(i => Outgoing($"{{\"n\":{i}}}", ("device", $"d{i % 3}"))).ToList();

        using var cts = new CancellationTokenSource(Timeout);
        await sink.SendBatchAsync(batch, cts.Token);

        var received = new List<(string Topic, string Body)>();
        for (var i = 0; i < batch.Count; i++)
        {
            var message = await subscriber.NextAsync();
            received.Add((message.Topic, Encoding.UTF8.GetString(message.Payload)));
        }

        Assert.Equal(Enumerable.Range(0, 200).Select(i => ($"batch/d{i % 3}", $"{{\"n\":{i}}}")), received);
    }

    [Fact]
    public async Task A_batch_with_an_unusable_topic_is_refused_for_good_before_anything_is_published()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        await using var subscriber = await TestClient.ConnectAsync(broker.Server);
        await subscriber.SubscribeAsync("ok/#");
        await using var sink = CreateSink(new MqttSinkOptions { Server = broker.Server, Topic = "ok/{meta:device}" });

        var ex = await Assert.ThrowsAsync<SinkDeliveryException>(
            () => sink.SendBatchAsync([Outgoing("{\"n\":1}", ("device", "a")), Outgoing("{\"n\":2}", ("device", "+"))], CancellationToken.None).AsTask().WaitAsync(Timeout));

        Assert.False(ex.IsTransient);
        Assert.Contains("{meta:device} gave '+', which contains '+'", ex.Message, StringComparison.Ordinal);
        await SendAsync(sink, Outgoing("{\"n\":3}", ("device", "a")));
        Assert.Equal("{\"n\":3}", Encoding.UTF8.GetString((await subscriber.NextAsync()).Payload));
    }

    [Fact]
    public async Task A_batch_in_which_the_broker_refuses_one_message_fails_so_the_engine_sends_them_one_by_one()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        broker.Service.Server!.InterceptingPublishAsync += e =>
        {
            if (e.ApplicationMessage.Topic == "guarded/no")
            {
                e.ProcessPublish = false;
                e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            }

            return Task.CompletedTask;
        };
        await using var subscriber = await TestClient.ConnectAsync(broker.Server);
        await subscriber.SubscribeAsync("guarded/#");
        await using var sink = CreateSink(new MqttSinkOptions { Server = broker.Server, Topic = "guarded/{meta:to}" });

        var ex = await Assert.ThrowsAsync<SinkDeliveryException>(
            () => sink.SendBatchAsync([Outgoing("{\"n\":1}", ("to", "yes")), Outgoing("{\"n\":2}", ("to", "no")), Outgoing("{\"n\":3}", ("to", "yes"))], CancellationToken.None).AsTask().WaitAsync(Timeout));

        Assert.False(ex.IsTransient);
        Assert.Contains("refused the message on topic 'guarded/no': NotAuthorized", ex.Message, StringComparison.Ordinal);
        // One after another (PublishWindow 1): the batch stops at the refusal; the engine then sends each on its own.
        Assert.Equal("{\"n\":1}", Encoding.UTF8.GetString((await subscriber.NextAsync()).Payload));
    }

    [Fact]
    public async Task A_batch_while_the_broker_is_down_fails_as_transient()
    {
        var port = MqttInputTests.FreePort();
        await using var sink = CreateSink(new MqttSinkOptions { Server = $"mqtt://127.0.0.1:{port}", Topic = "t", ConnectTimeout = TimeSpan.FromSeconds(2) });

        var ex = await Assert.ThrowsAsync<SinkDeliveryException>(
            () => sink.SendBatchAsync([Outgoing("{}"), Outgoing("{}")], CancellationToken.None).AsTask().WaitAsync(Timeout));

        Assert.True(ex.IsTransient);
        Assert.Contains($"cannot connect to mqtt://127.0.0.1:{port}", ex.Message, StringComparison.Ordinal);
    }
}
