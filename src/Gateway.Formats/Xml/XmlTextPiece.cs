namespace Gateway.Formats.Xml;

/// <summary>
/// A run of character data inside an element: its text, how many child elements precede it (so <c>#text</c> keeps
/// its place among the children) and whether it is whitespace only (ignored between child elements).
/// </summary>
internal readonly record struct XmlTextPiece(string Text, int ChildIndex, bool IsWhitespace);
