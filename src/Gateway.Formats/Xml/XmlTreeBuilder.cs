using System.Xml;

namespace Gateway.Formats.Xml;

/// <summary>
/// Reads one element and its subtree from an <see cref="XmlReader"/> into a small tree of pooled
/// <see cref="XmlTreeNode"/>s, checking the depth and (for records) size limits as it goes. The loop is iterative,
/// so deep documents cannot overflow the stack.
/// </summary>
internal sealed class XmlTreeBuilder(XmlReadLimits limits, XmlInheritedNamespaces? namespaces)
{
    private readonly List<XmlTreeNode> _pool = [];
    private readonly List<XmlTreeNode> _open = [];
    private int _used;
    private long _chars;

    /// <summary>
    /// Builds the tree of the element the reader is positioned on and leaves the reader on its end tag (or on the
    /// element itself when it is empty). The returned nodes stay valid until the next call.
    /// </summary>
    public XmlTreeNode Build(XmlReader reader)
    {
        _used = 0;
        _chars = 0;
        _open.Clear();
        namespaces?.BeginRecord();
        var track = namespaces is { IsEmpty: false };

        var root = Open(reader, track, isRoot: true);
        if (reader.IsEmptyElement)
        {
            return root;
        }

        _open.Add(root);
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    limits.CheckDepth(reader);
                    var node = Open(reader, track, isRoot: false);
                    _open[^1].Children.Add(node);
                    if (!reader.IsEmptyElement)
                    {
                        _open.Add(node);
                    }

                    break;
                case XmlNodeType.EndElement:
                    _open.RemoveAt(_open.Count - 1);
                    if (_open.Count == 0)
                    {
                        return root;
                    }

                    break;
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                    var text = reader.Value;
                    Count(reader, text.Length);
                    _open[^1].AddText(text, IsWhitespace(text));
                    break;
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    var space = reader.Value;
                    Count(reader, space.Length);
                    _open[^1].AddText(space, isWhitespace: true);
                    break;
                default:
                    // Comments and processing instructions are not data; nothing else occurs inside an element once
                    // DTDs are prohibited.
                    break;
            }
        }

        // XmlReader reports unclosed elements itself; this only guards against a reader that does not.
        throw new XmlException("The document ends inside an element.");
    }

    private XmlTreeNode Open(XmlReader reader, bool track, bool isRoot)
    {
        var node = Rent();
        var name = reader.Name;
        node.Reset(name);
        Count(reader, name.Length);
        var depth = reader.Depth;
        if (track)
        {
            namespaces!.EnterRecordElement(depth);
        }

        if (reader.HasAttributes)
        {
            while (reader.MoveToNextAttribute())
            {
                var attributeName = reader.Name;
                var value = reader.Value;
                Count(reader, attributeName.Length + value.Length);
                node.Attributes.Add(new(attributeName, value));
                if (track && XmlInheritedNamespaces.IsDeclaration(reader.NamespaceURI))
                {
                    namespaces!.Declare(depth, XmlInheritedNamespaces.DeclaredPrefix(reader));
                }
            }

            reader.MoveToElement();
        }

        if (track)
        {
            TrackUses(reader, node, isRoot);
        }

        return node;
    }

    private void TrackUses(XmlReader reader, XmlTreeNode node, bool isRoot)
    {
        // The record element's own name is not part of the record's JSON, so its prefix needs no declaration.
        if (!isRoot)
        {
            namespaces!.Use(reader.Prefix);
        }

        foreach (var attribute in node.Attributes)
        {
            var colon = attribute.Key.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                namespaces!.Use(attribute.Key[..colon]);
            }
        }
    }

    private XmlTreeNode Rent()
    {
        if (_used == _pool.Count)
        {
            _pool.Add(new XmlTreeNode());
        }

        return _pool[_used++];
    }

    private void Count(XmlReader reader, int chars)
    {
        _chars += chars;
        limits.CheckRecordChars(reader, _chars);
    }

    private static bool IsWhitespace(string text)
    {
        foreach (var c in text)
        {
            if (c is not (' ' or '\t' or '\r' or '\n'))
            {
                return false;
            }
        }

        return true;
    }
}
