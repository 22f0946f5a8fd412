using System.Text.Json;

namespace Gateway.Formats.Json;

/// <summary>
/// The part of <see cref="Utf8JsonReader"/> that record writers walk a record with, so that one walk serves both a
/// reader (<see cref="ReaderTokens"/>) and a reader's <see cref="JsonTape"/> (<see cref="TapeTokens"/>).
/// </summary>
internal interface IJsonTokens
{
    JsonTokenType TokenType { get; }

    /// <summary>The raw value: a string's or property name's text between its quotes (still escaped), a number's text.</summary>
    ReadOnlySpan<byte> ValueSpan { get; }

    bool ValueIsEscaped { get; }

    /// <summary>Where <see cref="ValueSpan"/> starts in the record.</summary>
    int ValueStart { get; }

    bool Read();

    /// <summary>Unescapes the current string or property name into <paramref name="destination"/> (at least <see cref="ValueSpan"/> long).</summary>
    int CopyString(Span<byte> destination);
}
