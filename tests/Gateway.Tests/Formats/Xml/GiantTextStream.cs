namespace Gateway.Tests.Formats.Xml;

/// <summary>A stream of <c>&lt;rows&gt;&lt;row&gt;</c> followed by a huge text node that never ends, generated on the fly.</summary>
internal sealed class GiantTextStream(long textBytes) : Stream
{
    private static readonly byte[] Head = "<rows><row>"u8.ToArray();
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => Head.Length + textBytes;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = (int)Math.Min(count, Length - _position);
        for (var i = 0; i < n; i++)
        {
            var at = _position + i;
            buffer[offset + i] = at < Head.Length ? Head[at] : (byte)'x';
        }

        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
