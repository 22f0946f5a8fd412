using System.Text.Json;
using Gateway.FunctionalTests.Support;

namespace Gateway.FunctionalTests.Mqtt;

/// <summary>A real mosquitto, the gateway's Mqtt input, and Mqtt and HTTP sinks: templated topics, bad payloads, QoS 1 redelivery.</summary>
public sealed class MqttRoutingTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _deadLetters = new("gateway-ft-dead-");

    public void Dispose() => _deadLetters.Dispose();

    [RequiresMosquittoFact]
    public async Task Xml_readings_from_mosquitto_reach_an_mqtt_sink_on_a_templated_topic_and_an_http_sink()
    {
        await using var broker = await MosquittoProcess.StartAsync(output);
        await using var api = await HttpCaptureServer.StartAsync();
        await using var gateway = await GatewayProcess.StartAsync($$"""
            { "Gateway": {
                "DeadLetters": { "Folder": {{GatewayConfig.Quote(_deadLetters.Path)}} },
                "Inputs": { "sensors": { "Type": "Mqtt", "Server": "{{broker.Server}}", "ClientId": "{{ClientId()}}", "Topic": "sensors/+/data", "Qos": 1, "Format": "Xml" } },
                "Sinks": {
                  "bus": { "Type": "Mqtt", "Server": "{{broker.Server}}", "Topic": "normalized/{input}/{topic[1]}/{field:/reading/@id}", "Qos": 1, "UserProperties": [ "site" ] },
                  "api": { "Type": "Http", "Url": "{{api.Url("/readings/{topic[1]}")}}" } },
                "Routes": { "r": { "Input": "sensors", "Sinks": [ "bus", "api" ] } } } }
            """, output);
        await gateway.WaitForLogAsync("Input sensors listening on", Timeouts.Start);
        await using var device = await MqttTestClient.ConnectAsync(broker.Port);
        await using var consumer = await MqttTestClient.ConnectAsync(broker.Port);
        await consumer.SubscribeAsync("normalized/#");

        await device.PublishAsync("sensors/dev7/data", """<reading id="r1"><temp unit="C">21.5</temp></reading>""", userProperties: new Dictionary<string, string> { ["site"] = "north" });
        var published = Assert.Single(await consumer.WaitForMessagesAsync(1));
        var posted = Assert.Single(await api.WaitForAcceptedAsync(1));

        Assert.Equal("normalized/sensors/dev7/r1", published.Topic);
        Assert.Equal("north", published.UserProperty("site"));
        var reading = JsonDocument.Parse(published.Payload).RootElement.GetProperty("reading");
        Assert.Equal("r1", reading.GetProperty("@id").GetString());
        Assert.Equal("21.5", reading.GetProperty("temp").GetProperty("#text").GetString());
        Assert.Equal("/readings/dev7", posted.Path);
        Assert.Equal(published.Text, posted.BodyText);
    }

    [RequiresMosquittoFact]
    public async Task A_malformed_payload_is_logged_and_dead_lettered_with_its_topic_and_later_messages_still_flow()
    {
        await using var broker = await MosquittoProcess.StartAsync(output);
        await using var api = await HttpCaptureServer.StartAsync();
        await using var gateway = await GatewayProcess.StartAsync($$"""
            { "Gateway": {
                "DeadLetters": { "Folder": {{GatewayConfig.Quote(_deadLetters.Path)}} },
                "Inputs": { "sensors": { "Type": "Mqtt", "Server": "{{broker.Server}}", "ClientId": "{{ClientId()}}", "Topic": "sensors/#", "Format": "Xml" } },
                "Sinks": { "api": { "Type": "Http", "Url": "{{api.Url("/readings")}}" } },
                "Routes": { "r": { "Input": "sensors", "Sinks": [ "api" ] } } } }
            """, output);
        await gateway.WaitForLogAsync("Input sensors listening on", Timeouts.Start);
        await using var device = await MqttTestClient.ConnectAsync(broker.Port);

        await device.PublishAsync("sensors/a", "<reading><temp>21</reading>");
        var dead = Assert.Single(await DeadLetterFolderReader.WaitForAsync(_deadLetters.Path, 1));
        await device.PublishAsync("sensors/b", "<reading><temp>22</temp></reading>");
        var delivered = Assert.Single(await api.WaitForAcceptedAsync(1));
        await gateway.WaitForLogAsync("failed conversion");

        Assert.Equal("convert", dead.Stage);
        Assert.Equal("sensors", dead.Input);
        Assert.Equal("sensors/a", dead.Metadata["topic"]);
        Assert.Equal("<reading><temp>21</reading>", dead.BodyText);
        Assert.Equal("22", JsonDocument.Parse(delivered.Body).RootElement.GetProperty("reading").GetProperty("temp").GetString());
    }

    [RequiresMosquittoFact]
    public async Task A_qos1_message_not_yet_delivered_when_the_gateway_is_killed_is_redelivered_after_a_restart()
    {
        await using var broker = await MosquittoProcess.StartAsync(output);
        await using var api = await HttpCaptureServer.StartAsync();
        api.ResponseStatus = 503; // up, but failing: the gateway keeps retrying and never acknowledges to the broker
        using var work = new TempDirectory("gateway-ft-work-");
        var config = $$"""
            { "Gateway": {
                "DeadLetters": { "Folder": {{GatewayConfig.Quote(_deadLetters.Path)}} },
                "Inputs": { "orders": { "Type": "Mqtt", "Server": "{{broker.Server}}", "ClientId": "{{ClientId()}}", "Topic": "orders/in", "Qos": 1, "Format": "Json" } },
                "Sinks": { "api": { "Type": "Http", "Url": "{{api.Url("/orders")}}", "AttemptTimeout": "00:00:02",
                                    "Retry": { "MaxAttempts": 1000, "Delay": "00:00:00.100", "MaxDelay": "00:00:00.200" } } },
                "Routes": { "r": { "Input": "orders", "Sinks": [ "api" ] } } } }
            """;
        var options = new GatewayStartOptions { ConfigJson = config, WorkingDirectory = work.Path, Log = output };
        await using (var first = await GatewayProcess.StartAsync(options))
        {
            await first.WaitForLogAsync("Input orders listening on", Timeouts.Start);
            await using var shop = await MqttTestClient.ConnectAsync(broker.Port);
            await shop.PublishAsync("orders/in", """{"order":17}""");
            await api.WaitForRequestsAsync(2); // the gateway has the message and is retrying it

            await first.KillAsync();
        }

        api.ResponseStatus = 200;
        var refusedBeforeRestart = api.Requests.Count;
        await using var second = await GatewayProcess.StartAsync(options);
        var delivered = await api.WaitForAcceptedAsync(1);

        Assert.Equal(17, JsonDocument.Parse(Assert.Single(delivered).Body).RootElement.GetProperty("order").GetInt32());
        Assert.All(api.Requests.Take(refusedBeforeRestart), r => Assert.Equal(503, r.AnsweredStatus));
        Assert.Empty(DeadLetterFolderReader.Read(_deadLetters.Path));
    }

    private static string ClientId() => "ft-gw-" + Guid.NewGuid().ToString("N")[..10];
}
