using System.Xml;

namespace Gateway.Formats.Xml;

/// <summary>
/// Storage of one record's element tree: nodes, attributes and text pieces in arrays of structs linked by index,
/// and all attribute values and text in one char buffer. The arrays grow as needed and are reused by the next
/// record, so building a tree allocates nothing per element.
/// </summary>
internal sealed class XmlTree
{
    // Free chars made available to each ReadValueChunk call.
    private const int ValueChunkChars = 4096;

    private XmlTreeNode[] _nodes = new XmlTreeNode[64];
    private XmlTreeAttribute[] _attributes = new XmlTreeAttribute[16];
    private XmlTextPiece[] _texts = new XmlTextPiece[64];
    private char[] _chars = new char[4096];
    private int _nodeCount;
    private int _attributeCount;
    private int _textCount;
    private int _charCount;

    /// <summary>Number of chars in the storage.</summary>
    public int CharCount => _charCount;

    /// <summary>Forgets the previous tree, keeping the storage.</summary>
    public void Clear()
    {
        _nodeCount = 0;
        _attributeCount = 0;
        _textCount = 0;
        _charCount = 0;
    }

    /// <summary>The node at <paramref name="index"/>; the reference is valid until the next node is added.</summary>
    public ref XmlTreeNode Node(int index) => ref _nodes[index];

    public XmlTreeAttribute Attribute(int index) => _attributes[index];

    public XmlTextPiece Text(int index) => _texts[index];

    /// <summary>Chars of the storage; the span is valid until more chars are added.</summary>
    public ReadOnlySpan<char> Chars(int start, int length) => _chars.AsSpan(start, length);

    /// <summary>Adds an element as the last child of <paramref name="parent"/> (-1 for the root); returns its index.</summary>
    public int AddNode(string name, int parent)
    {
        if (_nodeCount == _nodes.Length)
        {
            Array.Resize(ref _nodes, _nodes.Length * 2);
        }

        var index = _nodeCount++;
        _nodes[index] = new XmlTreeNode
        {
            Name = name,
            FirstAttribute = _attributeCount,
            FirstChild = -1,
            LastChild = -1,
            NextSibling = -1,
            FirstText = -1,
            LastText = -1,
            NextSameName = -1,
        };

        if (parent >= 0)
        {
            ref var owner = ref _nodes[parent];
            if (owner.LastChild < 0)
            {
                owner.FirstChild = index;
            }
            else
            {
                _nodes[owner.LastChild].NextSibling = index;
            }

            owner.LastChild = index;
            owner.ChildCount++;
        }

        return index;
    }

    /// <summary>Adds an attribute to <paramref name="node"/>, which must be the node added last.</summary>
    public void AddAttribute(int node, string name, ReadOnlySpan<char> value)
    {
        if (_attributeCount == _attributes.Length)
        {
            Array.Resize(ref _attributes, _attributes.Length * 2);
        }

        _attributes[_attributeCount++] = new XmlTreeAttribute(name, AppendChars(value), value.Length);
        _nodes[node].AttributeCount++;
    }

    /// <summary>
    /// Adds a text piece to <paramref name="node"/> whose chars were appended to the storage at
    /// <paramref name="start"/>, remembering how many child elements precede it.
    /// </summary>
    public void AddText(int node, int start, int length, bool isWhitespace)
    {
        if (_textCount == _texts.Length)
        {
            Array.Resize(ref _texts, _texts.Length * 2);
        }

        var index = _textCount++;
        ref var owner = ref _nodes[node];
        _texts[index] = new XmlTextPiece(start, length, owner.ChildCount, isWhitespace, -1);
        if (owner.LastText < 0)
        {
            owner.FirstText = index;
        }
        else
        {
            _texts[owner.LastText] = _texts[owner.LastText] with { Next = index };
        }

        owner.LastText = index;
        owner.TextCount++;
    }

    /// <summary>
    /// Appends the next chunk of the value of the text node the reader is on (without materializing it as a
    /// string); returns the number of chars appended, 0 at the end of the value.
    /// </summary>
    public int AppendValueChunk(XmlReader reader)
    {
        if (_chars.Length - _charCount < ValueChunkChars)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _charCount + ValueChunkChars));
        }

        var read = reader.ReadValueChunk(_chars, _charCount, _chars.Length - _charCount);
        _charCount += read;
        return read;
    }

    /// <summary>Appends chars to the storage; returns where they start.</summary>
    public int AppendChars(ReadOnlySpan<char> chars)
    {
        if (_chars.Length - _charCount < chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _charCount + chars.Length));
        }

        var start = _charCount;
        chars.CopyTo(_chars.AsSpan(start));
        _charCount += chars.Length;
        return start;
    }
}
