using System.Collections.Concurrent;
using Gateway.Core.Health;
using Gateway.Core.Routing;
using Gateway.Transports.Mqtt;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;

namespace Gateway.Tests.Transports.Mqtt;

/// <summary>
/// The MQTT input when things go wrong: its health while the broker is away, a lost connection, a dispatch or a
/// commit that fails (the message stays unacknowledged, its in-flight slot is freed), and what it asks the broker for
/// when it connects (the receive maximum and the session it keeps).
/// </summary>
public class MqttInputFailureTests
{
    [Fact]
    public async Task HealthSaysConnectingThenReconnectingWithTheErrorThenSubscribedAndALostConnectionIsLogged()
    {
        var port = MqttInputTests.FreePort();
        var server = $"mqtt://127.0.0.1:{port}";
        var log = new ListLogger();
        var options = new MqttInputOptions { Server = server, Topic = ["health/#"], ClientId = "health-input", ReconnectDelay = TimeSpan.FromMilliseconds(100), MaxReconnectDelay = TimeSpan.FromMilliseconds(300) };
        var input = new MqttInput(options, Context(new FakeDispatcher(), log)) { DisposeGrace = TimeSpan.FromMilliseconds(200) };
        Assert.Equal(new ComponentHealth(ComponentState.Starting, $"connecting to {server}"), input.Health);

        await input.StartAsync(CancellationToken.None);
        try
        {
            // The error the health names is the one the warning names (set before the warning is logged).
            var prefix = $"Input sensors cannot connect to {server} (attempt 1): ";
            await log.WaitForAsync(prefix);
            var warning = log.Lines.First(l => l.Text.StartsWith(prefix, StringComparison.Ordinal)).Text;
            var error = warning[prefix.Length..warning.IndexOf("; retrying in ", StringComparison.Ordinal)];
            Assert.Equal(ComponentHealth.Down($"reconnecting to {server}: {error}"), input.Health);

            var broker = await MqttInputTests.StartBrokerOnAsync(port);
            try
            {
                await ConnectedThenCutAsync(input, broker, log, server);
            }
            finally
            {
                await broker.DisposeAsync();
            }

            // Reconnected after a good connection: the next failure counts from the first attempt again.
            await UntilAsync(() => log.Lines.Count(l => l.Text.StartsWith(prefix, StringComparison.Ordinal)) == 2, "no new first attempt after the broker went away again");
        }
        finally
        {
            await MqttInputHarness.StopAsync(input);
        }
    }

