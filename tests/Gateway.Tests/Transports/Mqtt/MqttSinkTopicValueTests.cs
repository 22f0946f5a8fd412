using Gateway.Core.Routing;
using Gateway.Transports.Mqtt;

namespace Gateway.Tests.Transports.Mqtt;

/// <summary>A value filled into an MQTT topic cannot add topic levels or wildcards: such a message is refused for good.</summary>
public class MqttSinkTopicValueTests
{
    [Theory]
    [InlineData("{\"id\":\"a/b\"}", "{field:/id} gave 'a/b', which contains '/'")]
    [InlineData("{\"id\":\"#\"}", "{field:/id} gave '#', which contains '#'")]
    [InlineData("{\"id\":\"x+\"}", "{field:/id} gave 'x+', which contains '+'")]
    [InlineData("{\"id\":\"a\\u0000b\"}", "{field:/id} gave 'a\\0b', which contains NUL")]
    public async Task A_field_value_with_a_separator_or_a_wildcard_is_a_permanent_failure(string json, string expected)
    {
        await using var sink = MqttSinkTests.CreateSink(new MqttSinkOptions { Server = "mqtt://127.0.0.1:1", Topic = "orders/{field:/id}/new" });

        var refused = await Assert.ThrowsAsync<SinkDeliveryException>(() => MqttSinkTests.SendAsync(sink, MqttSinkTests.Outgoing(json)));

        Assert.False(refused.IsTransient);
        Assert.StartsWith($"MQTT sink bus: {expected}; a placeholder fills one topic level and may not contain '/', '+', '#' or NUL ({{topic}} may contain '/').", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_whole_topic_may_keep_its_levels_and_a_plain_value_fills_one()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        await using var subscriber = await TestClient.ConnectAsync(broker.Server);
        await subscriber.SubscribeAsync("copy/#");
        await using var sink = MqttSinkTests.CreateSink(new MqttSinkOptions { Server = broker.Server, Topic = "copy/{topic}/{field:/id}" });

        await MqttSinkTests.SendAsync(sink, MqttSinkTests.Outgoing("{\"id\":\"o-7\"}", ("topic", "plants/1/orders")));

        Assert.Equal("copy/plants/1/orders/o-7", (await subscriber.NextAsync()).Topic);
    }

    [Fact]
    public async Task The_whole_topic_may_not_bring_a_wildcard()
    {
        await using var sink = MqttSinkTests.CreateSink(new MqttSinkOptions { Server = "mqtt://127.0.0.1:1", Topic = "copy/{topic}" });

        var refused = await Assert.ThrowsAsync<SinkDeliveryException>(() => MqttSinkTests.SendAsync(sink, MqttSinkTests.Outgoing("{}", ("topic", "plants/#"))));

        Assert.StartsWith("MQTT sink bus: {topic} gave 'plants/#', which contains '#'", refused.Message, StringComparison.Ordinal);
    }
}
