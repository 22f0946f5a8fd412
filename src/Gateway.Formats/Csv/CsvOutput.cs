using System.Buffers;
using System.Runtime.CompilerServices;

namespace Gateway.Formats.Csv;

/// <summary>
/// Writes CSV fields as UTF-8 into a pooled buffer that goes to the stream when it fills. A field is quoted only
/// when it must be (RFC 4180): when it holds a quote, CR, LF or the delimiter, or, for a delimiter of several bytes,
/// when its edges could run into the delimiter. Leading and trailing spaces are written as they are.
/// </summary>
internal sealed class CsvOutput : IDisposable
{
    private const int FlushThreshold = 64 * 1024;
    private static readonly SearchValues<byte> QuoteAndBreaks = SearchValues.Create("\"\r\n"u8);

    private readonly Stream _stream;
    private readonly byte[] _delimiter;
    private readonly byte[] _newLine;
    private readonly bool _escapeFormulas;
    private readonly SearchValues<byte> _special;
    private readonly bool _plain;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(FlushThreshold * 2);
    private int _position;
    private int _fieldsInRecord;

    public CsvOutput(Stream stream, byte[] delimiter, byte[] newLine, bool escapeFormulas)
    {
        _stream = stream;
        _delimiter = delimiter;
        _newLine = newLine;
        _escapeFormulas = escapeFormulas;
        _special = delimiter.Length == 1 ? SearchValues.Create([delimiter[0], (byte)'"', (byte)'\r', (byte)'\n']) : QuoteAndBreaks;
        _plain = delimiter.Length == 1 && !escapeFormulas;
    }

    /// <summary>Writes a text field: a string value or a header name, which formula escaping applies to.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteText(ReadOnlySpan<byte> value)
    {
        if (_plain)
        {
            // The common case: one search decides the quotes.
            WriteField(value, prefix: false, value.IndexOfAny(_special) >= 0);
            return;
        }

        var prefix = _escapeFormulas && StartsLikeFormula(value);

        // The prefix is a quote mark, so it can only matter for a delimiter that contains one.
        var quote = NeedsQuotes(value) || (prefix && _delimiter.AsSpan().Contains((byte)'\''));
        WriteField(value, prefix, quote);
    }

    /// <summary>Writes a field that is not text (a number, a boolean, <c>{}</c>): never escaped as a formula.</summary>
    public void WriteLiteral(ReadOnlySpan<byte> value)
        => WriteField(value, prefix: false, _plain ? value.IndexOfAny(_special) >= 0 : NeedsQuotes(value));

    /// <summary>An empty field (missing key or null).</summary>
    public void WriteEmpty() => WriteField([], prefix: false, quote: false);

    /// <summary>Ends the record. A record of one empty field is written as <c>""</c>, since an empty line is skipped when read.</summary>
    public void EndRecord(bool onlyFieldEmpty)
    {
        if (_fieldsInRecord == 1 && onlyFieldEmpty)
        {
            Ensure(2);
            _buffer[_position++] = (byte)'"';
            _buffer[_position++] = (byte)'"';
        }

        Ensure(_newLine.Length);
        _newLine.CopyTo(_buffer.AsSpan(_position));
        _position += _newLine.Length;
        _fieldsInRecord = 0;
        if (_position >= FlushThreshold)
        {
            FlushBuffer();
        }
    }

    /// <summary>Writes everything buffered to the stream and flushes it.</summary>
    public void Flush()
    {
        FlushBuffer();
        _stream.Flush();
    }

    /// <summary>Drops what is buffered and not written (a document that failed halfway), for a new document.</summary>
    public void Reset()
    {
        _position = 0;
        _fieldsInRecord = 0;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool StartsLikeFormula(ReadOnlySpan<byte> value)
        => !value.IsEmpty && value[0] is (byte)'=' or (byte)'+' or (byte)'-' or (byte)'@' or (byte)'\t' or (byte)'\r';

    private bool NeedsQuotes(ReadOnlySpan<byte> value)
    {
        if (value.IndexOfAny(_special) >= 0)
        {
            return true;
        }

        if (_delimiter.Length == 1)
        {
            return false;
        }

        // A delimiter of several bytes could also be found across a field's edge: "a|" then "||" reads as "a", "|".
        if (value.IndexOf(_delimiter) >= 0)
        {
            return true;
        }

        for (var n = 1; n < _delimiter.Length && n <= value.Length; n++)
        {
            if (value.EndsWith(_delimiter.AsSpan(0, n)) || value.StartsWith(_delimiter.AsSpan(_delimiter.Length - n)))
            {
                return true;
            }
        }

        return false;
    }

    private void WriteField(ReadOnlySpan<byte> value, bool prefix, bool quote)
    {
        // Worst case: the delimiter, the prefix, two quotes and every byte doubled.
        Ensure(_delimiter.Length + 3 + (quote ? value.Length * 2 : value.Length));
        if (_fieldsInRecord++ > 0)
        {
            if (_delimiter.Length == 1)
            {
                _buffer[_position++] = _delimiter[0];
            }
            else
            {
                _delimiter.CopyTo(_buffer.AsSpan(_position));
                _position += _delimiter.Length;
            }
        }

        if (quote)
        {
            _buffer[_position++] = (byte)'"';
        }

        if (prefix)
        {
            _buffer[_position++] = (byte)'\'';
        }

        if (quote)
        {
            WriteDoublingQuotes(value);
            _buffer[_position++] = (byte)'"';
        }
        else
        {
            value.CopyTo(_buffer.AsSpan(_position));
            _position += value.Length;
        }
    }

    private void WriteDoublingQuotes(ReadOnlySpan<byte> value)
    {
        while (true)
        {
            var at = value.IndexOf((byte)'"');
            var chunk = at < 0 ? value : value[..(at + 1)];
            chunk.CopyTo(_buffer.AsSpan(_position));
            _position += chunk.Length;
            if (at < 0)
            {
                return;
            }

            _buffer[_position++] = (byte)'"';
            value = value[(at + 1)..];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ensure(int size)
    {
        if (_buffer.Length - _position < size)
        {
            Make(size);
        }
    }

    private void Make(int size)
    {
        FlushBuffer();
        if (_buffer.Length < size)
        {
            // A field larger than the buffer: grow it to the field (memory stays bounded by the largest record).
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(size);
        }
    }

    private void FlushBuffer()
    {
        if (_position > 0)
        {
            _stream.Write(_buffer, 0, _position);
            _position = 0;
        }
    }
}
