using System.Text;
using Gateway.Core.Formats;
using Gateway.Core.Messages;
using Gateway.Core.Routing;
using Gateway.Tests.Transports.Http;
using Gateway.Transports.Consoles;

namespace Gateway.Tests.Transports.Consoles;

public sealed class ConsoleSinkTests : IDisposable
{
    private readonly SinkTestHost _host = new();

    [Fact]
    public async Task Writes_each_body_as_utf8_followed_by_a_line_feed()
    {
        using var output = new MemoryStream();
        await using var sink = new ConsoleSink(new KeepOpenStream(output));

        await SinkTestHost.SendAsync(sink, _host.Message("""{"name":"Zoë ✓"}"""));
        await SinkTestHost.SendAsync(sink, _host.Message("""[{"a":1},{"a":2}]""", FormatNames.Ndjson));
        await SinkTestHost.SendAsync(sink, new OutgoingMessage(new Message(ReadOnlyMemory<byte>.Empty, FormatNames.Json), ReadOnlyMemory<byte>.Empty, FormatNames.Json));

        // NDJSON already ends with a line feed: no blank line after it. An empty body is an empty line.
        Assert.Equal("{\"name\":\"Zoë ✓\"}\n{\"a\":1}\n{\"a\":2}\n\n"u8.ToArray(), output.ToArray());
    }

    [Fact]
    public async Task Pretty_output_comes_from_the_format_option()
    {
        using var output = new MemoryStream();
        await using var sink = new ConsoleSink(new KeepOpenStream(output));
        var pretty = new FormatOptions { Pretty = true };

        await SinkTestHost.SendAsync(sink, _host.Message("""{"a":{"b":1}}""", FormatNames.Json, pretty));

        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.Contains("\n  \"a\": {\n", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_sends_keep_every_message_whole()
    {
        using var output = new MemoryStream();
        await using var sink = new ConsoleSink(new TricklingStream(output));
        var bodies = Enumerable.Range(0, 100).Select(n => $$"""{"n":{{n}},"pad":"{{new string((char)('a' + (n % 26)), 200)}}"}""").ToList();

        await Task.WhenAll(bodies.Select(b => Task.Run(() => SinkTestHost.SendAsync(sink, _host.Message(b)))));

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n');
        Assert.Equal(string.Empty, lines[^1]);
        Assert.Equal(bodies.Order(StringComparer.Ordinal), lines[..^1].Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_broken_output_is_a_transient_failure()
    {
        await using var sink = new ConsoleSink(new BrokenStream());

        var failure = await Assert.ThrowsAsync<SinkDeliveryException>(() => SinkTestHost.SendAsync(sink, _host.Message("{}")));

        Assert.True(failure.IsTransient);
        Assert.Contains("Broken pipe", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_is_written_in_order_with_one_write_and_one_flush()
    {
        using var output = new MemoryStream();
        var counting = new CountingStream(output);
        await using var sink = new ConsoleSink(counting);
        var batch = Enumerable.Range(0, 50).Select(n => _host.Message($$"""{"n":{{n}}}""")).ToList();
        batch.Add(_host.Message("""[{"a":1},{"a":2}]""", FormatNames.Ndjson));

        await ((IBatchMessageSink)sink).SendBatchAsync(batch, CancellationToken.None).AsTask().WaitAsync(SinkTestHost.Bound);

        var expected = string.Concat(Enumerable.Range(0, 50).Select(n => $$"""{"n":{{n}}}""" + "\n")) + "{\"a\":1}\n{\"a\":2}\n";
        Assert.Equal(expected, Encoding.UTF8.GetString(output.ToArray()));
        Assert.Equal((1, 1), (counting.Writes, counting.Flushes));
    }

    [Fact]
    public async Task A_batch_on_a_broken_output_fails_as_transient_so_the_engine_retries_each_message()
    {
        await using var sink = new ConsoleSink(new BrokenStream());

        var failure = await Assert.ThrowsAsync<SinkDeliveryException>(
            () => ((IBatchMessageSink)sink).SendBatchAsync([_host.Message("{}"), _host.Message("[]")], CancellationToken.None).AsTask());

        Assert.True(failure.IsTransient);
        Assert.Contains("Broken pipe", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Is_registered_with_its_target_option()
    {
        Assert.Empty(_host.Errors("Console", """{ "Target": "Stderr" }"""));
        Assert.Empty(_host.Errors("Console", "{}"));
        var error = Assert.Single(_host.Errors("Console", """{ "Target": "Printer" }"""));
        Assert.Contains("Printer", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_registered_sink_writes_to_the_process_output()
    {
        await using var sink = _host.Create("Console", """{ "Target": "Stderr" }""");

        await SinkTestHost.SendAsync(sink, _host.Message("""{"to":"stderr"}"""));

        Assert.IsType<ConsoleSink>(sink);
    }

    public void Dispose() => _host.Dispose();

    /// <summary>Writes one byte at a time, so messages written without the sink's lock would interleave.</summary>
    private sealed class TricklingStream(Stream inner) : KeepOpenStream(inner)
    {
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            foreach (var b in buffer)
            {
                base.Write([b]);
                Thread.Yield();
            }
        }
    }

    private sealed class CountingStream(Stream inner) : KeepOpenStream(inner)
    {
        public int Writes { get; private set; }

        public int Flushes { get; private set; }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Writes++;
            base.Write(buffer);
        }

        public override void Flush()
        {
            Flushes++;
            base.Flush();
        }
    }

    private sealed class BrokenStream : KeepOpenStream
    {
        public BrokenStream()
            : base(Null)
        {
        }

        public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException("Broken pipe");
    }
}
