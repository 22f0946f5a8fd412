using System.Diagnostics;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Gateway.Bench.TcpLoad;

/// <summary>
/// The reference of the JetStream benchmark: publishes every line of a file straight to a stream, as the gateway's
/// <c>Nats</c> sink does (a <c>Nats-Msg-Id</c> per message, a batch of <c>--batch</c> publishes with all their
/// acknowledgements outstanding, the next batch once the stream acknowledged them all). Creates the stream (file
/// storage) when it does not exist. With <c>--warmup FILE</c> that file's lines go first, untimed (the runtime
/// compiles the publish path meanwhile, as a running gateway has). Prints <c>start UNIX_MS</c> when the timed lines
/// begin and <c>published LINES MS MSG_PER_S</c>.
/// </summary>
internal static class JetStreamPublisher
{
    public static async Task<int> RunAsync(CommandLine arguments)
    {
        var lines = ReadLines(await File.ReadAllBytesAsync(arguments.Text("input")));
        var stream = arguments.Text("stream");
        var subject = arguments.Text("subject");
        var batch = (int)arguments.Number("batch", 256);
        var idPrefix = arguments.Optional("id-prefix") ?? stream;
        await using var connection = new NatsConnection(new NatsOpts { Url = arguments.Text("url"), Name = "bench publisher" });
        var jetStream = new NatsJSContext(connection);
        await EnsureStreamAsync(jetStream, stream, subject);
        if (arguments.Optional("warmup") is { } warmup)
        {
            await PublishAllAsync(jetStream, subject, ReadLines(await File.ReadAllBytesAsync(warmup)), batch, $"{idPrefix}-warm");
        }

        Console.WriteLine($"start {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}");
        var clock = Stopwatch.StartNew();
        await PublishAllAsync(jetStream, subject, lines, batch, idPrefix);
        var ms = clock.Elapsed.TotalMilliseconds;
        Console.WriteLine($"published {lines.Count} {ms:0} {lines.Count / (ms / 1000):0}");
        return 0;
    }

    private static async Task PublishAllAsync(NatsJSContext jetStream, string subject, List<ReadOnlyMemory<byte>> lines, int batch, string idPrefix)
    {
        var acks = new Task[batch];
        for (var start = 0; start < lines.Count; start += batch)
        {
            var count = Math.Min(batch, lines.Count - start);
            for (var i = 0; i < count; i++)
            {
                acks[i] = PublishAsync(jetStream, subject, lines[start + i], $"{idPrefix}-{start + i}");
            }

            await Task.WhenAll(acks.AsSpan(0, count));
        }
    }

    /// <summary>Creates <paramref name="stream"/> over <paramref name="subject"/> (file storage) unless it exists.</summary>
    private static async Task EnsureStreamAsync(NatsJSContext jetStream, string stream, string subject)
    {
        try
        {
            await jetStream.GetStreamAsync(stream);
        }
        catch (NatsJSApiException ex) when (ex.Error.Code == 404)
        {
            await jetStream.CreateStreamAsync(new StreamConfig(stream, [subject]) { Storage = StreamConfigStorage.File });
        }
    }

    private static async Task PublishAsync(NatsJSContext jetStream, string subject, ReadOnlyMemory<byte> body, string id)
    {
        var ack = await jetStream.PublishAsync(subject, body, opts: new NatsJSPubOpts { MsgId = id });
        ack.EnsureSuccess();
    }

    private static List<ReadOnlyMemory<byte>> ReadLines(byte[] text)
    {
        var lines = new List<ReadOnlyMemory<byte>>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == (byte)'\n')
            {
                lines.Add(text.AsMemory(start, i - start));
                start = i + 1;
            }
        }

        return lines;
    }
}
