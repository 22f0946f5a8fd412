using System.Text.Json;
using System.Text.Unicode;
using Gateway.Formats.Csv;
using Gateway.Formats.Json;

namespace Gateway.Formats.Xml;

/// <summary>
/// Writes a JSON record as XML in one pass over its tokens (the reader's <see cref="JsonTape"/> when it has one,
/// <see cref="Utf8JsonReader"/> otherwise), straight into UTF-8 bytes, with the
/// same bytes <see cref="XmlElementWriter"/> gets from <c>XmlWriter</c>. It covers the common shapes: elements,
/// <c>@attributes</c> before any content, <c>#text</c>, arrays, scalars. Anything else answers false with nothing
/// written, and the caller writes the record with <c>XmlWriter</c>: namespace declarations and the <c>xml</c>
/// prefix, an attribute after content (XmlWriter puts it in the start tag, which is already written here), and
/// every error (invalid JSON, values XML cannot hold, duplicate attributes), so errors keep their exact wording.
/// </summary>
internal sealed class XmlDirectWriter(XmlUtf8Output output, byte[] itemName, int maxDepth) : IDisposable
{
    private readonly XmlDirectNames _names = new();
    private readonly PooledByteBuffer _scratch = new(256);
    private readonly List<(int Start, int Length)> _attributes = [];
    private readonly JsonReaderOptions _readerOptions = new() { MaxDepth = maxDepth };

    // The reader's own limit (0 means its default of 64); a tape deeper than that is left to the reader to refuse.
    private readonly int _tapeDepthLimit = maxDepth <= 0 ? 64 : maxDepth;
    private int _ordinal;

    /// <summary>Writes <paramref name="record"/> as an element named <paramref name="name"/>; false (and nothing written) when XmlWriter must.</summary>
    public bool TryWriteElement(ReadOnlySpan<byte> record, byte[] name) => TryWrite(record, name, namesRoot: false);

    /// <summary>
    /// Writes a single record: a one-property object whose value is not an array names the root element, anything
    /// else goes inside <paramref name="rootName"/>.
    /// </summary>
    public bool TryWriteDocument(ReadOnlySpan<byte> record, byte[] rootName) =>
        TryWrite(record, rootName, namesRoot: true) || TryWrite(record, rootName, namesRoot: false);

    public void Dispose() => _scratch.Dispose();

    private bool TryWrite(ReadOnlySpan<byte> record, byte[] name, bool namesRoot)
    {
        if (JsonTape.For(record) is { } tape && tape.Depth <= _tapeDepthLimit)
        {
            // Proven valid JSON and UTF-8 by the reader: walk its tokens.
            var tokens = new TapeTokens(record, tape);
            return TryWrite(ref tokens, name, namesRoot);
        }

        // The reader does not check UTF-8 inside strings; XmlWriter's path refuses what is not valid.
        if (!Utf8.IsValid(record))
        {
            return false;
        }

        var mark = output.Mark();
        try
        {
            var tokens = new ReaderTokens(record, _readerOptions);
            return TryWrite(ref tokens, name, namesRoot);
        }
        catch (JsonException)
        {
            // Invalid JSON: XmlWriter's path parses the record first and reports it.
        }
        catch (InvalidOperationException)
        {
            // A string the reader cannot unescape: XmlWriter's path reports it.
        }

        output.Rewind(mark);
        return false;
    }

    private bool TryWrite<TTokens>(ref TTokens reader, byte[] name, bool namesRoot)
        where TTokens : IJsonTokens, allows ref struct
    {
        var mark = output.Mark();
        _ordinal = 0;
        var written = reader.Read() && (namesRoot ? TryWriteNamedRoot(ref reader) : TryWriteValue(ref reader, name));
        if (written && !reader.Read())
        {
            return true;
        }

        output.Rewind(mark);
        return false;
    }

    /// <summary>The record <c>{"name": value}</c> with a value that is not an array: the element <c>name</c>.</summary>
    private bool TryWriteNamedRoot<TTokens>(ref TTokens reader)
        where TTokens : IJsonTokens, allows ref struct
    {
        if (reader.TokenType != JsonTokenType.StartObject || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName)
        {
            return false;
        }

        var name = Name(ref reader);
        reader.Read();
        if (name.Kind != XmlDirectNameKind.Element || reader.TokenType == JsonTokenType.StartArray || !TryWriteValue(ref reader, name.Xml))
        {
            return false;
        }

        // A second property means the record was not a one-property object after all.
        return reader.Read() && reader.TokenType == JsonTokenType.EndObject;
    }

