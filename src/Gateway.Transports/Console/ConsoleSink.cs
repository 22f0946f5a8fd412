using System.Buffers;
using Gateway.Core.Routing;

namespace Gateway.Transports.Consoles;

/// <summary>
/// Writes each message body to standard output (or error) as raw UTF-8 bytes, followed by a line feed unless the body
/// ends with one. One lock keeps the messages of concurrent senders whole. A message, or a whole batch, is written
/// with one write and one flush.
/// </summary>
internal sealed class ConsoleSink : IBatchMessageSink
{
    private static readonly byte[] LineFeed = [(byte)'\n'];

    private const int MaxKeptBytes = 1024 * 1024;

    private readonly Lock _lock = new();
    private readonly Stream _output;
    private ArrayBufferWriter<byte> _staged = new();

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
                Stage(message.Body.Span);
                WriteStaged();
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
                    Stage(messages[i].Body.Span);
                }

                WriteStaged();
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

    private void Stage(ReadOnlySpan<byte> body)
    {
        _staged.Write(body);
        if (body.IsEmpty || body[^1] != (byte)'\n')
        {
            _staged.Write(LineFeed);
        }
    }

    /// <summary>Writes what is staged with one write and flushes; what is staged is dropped either way.</summary>
    private void WriteStaged()
    {
        try
        {
            _output.Write(_staged.WrittenSpan);
            _output.Flush();
        }
        finally
        {
            if (_staged.Capacity > MaxKeptBytes)
            {
                _staged = new ArrayBufferWriter<byte>(); // Do not keep a large batch's buffer.
            }
            else
            {
                _staged.ResetWrittenCount();
            }
        }
    }
}
