using System.Xml;

namespace Gateway.Formats.Xml;

/// <summary>
/// Reads one element and its subtree from an <see cref="XmlReader"/> into an <see cref="XmlTree"/>, checking the
/// depth, attribute and (for records) size limits as it goes. The loop is iterative, so deep documents cannot overflow the stack.
/// </summary>
internal sealed class XmlTreeBuilder(XmlReadLimits limits, XmlNameBudget names, XmlInheritedNamespaces? namespaces, XmlStrictCheck? strict = null)
{
    private readonly List<int> _open = [];
    private long _chars;

    /// <summary>The tree of the last <see cref="Build"/>; its contents stay valid until the next call.</summary>
    public XmlTree Tree { get; } = new();

    /// <summary>
    /// Builds the tree of the element the reader is positioned on and leaves the reader on its end tag (or on the
    /// element itself when it is empty). Returns the index of the root node in <see cref="Tree"/>.
    /// </summary>
    public int Build(XmlReader reader)
    {
        Tree.Clear();
        _chars = 0;
        _open.Clear();
        namespaces?.BeginRecord();
        var track = namespaces is { IsEmpty: false };

        strict?.Reset();
        var root = Open(reader, track, parent: -1);
        if (reader.IsEmptyElement)
        {
            return root;
        }

        _open.Add(root);
        strict?.Open(reader.Name);
        while (reader.Read())
        {
            names.NextNode();
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    limits.CheckDepth(reader);
                    strict?.Child(reader);
                    var node = Open(reader, track, _open[^1]);
                    if (!reader.IsEmptyElement)
                    {
                        _open.Add(node);
                        strict?.Open(reader.Name);
                    }

                    break;
                case XmlNodeType.EndElement:
                    _open.RemoveAt(_open.Count - 1);
                    strict?.Close();
                    if (_open.Count == 0)
                    {
                        return root;
                    }

                    break;
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                    AddText(reader, isWhitespace: false);
                    break;
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    AddText(reader, isWhitespace: true);
                    break;
                default:
                    if (strict is not null)
                    {
                        XmlStrictCheck.NotDropped(reader);
                    }

                    // Comments and processing instructions are not data; nothing else occurs inside an element while
                    // DTDs are ignored (an entity reference is an error).
                    break;
            }
        }

        // XmlReader reports unclosed elements itself; this only guards against a reader that does not.
        throw new XmlException("The document ends inside an element.");
    }

    private int Open(XmlReader reader, bool track, int parent)
    {
        var name = reader.Name;
        var node = Tree.AddNode(name, parent);
        Count(reader, name.Length);
        var depth = reader.Depth;
        if (track)
        {
            namespaces!.EnterRecordElement(depth);
        }

        if (reader.HasAttributes)
        {
            names.CheckAttributes(reader);
            while (reader.MoveToNextAttribute())
            {
                var attributeName = reader.Name;
                var value = reader.Value;
                Count(reader, attributeName.Length + value.Length);
                Tree.AddAttribute(node, attributeName, value);
                if (track && XmlInheritedNamespaces.IsDeclaration(reader.NamespaceURI))
                {
                    namespaces!.Declare(depth, XmlInheritedNamespaces.DeclaredPrefix(reader));
                }
            }

            reader.MoveToElement();
        }

        if (track)
        {
            TrackUses(reader, node, isRoot: parent < 0);
        }

        return node;
    }

    /// <summary>Copies the text node the reader is on into the tree, chunk by chunk where the reader can.</summary>
    private void AddText(XmlReader reader, bool isWhitespace)
    {
        var start = Tree.CharCount;
        var location = strict is null ? null : XmlReadErrors.Location(reader);
        if (reader.CanReadValueChunk)
        {
            int read;
            while ((read = Tree.AppendValueChunk(reader)) > 0)
            {
                Count(reader, read);
            }
        }
        else
        {
            var value = reader.Value;
            Count(reader, value.Length);
            Tree.AppendChars(value);
        }

        var length = Tree.CharCount - start;
        isWhitespace = isWhitespace || IsWhitespace(Tree.Chars(start, length));
        Tree.AddText(_open[^1], start, length, isWhitespace);
        strict?.Text(location!, isWhitespace);
    }

    private void TrackUses(XmlReader reader, int node, bool isRoot)
    {
        // The record element's own name is not part of the record's JSON, so its prefix needs no declaration.
        if (!isRoot)
        {
            namespaces!.Use(reader.Prefix);
        }

        ref var element = ref Tree.Node(node);
        for (var i = 0; i < element.AttributeCount; i++)
        {
            var attributeName = Tree.Attribute(element.FirstAttribute + i).Name;
            var colon = attributeName.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                namespaces!.Use(attributeName[..colon]);
            }
        }
    }

    private void Count(XmlReader reader, int chars)
    {
        _chars += chars;
        limits.CheckRecordChars(reader, _chars);
    }

    private static bool IsWhitespace(ReadOnlySpan<char> text)
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
