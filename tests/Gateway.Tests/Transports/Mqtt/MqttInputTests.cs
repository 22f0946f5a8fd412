using System.Net;
using System.Net.Sockets;
using System.Text;
using Gateway.Core.Templates;
using Gateway.Transports.Mqtt;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace Gateway.Tests.Transports.Mqtt;

public class MqttInputTests
{
    [Fact]
    public async Task AMessageBecomesAGatewayMessageWithTopicQosRetainAndUserProperties()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        var dispatcher = new FakeDispatcher();
        var log = new ListLogger();
        var input = await MqttInputHarness.StartAsync(new MqttInputOptions { Server = broker.Server, Topic = ["sensors/+/data"] }, dispatcher, log);
        try
        {
            Assert.Contains(log.Lines, l => l.Level == LogLevel.Information && l.Text == $"Input sensors listening on mqtt://127.0.0.1:{broker.Port}");
            await using var device = await TestClient.ConnectAsync(broker.Server);
            await device.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic("sensors/d1/data")
                .WithPayload("{\"t\":21.5}")
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithUserProperty("device", Encoding.UTF8.GetBytes("d1").AsMemory())
                .WithUserProperty("site", Encoding.UTF8.GetBytes("north").AsMemory())
                .Build());

            var message = await dispatcher.NextAsync();
            Assert.Equal("{\"t\":21.5}", Encoding.UTF8.GetString(message.Body.Span));
            Assert.Equal("Json", message.Format);
            Assert.Equal("sensors", message.InputId);
            Assert.Equal("sensors/d1/data", message.Metadata[MessageTemplate.TopicMetadataKey]);
            Assert.Equal("1", message.Metadata["qos"]);
            Assert.Equal("false", message.Metadata["retain"]);
            Assert.Equal("d1", message.Metadata["device"]);
            Assert.Equal("north", message.Metadata["site"]);
        }
        finally
        {
            await MqttInputHarness.StopAsync(input);
        }
    }

    [Fact]
    public async Task SeveralTopicFiltersAndTheConfiguredFormat()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        var dispatcher = new FakeDispatcher();
        var input = await MqttInputHarness.StartAsync(
            new MqttInputOptions { Server = broker.Server, Topic = ["plant/#", "line/one"], Qos = MqttQos.AtMostOnce, ProtocolVersion = Gateway.Transports.Mqtt.MqttProtocolVersion.V311 },
            dispatcher,
            new ListLogger(),
            format: "Xml");
        try
        {
            await using var device = await TestClient.ConnectAsync(broker.Server);
            await device.PublishAsync("other/x", "<no/>");
            await device.PublishAsync("plant/a/b", "<a/>");
            await device.PublishAsync("line/one", "<b/>");
            await device.PublishAsync("other/y", "<no/>");
            await device.PublishAsync("line/two", "<no/>");
            await device.PublishAsync("plant/end", "<end/>");
            var first = await dispatcher.NextAsync();
            var second = await dispatcher.NextAsync();
            Assert.Equal("Xml", first.Format);
            Assert.Equal("0", first.Metadata["qos"]);

            // The marker published last comes third: nothing from other/ nor line/two came in between.
            Assert.Equal(["plant/a/b", "line/one", "plant/end"], new[] { first.Metadata["topic"], second.Metadata["topic"], (await dispatcher.NextAsync()).Metadata["topic"] });
        }
        finally
        {
            await MqttInputHarness.StopAsync(input);
        }
    }

    [Fact]
    public async Task AQos1MessageIsAcknowledgedToTheBrokerOnlyAfterItsRoutesStoredIt()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        var stored = false;
        broker.Observer = () => Volatile.Read(ref stored) ? "stored" : "not stored";
        var held = new FakeDispatcher { HoldDeliveries = true };
        var input = await MqttInputHarness.StartAsync(
            new MqttInputOptions { Server = broker.Server, Topic = ["acks/#"], ClientId = "ack-order-input" }, held, new ListLogger());
        try
        {
            await using var device = await TestClient.ConnectAsync(broker.Server);
            await device.PublishAsync("acks/1", "first");
            await held.NextAsync();

            // A second message behind the first: by the time the input dispatched it, it has done everything it does
            // for the first one until the routes store it (an early acknowledgement would be on its way).
            await device.PublishAsync("acks/2", "second");
            await held.NextAsync();

            Volatile.Write(ref stored, true);
            held.ReleaseAll();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (broker.Acknowledged.Count(a => a.ClientId == "ack-order-input") < 2)
            {
                Assert.True(DateTime.UtcNow < deadline, "the input did not acknowledge the stored messages");
                await Task.Delay(10);
            }

            Assert.Equal(
                [("acks/1", "stored"), ("acks/2", "stored")],
                broker.Acknowledged.Where(a => a.ClientId == "ack-order-input").Select(a => (a.Topic, a.Observed)));
        }
        finally
        {
            await MqttInputHarness.StopAsync(input);
        }
    }

    [Fact]
    public async Task AMessageNotYetDeliveredComesAgainAfterTheConnectionIsCutAndItIsNotLostOnDispose()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        var options = new MqttInputOptions { Server = broker.Server, Topic = ["orders/#"], ClientId = "redelivery-input" };
        var held = new FakeDispatcher { HoldDeliveries = true };
        var log = new ListLogger();
        var input = await MqttInputHarness.StartAsync(options, held, log);
        await using (var device = await TestClient.ConnectAsync(broker.Server))
        {
            await device.PublishAsync("orders/1", "first");
        }

        Assert.Equal("first", Encoding.UTF8.GetString((await held.NextAsync()).Body.Span));

        // The connection dies (as when the broker or the network cuts it) while the sinks still work on the message.
        await broker.Service.Server!.DisconnectClientAsync("redelivery-input", new MQTTnet.Server.MqttServerClientDisconnectOptions()).WaitAsync(TimeSpan.FromSeconds(5));
        var again = await held.NextAsync();
        Assert.Equal("first", Encoding.UTF8.GetString(again.Body.Span));

        // The gateway stops (or dies) before the sinks finish: nothing was acknowledged.
        await MqttInputHarness.StopAsync(input);

        var restarted = new FakeDispatcher();
        input = await MqttInputHarness.StartAsync(
            new MqttInputOptions { Server = broker.Server, Topic = ["orders/#"], ClientId = "redelivery-input" }, restarted, new ListLogger());
        Assert.Equal("first", Encoding.UTF8.GetString((await restarted.NextAsync()).Body.Span));
        var acknowledged = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!broker.Acknowledged.Any(a => a.ClientId == "redelivery-input"))
        {
            Assert.True(DateTime.UtcNow < acknowledged, "the stored message was not acknowledged");
            await Task.Delay(10);
        }

        await MqttInputHarness.StopAsync(input);

        // That time the sinks finished, so it was acknowledged: a third start gets nothing.
        var third = new FakeDispatcher();
        input = await MqttInputHarness.StartAsync(
            new MqttInputOptions { Server = broker.Server, Topic = ["orders/#"], ClientId = "redelivery-input" }, third, new ListLogger());
        await using (var device = await TestClient.ConnectAsync(broker.Server))
        {
            await device.PublishAsync("orders/end", "marker");
        }

        Assert.Equal("marker", await third.NextBodyAsync());
        await MqttInputHarness.StopAsync(input);
    }

    [Fact]
    public async Task AtMostMaxInFlightMessagesWaitForTheirSinks()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        var dispatcher = new FakeDispatcher { HoldDeliveries = true };
        var input = await MqttInputHarness.StartAsync(
            new MqttInputOptions { Server = broker.Server, Topic = ["bulk/#"], MaxInFlight = 2, ClientId = "inflight-input" }, dispatcher, new ListLogger());
        try
        {
            await using var device = await TestClient.ConnectAsync(broker.Server);
            for (var i = 0; i < 5; i++)
            {
                await device.PublishAsync($"bulk/{i}", $"m{i}");
            }

            await dispatcher.NextAsync();
            await dispatcher.NextAsync();

            // Nothing signals a hand-over that does not happen, so this one waits: a broken bound fails here, a slow
            // machine could only make it pass wrongly, never fail wrongly.
            Assert.True(await dispatcher.NothingWithinAsync(TimeSpan.FromMilliseconds(500)), "a third message was handed over while two waited for their sinks");
            dispatcher.HoldDeliveries = false;
            dispatcher.ReleaseAll();
            for (var i = 2; i < 5; i++)
            {
                Assert.Equal($"m{i}", Encoding.UTF8.GetString((await dispatcher.NextAsync()).Body.Span));
            }
        }
        finally
        {
            await MqttInputHarness.StopAsync(input);
        }
    }

    [Fact]
    public async Task AFullRouteDoesNotKeepTheInputFromReconnecting()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = new FakeDispatcher { Gate = gate };
        var log = new ListLogger();
        var input = await MqttInputHarness.StartAsync(new MqttInputOptions { Server = broker.Server, Topic = ["full/#"], ClientId = "full-route-input" }, dispatcher, log);
        try
        {
            await using (var device = await TestClient.ConnectAsync(broker.Server))
            {
                await device.PublishAsync("full/1", "waits");
            }

            await dispatcher.FirstArrived.WaitAsync(TimeSpan.FromSeconds(10));
            await broker.Service.Server!.DisconnectClientAsync("full-route-input", new MQTTnet.Server.MqttServerClientDisconnectOptions()).WaitAsync(TimeSpan.FromSeconds(5));
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (log.Lines.Count(l => l.Text.StartsWith("Input sensors listening on", StringComparison.Ordinal)) < 2)
            {
                Assert.True(DateTime.UtcNow < deadline, "the input did not reconnect while its route was full");
                await Task.Delay(20);
            }

            Assert.Empty(dispatcher.All);
            gate.SetResult();
            Assert.Equal("waits", Encoding.UTF8.GetString((await dispatcher.NextAsync()).Body.Span));
        }
        finally
        {
            await MqttInputHarness.StopAsync(input);
        }
    }

    [Fact]
    public async Task ABrokerThatIsDownIsRetriedWithAWarningPerAttemptUntilItComesUp()
    {
        var port = FreePort();
        var log = new ListLogger();
        var dispatcher = new FakeDispatcher();
        var input = await MqttInputHarness.StartAsync(
            new MqttInputOptions { Server = $"mqtt://127.0.0.1:{port}", Topic = ["late/#"] }, dispatcher, log, waitUntilListening: false);
        try
        {
            await log.WaitForAsync("(attempt 2)");
            Assert.Contains(log.Lines, l => l.Level == LogLevel.Warning && l.Text.StartsWith($"Input sensors cannot connect to mqtt://127.0.0.1:{port} (attempt 1)", StringComparison.Ordinal));
            await using var broker = await StartBrokerOnAsync(port);
            await log.WaitForAsync("Input sensors listening on");
            await using var device = await TestClient.ConnectAsync(broker.Server);
            await device.PublishAsync("late/x", "made it");
            Assert.Equal("made it", Encoding.UTF8.GetString((await dispatcher.NextAsync()).Body.Span));
        }
        finally
        {
            await MqttInputHarness.StopAsync(input);
        }
    }

    [Fact]
    public async Task ASharedGroupTheBrokerRefusesIsReportedAndRetried()
    {
        // MQTTnet's server (the embedded broker) has no shared subscriptions; mosquitto has (see MosquittoTests).
        await using var broker = await EmbeddedBroker.StartAsync();
        var log = new ListLogger();
        var input = await MqttInputHarness.StartAsync(
            new MqttInputOptions { Server = broker.Server, Topic = ["jobs/#"], SharedGroup = "workers" }, new FakeDispatcher(), log, waitUntilListening: false);
        try
        {
            await log.WaitForAsync("$share/workers/jobs/#: SharedSubscriptionsNotSupported");
            Assert.False(log.Contains("listening on"));
        }
        finally
        {
            await MqttInputHarness.StopAsync(input);
        }
    }

    [Fact]
    public void TheDefaultClientIdIsStableAndNamesTheInput()
    {
        var first = new MqttInput(new MqttInputOptions { Server = "mqtt://127.0.0.1", Topic = ["a"] }, Context("plc lines"));
        var second = new MqttInput(new MqttInputOptions { Server = "mqtt://127.0.0.1", Topic = ["a"] }, Context("plc lines"));
        Assert.Equal(first.ClientId, second.ClientId);
        Assert.Equal($"gateway-{Environment.MachineName}-input-plc_lines", first.ClientId);
        var longId = new MqttInput(new MqttInputOptions { Server = "mqtt://127.0.0.1", Topic = ["a"] }, Context(new string('x', 100)));
        Assert.Equal(64, longId.ClientId.Length);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static async Task<EmbeddedBroker> StartBrokerOnAsync(int port)
    {
        var broker = await EmbeddedBroker.StartAsync(port: port);
        return broker;
    }

    private static Gateway.Core.Routing.InputContext Context(string id) => new(
        id, $"Gateway:Inputs:{id}", null, new Gateway.Core.Formats.FormatOptions(), new FakeDispatcher(),
        new ServiceCollection().BuildServiceProvider(), new ListLogger());
}
