using System.Text.Json;

namespace Gateway.Formats.Xml;

/// <summary>
/// An XML name as it appears in JSON: <see cref="Decoded"/> is the name after <c>XmlConvert.DecodeName</c>
/// (what <c>ArrayPaths</c> and <c>RecordElement</c> match), <see cref="Json"/> the encoded property name
/// (<c>@</c>-prefixed for attributes).
/// </summary>
internal readonly record struct XmlJsonName(string Decoded, JsonEncodedText Json, bool IsNamespaceDeclaration);
