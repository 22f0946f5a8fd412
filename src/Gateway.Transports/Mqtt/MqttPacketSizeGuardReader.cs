using System.Buffers;
using System.IO.Pipelines;

namespace Gateway.Transports.Mqtt;

/// <summary>
/// A <see cref="PipeReader"/> between a connection and the broker that hands the broker only bytes whose packet
/// headers were checked by <see cref="MqttFixedHeaderScanner"/>. When a header breaks the limit, the read throws
/// <see cref="MqttPacketTooLargeException"/> (so the broker never sees it) and <paramref name="onRejected"/> runs.
/// </summary>
internal sealed class MqttPacketSizeGuardReader(PipeReader inner, long maxPacketSize, Action<string> onRejected) : PipeReader
{
    private MqttFixedHeaderScanner _scanner = new(maxPacketSize);
    private ReadOnlySequence<byte> _lastBuffer;

    // How many bytes from the start of the last buffer handed out were already scanned.
    private long _scanned;
    private string? _error;

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfRejected();
        var result = await inner.ReadAsync(cancellationToken).ConfigureAwait(false);
        Inspect(result.Buffer);
        return result;
    }

    public override bool TryRead(out ReadResult result)
    {
        ThrowIfRejected();
        if (!inner.TryRead(out result))
        {
            return false;
        }

        Inspect(result.Buffer);
        return true;
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        if (_error is null)
        {
            _scanned -= _lastBuffer.Slice(_lastBuffer.Start, consumed).Length;
        }

        _lastBuffer = default;
        inner.AdvanceTo(consumed, examined);
    }

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    private void Inspect(ReadOnlySequence<byte> buffer)
    {
        _lastBuffer = buffer;
        foreach (var segment in buffer.Slice(_scanned))
        {
            if (!_scanner.Scan(segment.Span))
            {
                _error = _scanner.Error;
                inner.AdvanceTo(buffer.End);
                _lastBuffer = default;
                onRejected(_error!);
                throw new MqttPacketTooLargeException(_error!);
            }
        }

        _scanned = buffer.Length;
    }

    private void ThrowIfRejected()
    {
        if (_error is not null)
        {
            throw new MqttPacketTooLargeException(_error);
        }
    }
}
