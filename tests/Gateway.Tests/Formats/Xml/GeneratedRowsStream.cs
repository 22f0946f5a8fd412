using System.Text;

namespace Gateway.Tests.Formats.Xml;

/// <summary>A read-only stream that produces <c>&lt;rows&gt;</c> with N <c>&lt;row&gt;</c> records on the fly, without holding them.</summary>
internal sealed class GeneratedRowsStream(long rows) : Stream
{
    private static readonly byte[] Head = "<?xml version=\"1.0\"?>\n<rows>\n"u8.ToArray();
    private static readonly byte[] Tail = "</rows>\n"u8.ToArray();
    private readonly byte[] _row = new byte[256];
    private long _next;
    private byte[] _pending = Head;
    private int _offset;
    private long _position;
    private long? _length;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _length ??= Head.Length + Tail.Length + RowBytes();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var written = 0;
        while (written < count)
        {
            if (_offset == _pending.Length && !Advance())
            {
                break;
            }

            var n = Math.Min(count - written, _pending.Length - _offset);
            Array.Copy(_pending, _offset, buffer, offset + written, n);
            _offset += n;
            written += n;
        }

        _position += written;
        return written;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private static string Row(long i) => $"  <row id=\"{i}\"><name>name {i}</name><qty>{i % 100}</qty><ok>true</ok></row>\n";

    private long RowBytes()
    {
        long total = 0;
        for (long i = 0; i < rows; i++)
        {
            total += Encoding.UTF8.GetByteCount(Row(i));
        }

        return total;
    }

    private bool Advance()
    {
        if (_next < rows)
        {
            var n = Encoding.UTF8.GetBytes(Row(_next++), _row);
            _pending = _row[..n];
        }
        else if (_next == rows)
        {
            _next++;
            _pending = Tail;
        }
        else
        {
            return false;
        }

        _offset = 0;
        return true;
    }
}
