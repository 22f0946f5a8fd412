namespace Gateway.Formats.Xml;

/// <summary>
/// One element of the small per-record tree the reader builds before writing JSON (siblings must be grouped into
/// arrays first). Nodes are pooled by <see cref="XmlTreeBuilder"/> and reused from record to record.
/// </summary>
internal sealed class XmlTreeNode
{
    /// <summary>The element's qualified name as the XML reader reported it (atomized, not yet decoded).</summary>
    public string Name { get; private set; } = string.Empty;

    /// <summary>Attributes (namespace declarations included) in document order, names not yet decoded.</summary>
    public List<KeyValuePair<string, string>> Attributes { get; } = [];

    /// <summary>Child elements in document order.</summary>
    public List<XmlTreeNode> Children { get; } = [];

    /// <summary>Text, CDATA and whitespace pieces in document order.</summary>
    public List<XmlTextPiece> Texts { get; } = [];

    /// <summary>The next sibling with the same name, set by the emitter when it groups siblings.</summary>
    public XmlTreeNode? NextSameName { get; set; }

    /// <summary>True for the first sibling of each name, set by the emitter when it groups siblings.</summary>
    public bool IsGroupHead { get; set; }

    public void Reset(string name)
    {
        Name = name;
        Attributes.Clear();
        Children.Clear();
        Texts.Clear();
        NextSameName = null;
        IsGroupHead = false;
    }

    /// <summary>Adds a text piece, remembering how many child elements precede it.</summary>
    public void AddText(string text, bool isWhitespace) => Texts.Add(new XmlTextPiece(text, Children.Count, isWhitespace));
}
