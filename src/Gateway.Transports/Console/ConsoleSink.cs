using Gateway.Core.Routing;

namespace Gateway.Transports.Consoles;

/// <summary>
/// Writes each message body to standard output (or error) as raw UTF-8 bytes, followed by a line feed unless the body
/// ends with one. One lock keeps the messages of concurrent senders whole. A batch is written whole and flushed once.
/// </summary>
internal sealed class ConsoleSink : IBatchMessageSink
{
    private static readonly byte[] LineFeed = [(byte)'\n'];

    private readonly Lock _lock = new();
    private readonly Stream _output;

    public ConsoleSink(ConsoleSinkOptions options)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Target == ConsoleSinkTarget.Stderr
            ? Console.OpenStandardError()
            : Console.OpenStandardOutput())
    {
    }

    /// <summary>Writes to <paramref name="output"/>, which the sink closes when it is disposed.</summary>
    internal ConsoleSink(Stream output) => _output = output ?? throw new ArgumentNullException(nameof(output));

    public ValueTask SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            lock (_lock)
            {
                WriteLine(message.Body.Span);
                _output.Flush();
            }
        }
        catch (IOException ex)
        {
            throw Failed(ex);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            lock (_lock)
            {
                for (var i = 0; i < messages.Count; i++)
                {
                    WriteLine(messages[i].Body.Span);
                }

                _output.Flush();
            }
        }
        catch (IOException ex)
        {
            throw Failed(ex);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            _output.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    // A closed pipe (the reader of our output went away) may be replaced, so the failure is transient.
    private static SinkDeliveryException Failed(IOException ex) => new($"Could not write to the console: {ex.Message}", isTransient: true, ex);

    private void WriteLine(ReadOnlySpan<byte> body)
    {
        _output.Write(body);
        if (body.IsEmpty || body[^1] != (byte)'\n')
        {
            _output.Write(LineFeed);
        }
    }
}
