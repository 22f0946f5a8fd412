namespace Gateway.Formats.Xml;

/// <summary>An attribute of an <see cref="XmlTreeNode"/>: its name (not yet decoded) and where its value is in <see cref="XmlTree"/>'s char storage.</summary>
internal readonly record struct XmlTreeAttribute(string Name, int ValueStart, int ValueLength);
