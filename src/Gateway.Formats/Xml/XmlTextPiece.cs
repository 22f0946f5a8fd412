namespace Gateway.Formats.Xml;

/// <summary>
/// A run of character data inside an element: where its chars are in <see cref="XmlTree"/>'s char storage, how many
/// child elements precede it (so <c>#text</c> keeps its place among the children), whether it is whitespace only
/// (ignored between child elements) and the element's next piece (-1 for none).
/// </summary>
internal readonly record struct XmlTextPiece(int Start, int Length, int ChildIndex, bool IsWhitespace, int Next);
