namespace Gateway.Formats.Xml;

/// <summary>A JSON property name as <see cref="XmlDirectWriter"/> writes it: its role and its escaped XML name in UTF-8.</summary>
internal readonly record struct XmlDirectName(XmlDirectNameKind Kind, byte[] Xml);
