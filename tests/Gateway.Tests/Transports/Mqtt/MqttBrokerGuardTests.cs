using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace Gateway.Tests.Transports.Mqtt;

[Collection(MemoryMeasuringTests.Name)]
public class MqttBrokerGuardTests
{
    private static readonly byte[] HugePublishHeader = [0x30, 0xFF, 0xFF, 0xFF, 0x7F];

    // CONNECT, MQTT 3.1.1, clean session, keep-alive 60 s, client id "g".
    private static readonly byte[] Connect = [0x10, 0x0D, 0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x04, 0x02, 0x00, 0x3C, 0x00, 0x01, (byte)'g'];

    [Fact]
    public async Task HugeDeclaredLengthsCloseTheirConnectionsWithoutAllocatingAndTheBrokerKeepsServing()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);

        var clients = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SendAsync(broker.Port, HugePublishHeader)));
        using var afterConnect = await ConnectRawAsync(broker.Port);
        await afterConnect.GetStream().WriteAsync(Connect).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        var connack = new byte[4];
        await afterConnect.GetStream().ReadExactlyAsync(connack).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(new byte[] { 0x20, 0x02, 0x00, 0x00 }, connack);
        await afterConnect.GetStream().WriteAsync(HugePublishHeader).AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        foreach (var client in clients.Append(afterConnect))
        {
            await AssertClosedAsync(client);
            client.Dispose();
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - memoryBefore;
        Assert.True(allocated < 100 * 1024 * 1024, $"allocated {allocated / (1024 * 1024)} MB while refusing the packets");
        Assert.True(retained < 50 * 1024 * 1024, $"kept {retained / (1024 * 1024)} MB after refusing the packets");
        Assert.Equal(5, broker.Log.Lines.Count(l => l.Level == LogLevel.Warning && l.Text.Contains("MQTT broker closed the connection from 127.0.0.1:", StringComparison.Ordinal)));

        await using var subscriber = await TestClient.ConnectAsync(broker.Server);
        await subscriber.SubscribeAsync("after/#");
        await using var publisher = await TestClient.ConnectAsync(broker.Server);
        await publisher.PublishAsync("after/guard", "still serving");
        var received = await subscriber.NextAsync();
        Assert.Equal("after/guard", received.Topic);
    }

    [Fact]
    public async Task AFifthLengthByteClosesTheConnection()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        using var client = await SendAsync(broker.Port, [0x30, 0x80, 0x80, 0x80, 0x80, 0x01]);
        await AssertClosedAsync(client);
        await broker.Log.WaitForAsync("fifth length byte");
    }

    [Fact]
    public async Task PacketsUnderTheLimitFlowAndTheFirstOneOverItClosesTheSender()
    {
        await using var broker = await EmbeddedBroker.StartAsync(maxPacketSize: 4096);
        await using var subscriber = await TestClient.ConnectAsync(broker.Server);
        await subscriber.SubscribeAsync("sizes/#");
        await using var publisher = await TestClient.ConnectAsync(broker.Server);
        var sizes = new[] { 0, 1, 127, 128, 1000, 3000, 4000, 16, 2048 };
        foreach (var size in sizes)
        {
            await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("sizes/x").WithPayload(new byte[size]).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }

        foreach (var size in sizes)
        {
            Assert.Equal(size, (await subscriber.NextAsync()).Payload.Length);
        }

        await Assert.ThrowsAnyAsync<Exception>(() =>
            publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("sizes/x").WithPayload(new byte[5000]).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build()));
        await broker.Log.WaitForAsync("more than the 4096 allowed");
    }

    [Fact]
    public async Task APacketJustUnderTheDefaultLimitGoesThrough()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        await using var subscriber = await TestClient.ConnectAsync(broker.Server);
        await subscriber.SubscribeAsync("big");
        await using var publisher = await TestClient.ConnectAsync(broker.Server);
        var payload = new byte[(1024 * 1024) - 64];
        await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("big").WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.Equal(payload.Length, (await subscriber.NextAsync()).Payload.Length);
    }

    private static async Task<TcpClient> ConnectRawAsync(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port).WaitAsync(TimeSpan.FromSeconds(5));
        return client;
    }

    [Theory]
    [InlineData(new byte[] { 0x36, 0x07, 0x00, 0x01, (byte)'a', 0x00, 0x01, (byte)'x', (byte)'y' }, "QoS 3")]
    [InlineData(new byte[] { 0x30, 0x05, 0x00, 0x03, (byte)'a', (byte)'/', (byte)'#' }, "wildcard")]
    [InlineData(new byte[] { 0x30, 0x05, 0x00, 0x03, (byte)'a', 0x00, (byte)'b' }, "NUL")]
    [InlineData(new byte[] { 0x30, 0x05, 0x00, 0x03, (byte)'a', 0xC3, 0x28 }, "not valid UTF-8")]
    public async Task AForbiddenPublishAfterAGoodConnectClosesTheConnection(byte[] publish, string reason)
    {
        await using var broker = await EmbeddedBroker.StartAsync();

        // MQTT 3.1.1 CONNECT with the client id "t1" and a clean session; the broker answers CONNACK 20 02 00 00.
        using var client = await SendAsync(broker.Port, [0x10, 0x0E, 0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x04, 0x02, 0x00, 0x3C, 0x00, 0x02, (byte)'t', (byte)'1']);
        var connack = new byte[4];
        await client.GetStream().ReadExactlyAsync(connack).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(new byte[] { 0x20, 0x02, 0x00, 0x00 }, connack);
        await client.GetStream().WriteAsync(publish);

        await AssertClosedAsync(client);
        await broker.Log.WaitForAsync(reason);
    }

    private static async Task<TcpClient> SendAsync(int port, byte[] bytes)
    {
        var client = await ConnectRawAsync(port);
        await client.GetStream().WriteAsync(bytes).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        return client;
    }

    private static async Task AssertClosedAsync(TcpClient client)
    {
        var buffer = new byte[16];
        try
        {
            var read = await client.GetStream().ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(0, read);
        }
        catch (IOException)
        {
            // Reset by the broker: closed too.
        }
    }
}
