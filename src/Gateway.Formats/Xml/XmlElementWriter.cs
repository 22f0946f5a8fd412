using System.Runtime.InteropServices;
using System.Text.Json;
using System.Xml;
using Gateway.Core.Formats;

namespace Gateway.Formats.Xml;

/// <summary>
/// Writes a JSON value as an XML element with the Gateway XML convention: <c>@name</c> properties become attributes,
/// <c>@xmlns</c>/<c>@xmlns:p</c> namespace declarations, <c>#text</c> text, arrays repeated elements (items of an
/// array inside an array become <c>ItemElement</c>s), null an empty element, numbers and booleans their text.
/// </summary>
internal sealed class XmlElementWriter(string itemElement) : IDisposable
{
    // Records with unbounded distinct keys must not grow the cache without limit.
    private const int MaxCachedNames = 4096;

    private readonly XmlNamespaceScope _scope = new();
    private readonly XmlJsonPath _path = new();
    private readonly JsonCharBuffer _chars = new();
    private readonly Dictionary<string, XmlNameParts> _names = new(StringComparer.Ordinal);
    private readonly XmlNameParts _item = XmlNameParts.From(itemElement);

    private XmlWriter _xml = null!;

    /// <summary>Sets the writer elements go to (each record that needs XmlWriter gets a fresh one).</summary>
    public void Use(XmlWriter xml) => _xml = xml;

    /// <summary>The 1-based number of the record being written, for error locations.</summary>
    public long Record { get; set; }

    /// <summary>Whether locations name the record (a sequence) or only the JSON path.</summary>
    public bool IsSequence { get; set; }

    /// <summary>Where the writer is: <c>record N, $.path</c> in a sequence, <c>$.path</c> otherwise.</summary>
    public string Location => IsSequence ? $"record {Record}, {_path}" : _path.ToString();

    /// <summary>Starts writing a record: clears the path and the namespace scope of the previous one.</summary>
    public void Reset()
    {
        _path.Clear();
        _scope.Clear();
    }

    /// <summary>Writes <paramref name="value"/> as an element named <paramref name="name"/>.</summary>
    public void WriteElement(string name, JsonElement value) => WriteElement(Parts(name), value);

    /// <summary>Writes <paramref name="value"/> as an item element (a record of a sequence).</summary>
    public void WriteItem(JsonElement value) => WriteElement(_item, value);

    /// <summary>Opens an element with no attributes (the root of a sequence).</summary>
    public void WriteStartElement(string name)
    {
        var (prefix, local, ns) = Resolve(Parts(name), isAttribute: false);
        _xml.WriteStartElement(prefix, local, ns);
    }

    /// <summary>Notes a path segment for error messages (the property naming the root).</summary>
    public void PushPath(string name) => _path.Push(name);

    public void Dispose() => _chars.Dispose();

    private void WriteElement(XmlNameParts name, JsonElement value)
    {
        var mark = _scope.Mark;
        var mayHaveAttributes = value.ValueKind == JsonValueKind.Object && MayHaveAttributes(value);
        if (mayHaveAttributes)
        {
            DeclareNamespaces(value);
        }

        var (prefix, local, ns) = Resolve(name, isAttribute: false);
        _xml.WriteStartElement(prefix, local, ns);
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                if (mayHaveAttributes)
                {
                    WriteAttributes(value);
                }

                WriteContent(value);
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    _path.Push(index++);
                    WriteElement(_item, item);
                    _path.Pop();
                }

