using System.Net;
using System.Net.Sockets;
using Gateway.FunctionalTests.Support;

namespace Gateway.FunctionalTests.Hosting;

/// <summary>
/// A gateway that cannot bind one of its ports exits 1 with one line naming the listener, the address and the reason,
/// and it has connected nowhere first: the MQTT session of an instance already running (here a client with the same
/// client id) is not taken over.
/// </summary>
public sealed class StartOrderTests(ITestOutputHelper output)
{
    [RequiresMosquittoFact]
    public async Task An_http_port_in_use_exits_1_with_one_line_before_the_mqtt_input_connects()
    {
        using var taken = Hold();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var lines = await StartAgainstHeldPortAsync(new { }, $"http://127.0.0.1:{port}");

        Assert.Equal(
            $"gateway serve: cannot start: the HTTP server: Failed to bind to address http://127.0.0.1:{port}: address already in use. Free the port or choose another address with --urls.",
            Assert.Single(lines));
    }

    [RequiresMosquittoFact]
    public async Task A_tcp_input_port_in_use_exits_1_with_one_line_before_the_mqtt_input_connects()
    {
        using var taken = Hold();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var lines = await StartAgainstHeldPortAsync(new { plc = new { Type = "Tcp", Host = "127.0.0.1", Port = port, Format = "Ndjson" } }, "http://127.0.0.1:0");

        Assert.Equal(
            $"gateway serve: cannot start: Input plc cannot listen on tcp://127.0.0.1:{port}: Address already in use (AddressAlreadyInUse).",
            Assert.Single(lines));
    }

    private static TcpListener Hold()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    /// <summary>
    /// Connects a client to mosquitto with the client id the gateway's MQTT input uses, starts the gateway with
    /// <paramref name="inputs"/> besides that input, checks that it exited 1 without a stack trace and without taking
    /// over the session, and returns its <c>gateway serve:</c> lines.
    /// </summary>
    private async Task<IReadOnlyList<string>> StartAgainstHeldPortAsync(object inputs, string urls)
    {
        await using var broker = await MosquittoProcess.StartAsync(output);
        var clientId = "ft-running-" + Guid.NewGuid().ToString("N")[..10];
        await using var running = await MqttTestClient.ConnectAsync(broker.Port, clientId);
        var configured = new Dictionary<string, object>
        {
            ["mqtt"] = new { Type = "Mqtt", Server = broker.Server, ClientId = clientId, Topic = "in/#", Qos = 1, Format = "Json" },
        };
        foreach (var property in inputs.GetType().GetProperties())
        {
            configured[property.Name] = property.GetValue(inputs)!;
        }

        await using var gateway = await GatewayProcess.StartAsync(new GatewayStartOptions
        {
            ConfigJson = GatewayConfig.Create(new
            {
                MqttBroker = new { Enabled = false },
                Inputs = configured,
                Sinks = new { screen = new { Type = "Console" } },
                Routes = configured.Keys.ToDictionary(id => id, id => new { Input = id, Sinks = new[] { "screen" } }),
            }),
            Urls = urls,
            Log = output,
            WaitUntilListening = false,
        });

        Assert.Equal(1, await gateway.WaitForExitAsync());
        Assert.DoesNotContain(gateway.Output.Lines, l => l.Contains("   at ", StringComparison.Ordinal));
        Assert.DoesNotContain(gateway.Output.Lines, l => l.Contains("Input mqtt listening on", StringComparison.Ordinal));

        // The running client still holds its session: a takeover would have disconnected it.
        await running.PublishAsync("in/still-connected", "{}");
        Assert.DoesNotContain(broker.Output.Lines, l => l.Contains($"Client {clientId} already connected", StringComparison.Ordinal));
        return [.. gateway.Output.Lines.Where(l => l.StartsWith("gateway serve:", StringComparison.Ordinal))];
    }
}
