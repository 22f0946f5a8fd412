using System.Text.Json;
using Gateway.Formats.Text;

namespace Gateway.Formats.Xml;

/// <summary>
/// Writes an <see cref="XmlTree"/> as canonical JSON with the Gateway XML convention: attributes first
/// (<c>@name</c>), then child elements grouped by name in order of first appearance (repeated names and
/// <c>ArrayPaths</c> become arrays), with <c>#text</c> placed where its first piece of text appeared.
/// </summary>
internal sealed class XmlJsonEmitter(XmlJsonNames names, bool inferTypes)
{
    private readonly Dictionary<string, int> _lastByName = new(StringComparer.Ordinal);

    /// <summary>Writes <c>{ "rootName": value }</c> for a whole document.</summary>
    public void WriteDocument(Utf8JsonWriter json, XmlTree tree, int root, XmlArrayPathNode paths)
    {
        json.WriteStartObject();
        var name = names.Element(tree.Node(root).Name);
        json.WritePropertyName(name.Json);
        var path = paths.Child(name.Decoded);
        if (path is { IsArray: true })
        {
            json.WriteStartArray();
            WriteValue(json, tree, root, path, null);
            json.WriteEndArray();
        }
        else
        {
            WriteValue(json, tree, root, path, null);
        }

        json.WriteEndObject();
    }

    /// <summary>Writes a record element's value; <paramref name="inherited"/> are declarations it needs from its ancestors.</summary>
    public void WriteRecord(Utf8JsonWriter json, XmlTree tree, int record, XmlArrayPathNode paths, IReadOnlyList<KeyValuePair<string, string>>? inherited) =>
        WriteValue(json, tree, record, paths, inherited);

    private void WriteValue(Utf8JsonWriter json, XmlTree tree, int index, XmlArrayPathNode? path, IReadOnlyList<KeyValuePair<string, string>>? inherited)
    {
        var node = tree.Node(index);
        var hasText = KeptText(tree, node, out var textStart, out var textLength, out var textPosition);
        if (node.AttributeCount == 0 && node.ChildCount == 0)
        {
            if (!hasText)
            {
                json.WriteNullValue();
            }
            else
            {
                WriteScalar(json, tree.Chars(textStart, textLength));
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

        for (var a = 0; a < node.AttributeCount; a++)
        {
            var attribute = tree.Attribute(node.FirstAttribute + a);
            var name = names.Attribute(attribute.Name);
            json.WritePropertyName(name.Json);
            var value = tree.Chars(attribute.ValueStart, attribute.ValueLength);
            if (name.IsNamespaceDeclaration)
            {
                json.WriteStringValue(value);
            }
            else
            {
                WriteScalar(json, value);
            }
        }

        Group(tree, node);
        var i = 0;
        for (var child = node.FirstChild; child >= 0; child = tree.Node(child).NextSibling, i++)
        {
            var head = tree.Node(child);
            if (!head.IsGroupHead)
            {
                continue;
            }

            if (hasText && textPosition <= i)
            {
                WriteText(json, tree.Chars(textStart, textLength));
                hasText = false;
            }

            var name = names.Element(head.Name);
            var childPath = path?.Child(name.Decoded);
            json.WritePropertyName(name.Json);
            if (head.NextSameName >= 0 || childPath is { IsArray: true })
            {
                json.WriteStartArray();
                for (var sibling = child; sibling >= 0; sibling = tree.Node(sibling).NextSameName)
                {
                    WriteValue(json, tree, sibling, childPath, null);
                }

                json.WriteEndArray();
            }
            else
            {
                WriteValue(json, tree, child, childPath, null);
            }
        }

        if (hasText)
        {
            WriteText(json, tree.Chars(textStart, textLength));
        }

        json.WriteEndObject();
    }

    private void WriteText(Utf8JsonWriter json, ReadOnlySpan<char> text)
    {
        json.WritePropertyName("#text"u8);
        WriteScalar(json, text);
    }

    private void WriteScalar(Utf8JsonWriter json, ReadOnlySpan<char> text)
    {
        if (inferTypes)
        {
            if (text.SequenceEqual("true"))
            {
                json.WriteBooleanValue(true);
                return;
            }

            if (text.SequenceEqual("false"))
            {
                json.WriteBooleanValue(false);
                return;
            }

            if (JsonNumberGrammar.IsNumber(text))
            {
                json.WriteRawValue(text, skipInputValidation: true);
                return;
            }
        }

        json.WriteStringValue(text);
    }

    /// <summary>Links same-name siblings (by decoded name) and marks the first of each name.</summary>
    private void Group(XmlTree tree, XmlTreeNode node)
    {
        _lastByName.Clear();
        for (var child = node.FirstChild; child >= 0; child = tree.Node(child).NextSibling)
        {
            ref var current = ref tree.Node(child);
            current.NextSameName = -1;
            var key = names.Element(current.Name).Decoded;
            if (_lastByName.TryGetValue(key, out var previous))
            {
                tree.Node(previous).NextSameName = child;
                current.IsGroupHead = false;
            }
            else
            {
                current.IsGroupHead = true;
            }

            _lastByName[key] = child;
        }

        _lastByName.Clear();
    }

    /// <summary>
    /// The element's text: all pieces when it has no child elements, otherwise only the pieces that are not
    /// whitespace (indentation between elements is not data). False when nothing is left. Several pieces are joined
    /// at the end of the tree's char storage.
    /// </summary>
    private static bool KeptText(XmlTree tree, XmlTreeNode node, out int start, out int length, out int position)
    {
        start = 0;
        length = 0;
        position = 0;
        var dropWhitespace = node.ChildCount > 0;
        if (node.TextCount == 1)
        {
            var piece = tree.Text(node.FirstText);
            position = piece.ChildIndex;
            start = piece.Start;
            length = piece.Length;
            return !(dropWhitespace && piece.IsWhitespace);
        }

        position = -1;
        for (var p = node.FirstText; p >= 0; p = tree.Text(p).Next)
        {
            var piece = tree.Text(p);
            if (dropWhitespace && piece.IsWhitespace)
            {
                continue;
            }

            if (position < 0)
            {
                position = piece.ChildIndex;
                start = piece.Start;
                length = piece.Length;
            }
            else if (start + length == piece.Start)
            {
                // Adjacent in storage: the joined text is already there.
                length += piece.Length;
            }
            else
            {
                if (start + length != tree.CharCount)
                {
                    // Copy the text so far to the end of the storage once; later pieces are appended after it.
                    start = tree.AppendChars(tree.Chars(start, length));
                }

                tree.AppendChars(tree.Chars(piece.Start, piece.Length));
                length += piece.Length;
            }
        }

        return position >= 0;
    }
}
