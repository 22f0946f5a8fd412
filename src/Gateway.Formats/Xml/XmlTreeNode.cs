namespace Gateway.Formats.Xml;

/// <summary>
/// One element of the per-record tree the reader builds before writing JSON (siblings must be grouped into arrays
/// first). Nodes are plain structs in <see cref="XmlTree"/>'s arrays, linked by index, so a document with many
/// elements costs no object per element and the storage is reused from record to record.
/// </summary>
internal struct XmlTreeNode
{
    /// <summary>The element's qualified name as the XML reader reported it (atomized, not yet decoded).</summary>
    public string Name;

    /// <summary>Index of the first attribute; a node's attributes are stored contiguously.</summary>
    public int FirstAttribute;

    /// <summary>Number of attributes (namespace declarations included), in document order.</summary>
    public int AttributeCount;

    /// <summary>Index of the first child element, or -1.</summary>
    public int FirstChild;

    /// <summary>Index of the last child element, or -1.</summary>
    public int LastChild;

    /// <summary>Index of the next sibling element, or -1.</summary>
    public int NextSibling;

    /// <summary>Number of child elements.</summary>
    public int ChildCount;

    /// <summary>Index of the first text piece, or -1; pieces are linked through <see cref="XmlTextPiece.Next"/>.</summary>
    public int FirstText;

    /// <summary>Index of the last text piece, or -1.</summary>
    public int LastText;

    /// <summary>Number of text pieces.</summary>
    public int TextCount;

    /// <summary>The next sibling with the same name, or -1; set by the emitter when it groups siblings.</summary>
    public int NextSameName;

    /// <summary>True for the first sibling of each name, set by the emitter when it groups siblings.</summary>
    public bool IsGroupHead;
}
