using System.Text.Json;

namespace Gateway.Formats.Csv;

/// <summary>What one step of a <see cref="CsvRecordPlan"/> writes.</summary>
internal enum CsvWriteOpKind : byte
{
    /// <summary>The cell of <see cref="CsvWriteOp.Column"/>.</summary>
    Value,

    /// <summary>Opens a nested object (Unflatten).</summary>
    StartObject,

    /// <summary>Opens a nested array (Unflatten, headers <c>name.0</c>, <c>name.1</c>, ...).</summary>
    StartArray,

    /// <summary>Closes the innermost nested object.</summary>
    EndObject,

    /// <summary>Closes the innermost nested array.</summary>
    EndArray,
}

/// <summary>One step of writing a row as a JSON object: a property name (inside objects) and a value or container.</summary>
internal readonly record struct CsvWriteOp(CsvWriteOpKind Kind, int Column, JsonEncodedText Name, bool HasName);
