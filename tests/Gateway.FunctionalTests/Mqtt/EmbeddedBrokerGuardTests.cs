using System.Net;
using System.Net.Sockets;
using Gateway.FunctionalTests.Support;

namespace Gateway.FunctionalTests.Mqtt;

/// <summary>
/// The embedded broker refuses a packet whose declared length exceeds MaxPacketSize before allocating for it: four
/// connections each declaring a 256 MiB PUBLISH (<c>30 FF FF FF 7F</c>) would otherwise make it allocate about 1 GiB.
/// </summary>
public sealed class EmbeddedBrokerGuardTests(ITestOutputHelper output)
{
    private static readonly byte[] HugePublishHeader = [0x30, 0xFF, 0xFF, 0xFF, 0x7F];

    [Fact]
    public async Task Four_connections_declaring_huge_packets_do_not_grow_memory_and_the_gateway_keeps_serving()
    {
        await using var gateway = await GatewayProcess.StartAsync("""
            { "Gateway": { "MqttBroker": { "Enabled": true, "Host": "127.0.0.1", "Port": 0, "MaxPacketSize": 65536 } } }
            """, output);
        var broker = await gateway.BrokerEndpointAsync();
        var before = gateway.ReadResidentBytes();

        var attackers = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                var attacker = new TcpClient();
                attackers.Add(attacker);
                await attacker.ConnectAsync(broker).WaitAsync(Timeouts.Operation);
                await attacker.GetStream().WriteAsync(HugePublishHeader).AsTask().WaitAsync(Timeouts.Operation);
            }

            var closed = await Task.WhenAll(attackers.Select(IsClosedByPeerAsync));
            var after = gateway.ReadResidentBytes();

            Assert.All(closed, Assert.True);
            if (before is { } rssBefore && after is { } rssAfter)
            {
                output.WriteLine($"RSS before {rssBefore / 1048576} MB, after {rssAfter / 1048576} MB");
                Assert.True(rssAfter - rssBefore < 100L * 1024 * 1024, $"RSS grew from {rssBefore / 1048576} MB to {rssAfter / 1048576} MB");
            }
        }
        finally
        {
            attackers.ForEach(a => a.Dispose());
        }

        await using var subscriber = await MqttTestClient.ConnectAsync(broker.Port);
        await using var publisher = await MqttTestClient.ConnectAsync(broker.Port);
        await subscriber.SubscribeAsync("still/alive");
        await publisher.PublishAsync("still/alive", "yes");
        using var health = await gateway.Http.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal("yes", Assert.Single(await subscriber.WaitForMessagesAsync(1)).Text);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains(gateway.Output.Lines, l => l.Contains("MQTT broker closed the connection from", StringComparison.Ordinal));
        Assert.False(gateway.HasExited);
    }

    private static async Task<bool> IsClosedByPeerAsync(TcpClient client)
    {
        try
        {
            return await client.GetStream().ReadAsync(new byte[16]).AsTask().WaitAsync(Timeouts.Delivery) == 0;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
