using System.Text;
using Gateway.Core.Messages;
using Gateway.Transports.Mqtt;

namespace Gateway.Tests.Transports.Mqtt;

public class MosquittoTests
{
    [MosquittoFact]
    public async Task ASharedGroupSplitsTheMessagesBetweenGateways()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var first = new FakeDispatcher();
        var second = new FakeDispatcher();
        var a = await MqttInputHarness.StartAsync(new MqttInputOptions { Server = broker.Server, Topic = ["jobs/#"], SharedGroup = "workers", ClientId = "worker-a" }, first, new ListLogger());
        var b = await MqttInputHarness.StartAsync(new MqttInputOptions { Server = broker.Server, Topic = ["jobs/#"], SharedGroup = "workers", ClientId = "worker-b" }, second, new ListLogger());
        var stopped = false;
        try
        {
            await using var device = await TestClient.ConnectAsync(broker.Server);
            for (var i = 0; i < 20; i++)
            {
                await device.PublishAsync($"jobs/{i}", $"job {i}");
            }

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (first.All.Count + second.All.Count < 20 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            // Stopped inputs take nothing more: what they hold now is all they will ever hand over (no duplicates).
            stopped = true;
            await MqttInputHarness.StopAsync(a);
            await MqttInputHarness.StopAsync(b);
            var bodies = first.All.Concat(second.All).Select(m => Encoding.UTF8.GetString(m.Body.Span)).Order(StringComparer.Ordinal);
            Assert.Equal(Enumerable.Range(0, 20).Select(i => $"job {i}").Order(StringComparer.Ordinal), bodies);
            Assert.NotEmpty(first.All);
            Assert.NotEmpty(second.All);
        }
        finally
        {
            if (!stopped)
            {
                await MqttInputHarness.StopAsync(a);
                await MqttInputHarness.StopAsync(b);
            }
        }
    }

    [MosquittoFact]
    public async Task AQos1MessageWhoseSinksDidNotFinishComesAgainAfterARestart()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var held = new FakeDispatcher { HoldDeliveries = true };
        var input = await MqttInputHarness.StartAsync(new MqttInputOptions { Server = broker.Server, Topic = ["orders/#"], ClientId = "orders-gw" }, held, new ListLogger());
        await using (var device = await TestClient.ConnectAsync(broker.Server))
        {
            await device.PublishAsync("orders/7", "order 7");
        }

        Assert.Equal("order 7", Encoding.UTF8.GetString((await held.NextAsync()).Body.Span));
        await MqttInputHarness.StopAsync(input);

        // Nothing is held this time: stopping waits (without a short grace) until the acknowledgement went out.
        var restarted = new FakeDispatcher();
        input = await MqttInputHarness.StartAsync(
            new MqttInputOptions { Server = broker.Server, Topic = ["orders/#"], ClientId = "orders-gw" }, restarted, new ListLogger(), disposeGrace: TimeSpan.FromSeconds(10));
        Assert.Equal("order 7", await restarted.NextBodyAsync());
        await MqttInputHarness.StopAsync(input);

        // A third start gets only what is published after it: the marker, not order 7 again.
        var third = new FakeDispatcher();
        input = await MqttInputHarness.StartAsync(new MqttInputOptions { Server = broker.Server, Topic = ["orders/#"], ClientId = "orders-gw" }, third, new ListLogger());
        await using (var device = await TestClient.ConnectAsync(broker.Server))
        {
            await device.PublishAsync("orders/end", "marker");
        }

        Assert.Equal("marker", await third.NextBodyAsync());
        await MqttInputHarness.StopAsync(input);
    }

    [MosquittoFact]
    public async Task SinkToInputThroughMosquittoWithTemplatedTopicsAndUserProperties()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var dispatcher = new FakeDispatcher();
        var input = await MqttInputHarness.StartAsync(new MqttInputOptions { Server = broker.Server, Topic = ["normalized/+/+"] }, dispatcher, new ListLogger());
        try
        {
            await using var sink = MqttSinkTests.CreateSink(new MqttSinkOptions
            {
                Server = broker.Server,
                Topic = "normalized/{input}/{field:/kind}",
                UserProperties = new ForwardedMetadata { All = true },
                Qos = MqttQos.ExactlyOnce,
            });
            await MqttSinkTests.SendAsync(sink, MqttSinkTests.Outgoing("{\"kind\":\"temp\"}", ("device", "d1")));
            var message = await dispatcher.NextAsync();
            Assert.Equal("normalized/plc/temp", message.Metadata["topic"]);
            Assert.Equal("d1", message.Metadata["device"]);
            Assert.Equal("{\"kind\":\"temp\"}", Encoding.UTF8.GetString(message.Body.Span));

            await using var v311 = MqttSinkTests.CreateSink(new MqttSinkOptions { Server = broker.Server, Topic = "normalized/old/{field:/kind}", ProtocolVersion = Gateway.Transports.Mqtt.MqttProtocolVersion.V311 });
            await MqttSinkTests.SendAsync(v311, MqttSinkTests.Outgoing("{\"kind\":\"rpm\"}"));
            Assert.Equal("normalized/old/rpm", (await dispatcher.NextAsync()).Metadata["topic"]);
        }
        finally
        {
            await MqttInputHarness.StopAsync(input);
        }
    }
}
