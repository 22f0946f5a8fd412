namespace Gateway.Formats.Xml;

/// <summary>The role of a JSON property name in the Gateway XML convention, as far as <see cref="XmlDirectWriter"/> handles it.</summary>
internal enum XmlDirectNameKind
{
    /// <summary>A name only the XmlWriter path writes (namespaces, the <c>xml</c> prefix) or refuses (an empty name).</summary>
    Unsupported,

    /// <summary>A child element.</summary>
    Element,

    /// <summary>An <c>@name</c> attribute.</summary>
    Attribute,

    /// <summary>The <c>#text</c> key.</summary>
    Text,
}
