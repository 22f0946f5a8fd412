using System.Buffers;
using Gateway.Formats.Csv;

namespace Gateway.Formats.Xml;

/// <summary>
/// Writes XML markup as UTF-8 bytes into a pooled buffer with exactly the bytes <c>XmlWriter</c> produces for the
/// settings of <see cref="XmlRecordWriter"/>: <c>" /&gt;"</c> for an element without content, <c>&amp;lt;</c>,
/// <c>&amp;gt;</c>, <c>&amp;amp;</c> and <c>&amp;#xD;</c> in text, also <c>&amp;quot;</c>, <c>&amp;#x9;</c> and
/// <c>&amp;#xA;</c> in attributes, and, when indenting, a new line and two spaces per level before an element unless
/// its parent already holds text (mixed content is never re-indented). Text that XML cannot hold is not written:
/// the escaping methods return false and the caller hands the record to <c>XmlWriter</c>, which words the error.
/// </summary>
internal sealed class XmlUtf8Output(bool indent) : IDisposable
{
    /// <summary>Bytes that end a run of text to copy as is: markup characters, control characters, and the lead byte of U+FFFE/U+FFFF.</summary>
    private static readonly SearchValues<byte> TextStops = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, (byte)'<', (byte)'>', (byte)'&', (byte)'"', 0xEF]);

    private readonly PooledByteBuffer _buffer = new(16 * 1024);
    private bool[] _mixedStack = new bool[32];
    private int _level;
    private bool _mixed;

    // Where the last text and the last start tag's '>' ended, compared with the buffer's length the way XmlWriter
    // compares its own positions: "nothing since the last text" suppresses an indent, "nothing since '>'" makes " />".
    private int _textEnd;
    private int _contentStart = -1;
    private bool _tagOpen;

    /// <summary>The bytes written and not yet taken.</summary>
    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public int Length => _buffer.Length;

    /// <summary>Whether the last element's start tag still takes attributes (no content was written into it yet).</summary>
    public bool TagOpen => _tagOpen;

    /// <summary>The nesting depth of open elements.</summary>
    public int Level => _level;

    /// <summary>Forgets what was written (after the caller copied it out); positions stay meaningful across the cut.</summary>
    public void Clear()
    {
        _textEnd = _textEnd == _buffer.Length ? 0 : -1;
        _contentStart = -1;
        _buffer.Clear();
    }

    /// <summary>Drops a record's partial output; <paramref name="mark"/> comes from <see cref="Mark"/>.</summary>
    public void Rewind(in OutputMark mark)
    {
        _buffer.Truncate(mark.Length);
        _level = mark.Level;
        _mixed = mark.Mixed;
        _textEnd = mark.TextEnd;
        _contentStart = mark.ContentStart;
        _tagOpen = mark.TagOpen;
    }

    public OutputMark Mark() => new(_buffer.Length, _level, _mixed, _textEnd, _contentStart, _tagOpen);

    /// <summary>Appends markup that XmlWriter wrote for this writer (a record it had to write), as complete elements.</summary>
    public void AppendElements(ReadOnlySpan<byte> markup)
    {
        _buffer.Write(markup);
        _contentStart = -1;
        _textEnd = -1;
    }

    /// <summary>Closes a start tag left open (by the root of a sequence) before content that XmlWriter wrote.</summary>
    public void CloseOpenTag()
    {
        if (_tagOpen)
        {
            StartContent();
        }
    }

    /// <summary>Writes <c>&lt;name</c>; the tag stays open for attributes until content or the end.</summary>
    public void StartElement(ReadOnlySpan<byte> name)
    {
        CloseOpenTag();
        if (!_mixed && _textEnd != _buffer.Length)
        {
            WriteIndent();
        }

        if (_level == _mixedStack.Length)
        {
            Array.Resize(ref _mixedStack, _level * 2);
        }

        _mixedStack[_level++] = _mixed;
        _buffer.Write((byte)'<');
        _buffer.Write(name);
        _tagOpen = true;
    }

    /// <summary>Writes <c> name="</c>; follow with <see cref="TryWriteText"/> (attribute mode) and <see cref="EndAttribute"/>.</summary>
    public void StartAttribute(ReadOnlySpan<byte> name)
    {
        _buffer.Write((byte)' ');
        _buffer.Write(name);
        _buffer.Write("=\""u8);
    }

    public void EndAttribute() => _buffer.Write((byte)'"');

    /// <summary>Writes element text (XmlWriter marks the element as mixed content, even for empty text).</summary>
    public bool TryWriteText(ReadOnlySpan<byte> text)
    {
        CloseOpenTag();
        _mixed = true;
        if (!TryEscape(text, attribute: false))
        {
            return false;
        }

        _textEnd = _buffer.Length;
        _contentStart = -1;
        return true;
    }

    /// <summary>Writes escaped attribute text into an open attribute.</summary>
    public bool TryWriteAttributeText(ReadOnlySpan<byte> text) => TryEscape(text, attribute: true);

    /// <summary>Ends the innermost element: <c>" /&gt;"</c> when nothing was written inside it, its end tag otherwise.</summary>
    public void EndElement(ReadOnlySpan<byte> name)
    {
        CloseOpenTag();
        _level--;
        if (!_mixed && _contentStart != _buffer.Length && _textEnd != _buffer.Length)
        {
            WriteIndent();
        }

        _mixed = _mixedStack[_level];
        if (_contentStart == _buffer.Length)
        {
            // Nothing after '>': XmlWriter turns it into the short form.
            _buffer.Truncate(_buffer.Length - 1);
            _buffer.Write(" />"u8);
        }
        else
        {
            _buffer.Write("</"u8);
            _buffer.Write(name);
            _buffer.Write((byte)'>');
        }
    }

    public void Dispose() => _buffer.Dispose();

    private void StartContent()
    {
        // The root element never inherits mixed content; any other element starts as its parent is.
        _mixed = _level != 1 && _mixedStack[_level - 1];
        _buffer.Write((byte)'>');
        _contentStart = _buffer.Length;
        _tagOpen = false;
    }

    private void WriteIndent()
    {
        if (!indent)
        {
            return;
        }

        var span = _buffer.GetSpan(1 + (2 * _level));
        span[0] = (byte)'\n';
        span.Slice(1, 2 * _level).Fill((byte)' ');
        _buffer.Advance(1 + (2 * _level));
    }

    /// <summary>Copies valid UTF-8 text with XML escapes; false for a character XML 1.0 cannot hold (nothing is decided here about the error).</summary>
    private bool TryEscape(ReadOnlySpan<byte> text, bool attribute)
    {
        while (true)
        {
            var stop = text.IndexOfAny(TextStops);
            if (stop < 0)
            {
                _buffer.Write(text);
                return true;
            }

            _buffer.Write(text[..stop]);
            var b = text[stop];
            var length = 1;
            switch (b)
            {
                case (byte)'<':
                    _buffer.Write("&lt;"u8);
                    break;
                case (byte)'>':
                    _buffer.Write("&gt;"u8);
                    break;
                case (byte)'&':
                    _buffer.Write("&amp;"u8);
                    break;
                case (byte)'"':
                    _buffer.Write(attribute ? "&quot;"u8 : "\""u8);
                    break;
                case (byte)'\r':
                    _buffer.Write("&#xD;"u8);
                    break;
                case (byte)'\n':
                    _buffer.Write(attribute ? "&#xA;"u8 : "\n"u8);
                    break;
                case (byte)'\t':
                    _buffer.Write(attribute ? "&#x9;"u8 : "\t"u8);
                    break;
                case 0xEF:
                    // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters; other U+Fxxx are.
                    length = 3;
                    if (text[stop + 1] == 0xBF && text[stop + 2] >= 0xBE)
                    {
                        return false;
                    }

                    _buffer.Write(text.Slice(stop, 3));
                    break;
                default:
                    return false;
            }

            text = text[(stop + length)..];
        }
    }

    /// <summary>A point to rewind to: the buffer length and the indentation state there.</summary>
    public readonly record struct OutputMark(int Length, int Level, bool Mixed, int TextEnd, int ContentStart, bool TagOpen);
}
