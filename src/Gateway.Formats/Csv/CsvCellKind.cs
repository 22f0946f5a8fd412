namespace Gateway.Formats.Csv;

/// <summary>How the reader turns the text of one column's cells into JSON values.</summary>
internal enum CsvCellKind : byte
{
    /// <summary>Always a JSON string (the default).</summary>
    String,

    /// <summary><c>InferTypes</c>: a JSON number literal becomes a number, <c>true</c>/<c>false</c> a boolean, anything else a string.</summary>
    Inferred,

    /// <summary><c>Columns</c> says Number: a JSON number literal, or <c>null</c> for an empty cell.</summary>
    Number,

    /// <summary><c>Columns</c> says Boolean: <c>true</c>/<c>false</c> in any case, or <c>null</c> for an empty cell.</summary>
    Boolean,

    /// <summary><c>Columns</c> says Json: one JSON value, or <c>null</c> for an empty cell.</summary>
    Json,
}
