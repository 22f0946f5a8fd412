using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Gateway.Bench.TcpLoad;

/// <summary>
/// Waits until a stream holds <c>--count</c> messages (looking every 20 ms), then prints <c>done MESSAGES UNIX_MS</c>;
/// with <c>--warm W</c> it first prints <c>warm W UNIX_MS</c> once it holds W. Fails after <c>--timeout</c> seconds.
/// </summary>
internal static class JetStreamCounter
{
    public static async Task<int> RunAsync(CommandLine arguments)
    {
        var expected = arguments.Number("count");
        var warm = arguments.Number("warm", 0);
        var stream = arguments.Text("stream");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(arguments.Number("timeout", 300));
        await using var connection = new NatsConnection(new NatsOpts { Url = arguments.Text("url"), Name = "bench counter" });
        var jetStream = new NatsJSContext(connection);
        var warmed = warm == 0;
        long messages = 0;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                messages = (long)(await jetStream.GetStreamAsync(stream)).Info.State.Messages;
            }
            catch (NatsJSApiException ex) when (ex.Error.Code == 404)
            {
                // Not created yet: the gateway's sink creates it on its first send.
            }

            if (!warmed && messages >= warm)
            {
                warmed = true;
                Console.WriteLine($"warm {warm} {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}");
            }

            if (messages >= expected)
            {
                Console.WriteLine($"done {messages} {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}");
                return 0;
            }

            await Task.Delay(20);
        }

        Console.WriteLine($"timeout {messages} of {expected} messages in stream {stream}");
        return 1;
    }
}
