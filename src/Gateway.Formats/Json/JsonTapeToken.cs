using System.Text.Json;

namespace Gateway.Formats.Json;

/// <summary>
/// One token of a <see cref="JsonTape"/>: its type and where its value is in the record (for strings and property
/// names the text between the quotes, still escaped when <see cref="Escaped"/>; for numbers the number itself).
/// </summary>
internal readonly record struct JsonTapeToken(int Start, int Length, JsonTokenType Type, bool Escaped);
