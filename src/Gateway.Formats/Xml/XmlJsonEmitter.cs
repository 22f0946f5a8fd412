using System.Text;
using System.Text.Json;

namespace Gateway.Formats.Xml;

/// <summary>
/// Writes an <see cref="XmlTreeNode"/> tree as canonical JSON with the Gateway XML convention: attributes first
/// (<c>@name</c>), then child elements grouped by name in order of first appearance (repeated names and
/// <c>ArrayPaths</c> become arrays), with <c>#text</c> placed where its first piece of text appeared.
/// </summary>
internal sealed class XmlJsonEmitter(XmlJsonNames names, bool inferTypes)
{
    private readonly Dictionary<string, XmlTreeNode> _lastByName = new(StringComparer.Ordinal);
    private readonly StringBuilder _text = new();

    /// <summary>Writes <c>{ "rootName": value }</c> for a whole document.</summary>
    public void WriteDocument(Utf8JsonWriter json, XmlTreeNode root, XmlArrayPathNode paths)
    {
        json.WriteStartObject();
        var name = names.Element(root.Name);
        json.WritePropertyName(name.Json);
        var path = paths.Child(name.Decoded);
        if (path is { IsArray: true })
        {
            json.WriteStartArray();
            WriteValue(json, root, path, null);
            json.WriteEndArray();
        }
        else
        {
            WriteValue(json, root, path, null);
        }

        json.WriteEndObject();
    }

    /// <summary>Writes a record element's value; <paramref name="inherited"/> are declarations it needs from its ancestors.</summary>
    public void WriteRecord(Utf8JsonWriter json, XmlTreeNode record, XmlArrayPathNode paths, IReadOnlyList<KeyValuePair<string, string>>? inherited) =>
        WriteValue(json, record, paths, inherited);

    private void WriteValue(Utf8JsonWriter json, XmlTreeNode node, XmlArrayPathNode? path, IReadOnlyList<KeyValuePair<string, string>>? inherited)
    {
        var text = KeptText(node, out var textPosition);
        if (node.Attributes.Count == 0 && node.Children.Count == 0)
        {
            if (text is null)
            {
                json.WriteNullValue();
            }
            else
            {
                WriteScalar(json, text);
            }

            return;
        }

        json.WriteStartObject();
        if (inherited is not null)
        {
            foreach (var (prefix, uri) in inherited)
            {
                json.WriteString(prefix.Length == 0 ? "@xmlns" : "@xmlns:" + prefix, uri);
            }
        }

        foreach (var (attributeName, value) in node.Attributes)
        {
            var name = names.Attribute(attributeName);
            json.WritePropertyName(name.Json);
            if (name.IsNamespaceDeclaration)
            {
                json.WriteStringValue(value);
            }
            else
            {
                WriteScalar(json, value);
            }
        }

        Group(node);
        var children = node.Children;
        for (var i = 0; i < children.Count; i++)
        {
            var child = children[i];
            if (!child.IsGroupHead)
            {
                continue;
            }

            if (text is not null && textPosition <= i)
            {
                WriteText(json, text);
                text = null;
            }

            var name = names.Element(child.Name);
            var childPath = path?.Child(name.Decoded);
            json.WritePropertyName(name.Json);
            if (child.NextSameName is not null || childPath is { IsArray: true })
            {
                json.WriteStartArray();
                for (var sibling = child; sibling is not null; sibling = sibling.NextSameName)
                {
                    WriteValue(json, sibling, childPath, null);
                }

                json.WriteEndArray();
            }
            else
            {
                WriteValue(json, child, childPath, null);
            }
        }

        if (text is not null)
        {
            WriteText(json, text);
        }

        json.WriteEndObject();
    }

    private void WriteText(Utf8JsonWriter json, string text)
    {
        json.WritePropertyName("#text"u8);
        WriteScalar(json, text);
    }

    private void WriteScalar(Utf8JsonWriter json, string text)
    {
        if (inferTypes)
        {
            if (text == "true")
            {
                json.WriteBooleanValue(true);
                return;
            }

            if (text == "false")
            {
                json.WriteBooleanValue(false);
                return;
            }

            if (JsonNumberText.IsNumber(text))
            {
                json.WriteRawValue(text, skipInputValidation: true);
                return;
            }
        }

        json.WriteStringValue(text);
    }

    /// <summary>Links same-name siblings (by decoded name) and marks the first of each name.</summary>
    private void Group(XmlTreeNode node)
    {
        _lastByName.Clear();
        foreach (var child in node.Children)
        {
            child.NextSameName = null;
            var key = names.Element(child.Name).Decoded;
            if (_lastByName.TryGetValue(key, out var previous))
            {
                previous.NextSameName = child;
                child.IsGroupHead = false;
            }
            else
            {
                child.IsGroupHead = true;
            }

            _lastByName[key] = child;
        }

        _lastByName.Clear();
    }

    /// <summary>
    /// The element's text: all pieces when it has no child elements, otherwise only the pieces that are not
    /// whitespace (indentation between elements is not data). Null when nothing is left.
    /// </summary>
    private string? KeptText(XmlTreeNode node, out int position)
    {
        position = 0;
        var pieces = node.Texts;
        var dropWhitespace = node.Children.Count > 0;
        if (pieces.Count == 1)
        {
            var piece = pieces[0];
            position = piece.ChildIndex;
            return dropWhitespace && piece.IsWhitespace ? null : piece.Text;
        }

        _text.Clear();
        position = -1;
        foreach (var piece in pieces)
        {
            if (dropWhitespace && piece.IsWhitespace)
            {
                continue;
            }

            if (position < 0)
            {
                position = piece.ChildIndex;
            }

            _text.Append(piece.Text);
        }

        return position < 0 ? null : _text.ToString();
    }
}