    /// <summary>Writes the value the reader is on as an element; the reader ends on the value's last token.</summary>
    private bool TryWriteValue<TTokens>(ref TTokens reader, byte[] name)
        where TTokens : IJsonTokens, allows ref struct
    {
        output.StartElement(name);
        _attributes.Clear();
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                if (!TryWriteMembers(ref reader))
                {
                    return false;
                }

                break;
            case JsonTokenType.StartArray:
                // Items of an array directly inside an element are item elements.
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (!TryWriteValue(ref reader, itemName))
                    {
                        return false;
                    }
                }

                break;
            case JsonTokenType.Null:
                break;
            default:
                if (!TryWriteScalar(ref reader, attribute: false))
                {
                    return false;
                }

                break;
        }

        output.EndElement(name);
        return true;
    }

    private bool TryWriteMembers<TTokens>(ref TTokens reader)
        where TTokens : IJsonTokens, allows ref struct
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Name(ref reader);
            reader.Read();
            switch (name.Kind)
            {
                case XmlDirectNameKind.Attribute:
                    if (!TryWriteAttribute(ref reader, name.Xml))
                    {
                        return false;
                    }

                    break;
                case XmlDirectNameKind.Text:
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray || !TryWriteScalar(ref reader, attribute: false))
                    {
                        return false;
                    }

                    break;
                case XmlDirectNameKind.Element when reader.TokenType == JsonTokenType.StartArray:
                    // An array is the element repeated, once per item.
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (!TryWriteValue(ref reader, name.Xml))
                        {
                            return false;
                        }
                    }

                    break;
                case XmlDirectNameKind.Element:
                    if (!TryWriteValue(ref reader, name.Xml))
                    {
                        return false;
                    }

                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    private bool TryWriteAttribute<TTokens>(ref TTokens reader, byte[] name)
        where TTokens : IJsonTokens, allows ref struct
    {
        // XmlWriter writes every attribute in the start tag, even one that follows content in the JSON.
        if (!output.TagOpen || reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray || IsDuplicate(name))
        {
            return false;
        }

        output.StartAttribute(name);
        _attributes.Add((output.Length - name.Length - 2, name.Length));
        if (reader.TokenType != JsonTokenType.Null && !TryWriteScalar(ref reader, attribute: true))
        {
            return false;
        }

        output.EndAttribute();
        return true;
    }

    private bool IsDuplicate(ReadOnlySpan<byte> name)
    {
        foreach (var (start, length) in _attributes)
        {
            if (output.Written.Slice(start, length).SequenceEqual(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A string, number or boolean as text; null writes nothing (not even an empty text node).</summary>
    private bool TryWriteScalar<TTokens>(ref TTokens reader, bool attribute)
        where TTokens : IJsonTokens, allows ref struct
    {
        ReadOnlySpan<byte> text;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                text = Unescape(ref reader, out var unescaped);
                if (!unescaped)
                {
                    return false;
                }

                break;
            case JsonTokenType.Number:
                text = reader.ValueSpan;
                break;
            case JsonTokenType.True:
                text = "true"u8;
                break;
            case JsonTokenType.False:
                text = "false"u8;
                break;
            default:
                return true;
        }

        return attribute ? output.TryWriteAttributeText(text) : output.TryWriteText(text);
    }

    private XmlDirectName Name<TTokens>(ref TTokens reader)
        where TTokens : IJsonTokens, allows ref struct
    {
        var name = Unescape(ref reader, out var unescaped);
        return unescaped ? _names.Get(name, _ordinal++) : new XmlDirectName(XmlDirectNameKind.Unsupported, []);
    }

    /// <summary>The UTF-8 text of a string or property name; not <paramref name="unescaped"/> for a <c>\u</c> escape of a surrogate (XmlWriter's path judges those).</summary>
    private ReadOnlySpan<byte> Unescape<TTokens>(scoped ref TTokens reader, out bool unescaped)
        where TTokens : IJsonTokens, allows ref struct
    {
        var raw = reader.ValueSpan;
        unescaped = !reader.ValueIsEscaped || !HasSurrogateEscape(raw);
        if (!reader.ValueIsEscaped || !unescaped)
        {
            return raw;
        }

        // Unescaping never makes the text longer.
        _scratch.Clear();
        _scratch.Advance(reader.CopyString(_scratch.GetSpan(raw.Length)));
        return _scratch.WrittenSpan;
    }

    private static bool HasSurrogateEscape(ReadOnlySpan<byte> raw)
    {
        var at = raw.IndexOf("\\u"u8);
        while (at >= 0 && at + 3 < raw.Length)
        {
            if (raw[at + 2] is (byte)'d' or (byte)'D' && raw[at + 3] is >= (byte)'8' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F')
            {
                return true;
            }

            var next = raw[(at + 2)..].IndexOf("\\u"u8);
            at = next < 0 ? -1 : at + 2 + next;
        }

        return false;
    }
}