                break;
            case JsonValueKind.Null:
                break;
            default:
                WriteScalar(value);
                break;
        }

        _xml.WriteEndElement();
        _scope.Restore(mark);
    }

    /// <summary>
    /// False when no property name of the object starts with <c>@</c>, checked on the raw UTF-8 names (an escaped
    /// first character counts as a maybe), so objects without attributes skip the attribute passes.
    /// </summary>
    private static bool MayHaveAttributes(JsonElement value)
    {
        foreach (var property in value.EnumerateObject())
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            if (raw.Length > 0 && raw[0] is (byte)'@' or (byte)'\\')
            {
                return true;
            }
        }

        return false;
    }

    private void DeclareNamespaces(JsonElement value)
    {
        foreach (var property in value.EnumerateObject())
        {
            var length = _chars.CopyName(property);
            if (DeclaredPrefix(_chars.Chars.AsSpan(0, length)) is { } prefix)
            {
                _path.Push(property.Name);
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    throw Error($"a namespace declaration must be a string (the namespace URI), not {Describe(property.Value)}");
                }

                _scope.Declare(prefix, property.Value.GetString()!);
                _path.Pop();
            }
        }
    }

    private void WriteAttributes(JsonElement value)
    {
        foreach (var property in value.EnumerateObject())
        {
            var length = _chars.CopyName(property);
            var name = _chars.Chars.AsSpan(0, length);
            if (length == 0 || name[0] != '@')
            {
                continue;
            }

            var parts = Parts(name);
            _path.Push(parts.Name);
            if (DeclaredPrefix(name) is { } prefix)
            {
                // Validated and declared in scope by DeclareNamespaces; written here to keep the document's order.
                var uri = property.Value.GetString()!;
                if (prefix.Length == 0)
                {
                    _xml.WriteAttributeString("xmlns", uri);
                }
                else
                {
                    _xml.WriteAttributeString("xmlns", prefix, XmlNamespaceScope.XmlnsNamespace, uri);
                }
            }
            else
            {
                if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                {
                    throw Error($"an attribute value must be a string, number, boolean or null, not {Describe(property.Value)}");
                }

                var (attributePrefix, local, ns) = Resolve(Parts(name[1..]), isAttribute: true);
                _xml.WriteStartAttribute(attributePrefix, local, ns);
                WriteScalar(property.Value);
                _xml.WriteEndAttribute();
            }

            _path.Pop();
        }
    }

    private void WriteContent(JsonElement value)
    {
        foreach (var property in value.EnumerateObject())
        {
            var length = _chars.CopyName(property);
            var name = _chars.Chars.AsSpan(0, length);
            if (length > 0 && name[0] == '@')
            {
                continue;
            }

            var parts = Parts(name);
            _path.Push(parts.Name);
            if (parts.Name == "#text")
            {
                if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                {
                    throw Error($"#text must be a string, number, boolean or null, not {Describe(property.Value)}");
                }

                WriteScalar(property.Value);
            }
            else if (property.Value.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var item in property.Value.EnumerateArray())
                {
                    _path.Push(index++);
                    WriteElement(parts, item);
                    _path.Pop();
                }
            }
            else
            {
                WriteElement(parts, property.Value);
            }

            _path.Pop();
        }
    }

    /// <summary>Writes a string, number or boolean as text (of an element or of an open attribute); null writes nothing.</summary>
    private void WriteScalar(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                _xml.WriteChars(_chars.Chars, 0, _chars.CopyString(value));
                break;
            case JsonValueKind.Number:
                _xml.WriteChars(_chars.Chars, 0, _chars.CopyRaw(value));
                break;
            case JsonValueKind.True:
                _xml.WriteString("true");
                break;
            case JsonValueKind.False:
                _xml.WriteString("false");
                break;
            default:
                break;
        }
    }

    /// <summary>
    /// The XML name of a JSON name: <c>prefix:local</c> when the prefix is declared in scope, otherwise the whole name
    /// escaped (so <c>time:stamp</c> without a <c>time</c> namespace becomes <c>time_x003A_stamp</c>).
    /// </summary>
    private (string Prefix, string Local, string Namespace) Resolve(XmlNameParts name, bool isAttribute)
    {
        if (name.Prefix is not null && _scope.Lookup(name.Prefix) is { } bound)
        {
            return (name.Prefix, name.Local, bound);
        }

        if (name.Whole.Length == 0)
        {
            throw Error(isAttribute ? "an attribute needs a name: '@' alone is not one" : "an empty property name cannot become an XML element name");
        }

        return (string.Empty, name.Whole, isAttribute ? string.Empty : _scope.Lookup(string.Empty)!);
    }

    private XmlNameParts Parts(ReadOnlySpan<char> name)
    {
        var lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(name, out var parts))
        {
            return parts;
        }

        parts = XmlNameParts.From(name.ToString());
        if (_names.Count < MaxCachedNames)
        {
            _names[parts.Name] = parts;
        }

        return parts;
    }

    /// <summary>The prefix an <c>@xmlns</c> / <c>@xmlns:p</c> name declares (<c>""</c> for the default namespace), or null.</summary>
    private static string? DeclaredPrefix(ReadOnlySpan<char> name)
    {
        if (!name.StartsWith("@xmlns", StringComparison.Ordinal))
        {
            return null;
        }

        if (name.Length == 6)
        {
            return string.Empty;
        }

        return name.Length > 7 && name[6] == ':' ? name[7..].ToString() : null;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };

    private FormatReadException Error(string message) => new($"Cannot write the record as XML: {message}.", Location);
}
