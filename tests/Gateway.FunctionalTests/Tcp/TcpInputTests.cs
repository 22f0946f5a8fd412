using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Gateway.FunctionalTests.Support;

namespace Gateway.FunctionalTests.Tcp;

/// <summary>The Tcp input of the real program, each framing, to an HTTP sink; and malformed frames.</summary>
public sealed class TcpInputTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _deadLetters = new("gateway-ft-dead-");

    public static TheoryData<string> FramingNames => [.. TcpFrames.Framings.Keys];

    public void Dispose() => _deadLetters.Dispose();

    [Theory]
    [MemberData(nameof(FramingNames))]
    public async Task Every_frame_becomes_one_message_delivered_to_the_http_sink(string framing)
    {
        var (framingConfig, encode) = TcpFrames.Framings[framing];
        await using var sink = await HttpCaptureServer.StartAsync();
        await using var gateway = await GatewayProcess.StartAsync($$"""
            { "Gateway": {
                "DeadLetters": { "Folder": {{GatewayConfig.Quote(_deadLetters.Path)}} },
                "Inputs": { "plc": { "Type": "Tcp", "Port": 0, {{framingConfig}}, "Format": "Json" } },
                "Sinks": { "api": { "Type": "Http", "Url": "{{sink.Url("/readings")}}" } },
                "Routes": { "r": { "Input": "plc", "Sinks": [ "api" ] } } } }
            """, output);
        var endpoint = await gateway.InputEndpointAsync("plc");
        // A frame holding the delimiter's first byte, one holding a line break between tokens (but for NewLine framing,
        // where a line break ends the frame), and a plain one.
        var lineBreak = framing == "NewLine" ? " " : "\n";
        string[] payloads = ["""{"n":1,"text":"a\u001eb"}""", $$"""{"n":2,{{lineBreak}}"text":"line\nbreak"}""", """{"n":3}"""];
        byte[] stream = [.. payloads.SelectMany(p => encode(Encoding.UTF8.GetBytes(p)))];

        using (var client = new TcpClient())
        {
            await client.ConnectAsync(endpoint).WaitAsync(Timeouts.Operation);
            var network = client.GetStream();
            var cut = stream.Length / 2 + 1; // a frame split across two writes
            await network.WriteAsync(stream.AsMemory(0, cut)).AsTask().WaitAsync(Timeouts.Operation);
            await Task.Delay(100);
            await network.WriteAsync(stream.AsMemory(cut)).AsTask().WaitAsync(Timeouts.Operation);
            var received = await sink.WaitForAcceptedAsync(3);

            Assert.Equal([1, 2, 3], received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("n").GetInt32()).Order());
            Assert.All(received, r => Assert.Equal("/readings", r.Path));
            Assert.Equal("a\u001eb", received.Select(r => JsonDocument.Parse(r.Body).RootElement).Single(e => e.GetProperty("n").GetInt32() == 1).GetProperty("text").GetString());
        }
    }

    [Fact]
    public async Task A_malformed_frame_is_logged_and_dead_lettered_and_the_next_frames_still_arrive()
    {
        await using var sink = await HttpCaptureServer.StartAsync();
        await using var gateway = await GatewayProcess.StartAsync($$"""
            { "Gateway": {
                "DeadLetters": { "Folder": {{GatewayConfig.Quote(_deadLetters.Path)}} },
                "Inputs": { "lines": { "Type": "Tcp", "Port": 0, "Framing": "NewLine", "Format": "Csv", "HasHeader": false } },
                "Sinks": { "api": { "Type": "Http", "Url": "{{sink.Url("/rows")}}" } },
                "Routes": { "r": { "Input": "lines", "Sinks": [ "api" ] } } } }
            """, output);
        var endpoint = await gateway.InputEndpointAsync("lines");

        using var client = new TcpClient();
        await client.ConnectAsync(endpoint).WaitAsync(Timeouts.Operation);
        await client.GetStream().WriteAsync("1,ok\n2,\"unterminated\n3,fine\n"u8.ToArray()).AsTask().WaitAsync(Timeouts.Operation);
        var dead = Assert.Single(await DeadLetterFolderReader.WaitForAsync(_deadLetters.Path, 1));
        var delivered = await sink.WaitForAcceptedAsync(2);
        await gateway.WaitForLogAsync("failed conversion");

        Assert.Equal("convert", dead.Stage);
        Assert.Equal("2,\"unterminated", dead.BodyText);
        Assert.Equal("lines", dead.Input);
        Assert.False(string.IsNullOrWhiteSpace(dead.Error));
        Assert.Equal(["1", "3"], delivered.Select(r => JsonDocument.Parse(r.Body).RootElement.EnumerateArray().Single().GetProperty("column1").GetString()).Order());
    }

    [Fact]
    public async Task An_oversized_frame_closes_only_its_connection()
    {
        await using var sink = await HttpCaptureServer.StartAsync();
        await using var gateway = await GatewayProcess.StartAsync($$"""
            { "Gateway": {
                "DeadLetters": { "Folder": {{GatewayConfig.Quote(_deadLetters.Path)}} },
                "Inputs": { "in": { "Type": "Tcp", "Port": 0, "Framing": "NewLine", "Format": "Json", "MaxFrameBytes": 64 } },
                "Sinks": { "api": { "Type": "Http", "Url": "{{sink.Url("/x")}}" } },
                "Routes": { "r": { "Input": "in", "Sinks": [ "api" ] } } } }
            """, output);
        var endpoint = await gateway.InputEndpointAsync("in");
        using var polite = new TcpClient();
        await polite.ConnectAsync(endpoint).WaitAsync(Timeouts.Operation);
        using var greedy = new TcpClient();
        await greedy.ConnectAsync(endpoint).WaitAsync(Timeouts.Operation);

        await greedy.GetStream().WriteAsync(Encoding.UTF8.GetBytes($"{{\"pad\":\"{new string('x', 200)}\"}}\n")).AsTask().WaitAsync(Timeouts.Operation);
        var closed = await IsClosedByPeerAsync(greedy);
        await polite.GetStream().WriteAsync("{\"ok\":true}\n"u8.ToArray()).AsTask().WaitAsync(Timeouts.Operation);

        Assert.True(closed, "the gateway kept the connection with the oversized frame open");
        Assert.Single(await sink.WaitForAcceptedAsync(1));
        await gateway.WaitForLogAsync("closed the connection from");
    }

    /// <summary>Whether the peer closed the connection (end of stream or reset) within the delivery timeout.</summary>
    private static async Task<bool> IsClosedByPeerAsync(TcpClient client)
    {
        try
        {
            return await client.GetStream().ReadAsync(new byte[1]).AsTask().WaitAsync(Timeouts.Delivery) == 0;
        }
        catch (IOException)
        {
            return true; // reset: the gateway closed with our unread bytes in its buffer
        }
    }
}
