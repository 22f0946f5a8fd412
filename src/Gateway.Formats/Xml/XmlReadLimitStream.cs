namespace Gateway.Formats.Xml;

/// <summary>
/// Guards the input of a streaming (record element) read: the bytes read since the last <see cref="Mark"/> may not
/// exceed a limit. XmlReader buffers a whole node (a giant text or attribute) before the reader sees it, so the tree
/// builder's character count alone could not stop such a node from filling memory.
/// </summary>
internal sealed class XmlReadLimitStream(Stream inner, long limit) : Stream
{
    private long _sinceMark;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Starts a new window: a record or node begins here.</summary>
    public void Mark() => _sinceMark = 0;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_sinceMark > limit)
        {
            throw new XmlReadLimitExceededException();
        }

        var n = inner.Read(buffer);
        _sinceMark += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
