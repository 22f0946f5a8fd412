using System.Net.Sockets;
using Gateway.Transports.Tcp;
using Xunit.Abstractions;
using static Gateway.Tests.Transports.Tcp.FrameTest;
using static Gateway.Tests.Transports.Tcp.TcpTestHost;

namespace Gateway.Tests.Transports.Tcp;

/// <summary>A full route stops the reads of the connection: the client's writes stall, and nothing piles up in memory.</summary>
public class TcpInputPushBackTests(ITestOutputHelper output)
{
    private const int LineBytes = 1000;

    [Fact]
    public async Task A_blocked_dispatcher_stalls_the_client_and_everything_arrives_once_it_frees_up()
    {
        var dispatcher = new FakeDispatcher { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var input = await StartInputAsync(FramingOptions(Framing.NewLine), dispatcher, new RecordingLogger());
        using var client = await ConnectAsync(input.LocalEndPoint!);
        var block = Bytes(string.Concat(Enumerable.Repeat(new string('x', LineBytes - 1) + "\n", 64)));

        // Write until a write does not finish within a second: the kernel buffers are full because nobody reads.
        long written = 0;
        Task<int>? stalled = null;
        while (written < 256L * 1024 * 1024)
        {
            var write = client.SendAsync(block, SocketFlags.None);
            if (await Task.WhenAny(write, Task.Delay(TimeSpan.FromSeconds(1))) != write)
            {
                stalled = write;
                break;
            }

            written += await write;
        }

        output.WriteLine($"The client's writes stalled after {written} bytes.");
        Assert.NotNull(stalled);
        Assert.Equal(1, dispatcher.Calls); // The first frame waits at the gate and nothing else was read.
        Assert.True(written < 64L * 1024 * 1024, $"{written} bytes were taken in before the writes stalled");

        dispatcher.Gate.SetResult();
        written += await stalled.WaitAsync(NetworkTimeout);
        client.Shutdown(SocketShutdown.Send);
        var lines = written / LineBytes;
        var bodies = await dispatcher.NextBodiesAsync((int)lines, TimeSpan.FromSeconds(60));
        Assert.All(bodies, b => Assert.Equal(LineBytes - 1, b.Length));
    }

    [Fact]
    public async Task Stop_ends_a_connection_that_waits_for_a_full_route()
    {
        var dispatcher = new FakeDispatcher { Gate = new TaskCompletionSource() };
        var input = await StartInputAsync(FramingOptions(Framing.NewLine), dispatcher, new RecordingLogger());
        using var client = await ConnectAsync(input.LocalEndPoint!);
        await SendAsync(client, Bytes("waits\n"));
        using (var waiting = new CancellationTokenSource(NetworkTimeout))
        {
            while (dispatcher.Calls == 0)
            {
                await Task.Delay(10, waiting.Token);
            }
        }

        await input.StopAsync(CancellationToken.None).WaitAsync(NetworkTimeout);

        await AssertClosedByPeerAsync(client);
        Assert.Equal(0, input.ConnectionCount);
        await input.DisposeAsync();
    }
}
