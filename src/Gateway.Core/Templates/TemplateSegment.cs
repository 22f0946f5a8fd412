using Gateway.Core.Json;

namespace Gateway.Core.Templates;

/// <summary>
/// One piece of a parsed template: literal text, or a placeholder with its argument (a metadata name in
/// <paramref name="Text"/>, a record pointer in <paramref name="Pointer"/>, a topic level in <paramref name="Level"/>).
/// <paramref name="Source"/> is a placeholder as written, without its braces (<c>field:/id</c>).
/// </summary>
internal readonly record struct TemplateSegment(TemplateSegmentKind Kind, string Text = "", JsonPointer? Pointer = null, int Level = 0, string Source = "");
