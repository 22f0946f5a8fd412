namespace Gateway.Core.Formats;

#pragma warning disable CA1720 // The members name JSON types on purpose.

/// <summary>The JSON type a CSV column converts to.</summary>
public enum ColumnType
{
    /// <summary>The cell text as a string (the default).</summary>
    String,

    /// <summary>A JSON number; the cell must be a JSON number literal and keeps its exact text.</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c> (case-insensitive).</summary>
    Boolean,

    /// <summary>The cell holds JSON text, embedded as a value.</summary>
    Json,
}
