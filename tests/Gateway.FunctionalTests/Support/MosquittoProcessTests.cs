using MQTTnet.Protocol;

namespace Gateway.FunctionalTests.Support;

/// <summary>The mosquitto fixture and the MQTT test client work together (what every MQTT test builds on).</summary>
public sealed class MosquittoProcessTests(ITestOutputHelper output)
{
    [RequiresMosquittoFact]
    public async Task Publishes_and_receives_through_a_real_mosquitto()
    {
        await using var broker = await MosquittoProcess.StartAsync(output);
        await using var subscriber = await MqttTestClient.ConnectAsync(broker.Port);
        await using var publisher = await MqttTestClient.ConnectAsync(broker.Port);
        await subscriber.SubscribeAsync("ft/+/data");

        await publisher.PublishAsync("ft/7/data", "<a>1</a>", MqttQualityOfServiceLevel.AtLeastOnce, userProperties: new Dictionary<string, string> { ["k"] = "v" });
        await publisher.PublishAsync("ft/other", "ignored");
        var received = await subscriber.WaitForMessagesAsync(1);

        var message = Assert.Single(received);
        Assert.Equal("ft/7/data", message.Topic);
        Assert.Equal("<a>1</a>", message.Text);
        Assert.Equal(1, message.Qos);
        Assert.Equal("v", message.UserProperty("k"));
        Assert.StartsWith("mqtt://127.0.0.1:", broker.Server, StringComparison.Ordinal);
    }
}
