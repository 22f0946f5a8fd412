namespace Gateway.Formats.Csv;

/// <summary>The JSON type of a flattened value, which decides how its cell is written.</summary>
internal enum FlatValueKind : byte
{
    String,
    Number,
    True,
    False,
    Null,
    EmptyObject,
    EmptyArray,
}

/// <summary>
/// One leaf of a flattened record: its dotted path (in the flattener's path arena) and its value, either in the
/// record itself (<see cref="InArena"/> false) or unescaped into the flattener's value arena.
/// </summary>
internal readonly record struct FlatCell(int PathStart, int PathLength, FlatValueKind Kind, int ValueStart, int ValueLength, bool InArena);
