namespace Gateway.Formats.Csv;

/// <summary>The JSON type of a flattened value, which decides how its cell is written.</summary>
internal enum FlatValueKind : byte
{
    /// <summary>The record has no such key: an empty cell.</summary>
    Missing,
    String,
    Number,
    True,
    False,
    Null,
    EmptyObject,
    EmptyArray,
}

/// <summary>
/// The value of one column in a flattened record: its type and its text, either in the record itself
/// (<see cref="InArena"/> false) or unescaped into the flattener's arena.
/// </summary>
internal readonly record struct FlatCell(FlatValueKind Kind, int Start, int Length, bool InArena);
