using Gateway.Core.Formats;
using Gateway.Core.Json;
using Gateway.Core.Messages;
using Gateway.Core.Routing;

namespace Gateway.Core.Delivery;

/// <summary>
/// Encodes canonical messages into one sink's format (a JSON sink costs nothing); each message becomes its own
/// document. One encoder serves one sink reader, one message at a time, so it keeps its output buffer and, when the
/// format's writer is an <see cref="IReusableRecordWriter"/>, the writer (a CSV header's names, its searchers)
/// from message to message. A message that never became canonical (a conversion failure on its way to the dead
/// letters) keeps its body.
/// </summary>
#pragma warning disable CA1001 // A MemoryStream holds no resource, and a writer only pooled arrays that the GC takes back with it.
internal sealed class SinkEncoder(DataFormat format, FormatOptions options)
#pragma warning restore CA1001
{
    private readonly bool _isJson = string.Equals(format.Name, FormatNames.Json, StringComparison.OrdinalIgnoreCase);
    /// <summary>Past this, the output buffer is not kept for the next message (one large message should not pin it).</summary>
    private const int KeptOutputBytes = 1 << 20;

    private MemoryStream _output = new();
    private IRecordWriter? _writer;

    /// <summary>Throws <see cref="FormatReadException"/> when the record cannot be written in the sink's format.</summary>
    public OutgoingMessage Encode(Message message)
    {
        if (!message.IsCanonical)
        {
            return new OutgoingMessage(message, message.Body, message.Format);
        }

        return new OutgoingMessage(message, _isJson ? message.Body : Encode(message.Body.Span), format.Name);
    }

    private byte[] Encode(ReadOnlySpan<byte> canonical)
    {
        _output.SetLength(0);
        var writer = _writer ?? format.CreateWriter(_output, options);
        _writer = null; // back only once this message is written: a writer that failed halfway is not reused
        try
        {
            var records = new CanonicalRecords(canonical, options.MaxDepth);
            writer.Begin(records.IsSequence);
            while (records.TryRead(out var record))
            {
                writer.Write(record);
            }

            writer.Complete();
            if (writer is IReusableRecordWriter reusable && _output.Capacity <= KeptOutputBytes)
            {
                reusable.Reset();
                _writer = reusable;
            }
            else
            {
                writer.Dispose();
            }
        }
        catch
        {
            writer.Dispose();
            throw;
        }

        var body = _output.ToArray();
        if (_output.Capacity > KeptOutputBytes)
        {
            _output = new MemoryStream();
        }

        return body;
    }
}