    [Fact]
    public async Task Qos0MessagesTakeNoInFlightSlot()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        var held = new FakeDispatcher { HoldDeliveries = true };
        var input = await MqttInputHarness.StartAsync(
            new MqttInputOptions { Server = broker.Server, Topic = ["q0/#"], Qos = MqttQos.AtMostOnce, MaxInFlight = 1 }, held, new ListLogger());
        try
        {
            await using var device = await TestClient.ConnectAsync(broker.Server);
            for (var i = 0; i < 3; i++)
            {
                await device.PublishAsync($"q0/{i}", $"m{i}", MqttQualityOfServiceLevel.AtMostOnce);
            }

            // None is ever stored (held), yet all three are handed over: a QoS 0 message waits for no acknowledgement.
            Assert.Equal(["m0", "m1", "m2"], [await held.NextBodyAsync(), await held.NextBodyAsync(), await held.NextBodyAsync()]);
        }
        finally
        {
            held.ReleaseAll();
            await MqttInputHarness.StopAsync(input);
        }
    }

    [Fact]
    public async Task AFailedDispatchIsLoggedLeavesTheMessageUnacknowledgedAndFreesItsSlot()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        var dispatcher = new FakeDispatcher { FailNextDispatch = new IOException("the route log is unavailable") };
        var log = new ListLogger();
        var input = await MqttInputHarness.StartAsync(
            new MqttInputOptions { Server = broker.Server, Topic = ["fail/#"], MaxInFlight = 1, ClientId = "dispatch-failure-input" }, dispatcher, log);
        try
        {
            await using var device = await TestClient.ConnectAsync(broker.Server);
            await device.PublishAsync("fail/1", "refused");
            await log.WaitForAsync("Input sensors could not hand over a message from topic fail/1; the broker redelivers it after a reconnect");
            Assert.Contains(log.Lines, l => l.Level == LogLevel.Warning && l.Text.StartsWith("Input sensors could not hand over", StringComparison.Ordinal));

            // The one slot is free again: the next message is handed over and acknowledged, the failed one is not.
            await device.PublishAsync("fail/2", "taken");
            Assert.Equal("taken", await dispatcher.NextBodyAsync());
            await UntilAsync(() => broker.Acknowledged.Any(a => a.ClientId == "dispatch-failure-input"), "the stored message was not acknowledged");
            Assert.Equal(["fail/2"], broker.Acknowledged.Where(a => a.ClientId == "dispatch-failure-input").Select(a => a.Topic));
        }
        finally
        {
            await MqttInputHarness.StopAsync(input);
        }
    }

    [Fact]
    public async Task AFailedCommitIsNotAcknowledgedAndFreesItsSlot()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        var dispatcher = new FakeDispatcher { FailCommits = new IOException("disk full") };
        var log = new ListLogger();
        var input = await MqttInputHarness.StartAsync(
            new MqttInputOptions { Server = broker.Server, Topic = ["commit/#"], MaxInFlight = 1, ClientId = "commit-failure-input" }, dispatcher, log);
        try
        {
            await using var device = await TestClient.ConnectAsync(broker.Server);
            await device.PublishAsync("commit/1", "lost");
            Assert.Equal("lost", await dispatcher.NextBodyAsync());
            await log.WaitForAsync("Input sensors could not acknowledge a message on topic commit/1: disk full; the broker redelivers it");

            dispatcher.FailCommits = null;
            await device.PublishAsync("commit/2", "stored");
            Assert.Equal("stored", await dispatcher.NextBodyAsync());
            await UntilAsync(() => broker.Acknowledged.Any(a => a.ClientId == "commit-failure-input"), "the stored message was not acknowledged");
            Assert.Equal(["commit/2"], broker.Acknowledged.Where(a => a.ClientId == "commit-failure-input").Select(a => a.Topic));
        }
        finally
        {
            await MqttInputHarness.StopAsync(input);
        }
    }

    [Theory]
    [InlineData(false, 120L)]
    [InlineData(true, 0L)]
    public async Task AVersion5InputAsksForMaxInFlightMessagesAndKeepsItsSessionForSessionExpiry(bool cleanSession, long expiry)
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        var connects = new ConcurrentQueue<(int ReceiveMaximum, long SessionExpiry, bool? CleanSession)>();
        broker.Service.Server!.ValidatingConnectionAsync += e =>
        {
            connects.Enqueue((e.ReceiveMaximum, e.SessionExpiryInterval, e.CleanSession));
            return Task.CompletedTask;
        };
        var options = new MqttInputOptions { Server = broker.Server, Topic = ["v5/#"], MaxInFlight = 3, CleanSession = cleanSession, SessionExpiry = TimeSpan.FromMinutes(2) };

        var log = new ListLogger();
        var input = await MqttInputHarness.StartAsync(options, new FakeDispatcher(), log);
        await MqttInputHarness.StopAsync(input);

        Assert.Equal((3, expiry, (bool?)cleanSession), Assert.Single(connects));

        // Stopping closes the connection on purpose: that is not a lost connection.
        Assert.DoesNotContain(log.Lines, l => l.Text.Contains("lost its connection", StringComparison.Ordinal));
    }

    /// <summary>Up once listening; then the broker cuts the connection: a warning, and the input connects again.</summary>
    private static async Task ConnectedThenCutAsync(MqttInput input, EmbeddedBroker broker, ListLogger log, string server)
    {
        await log.WaitForAsync("Input sensors listening on");
        Assert.Equal(ComponentHealth.Up($"subscribed at {server}"), input.Health);

        await broker.Service.Server!.DisconnectClientAsync("health-input", new MQTTnet.Server.MqttServerClientDisconnectOptions()).WaitAsync(TimeSpan.FromSeconds(5));
        await log.WaitForAsync($"Input sensors lost its connection to {server}: ");
        await UntilAsync(() => log.Lines.Count(l => l.Text.StartsWith("Input sensors listening on", StringComparison.Ordinal)) == 2, "the input did not reconnect");
    }

    private static async Task UntilAsync(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(10);
        }
    }

    private static InputContext Context(FakeDispatcher dispatcher, ListLogger log) => new(
        "sensors", "Gateway:Inputs:sensors", null, new Gateway.Core.Formats.FormatOptions(), dispatcher,
        new ServiceCollection().BuildServiceProvider(), log);
}
