using System.Text.Json;

namespace Gateway.Formats.Json;

/// <summary>The tokens of a record as <see cref="Utf8JsonReader"/> reads (and validates) them.</summary>
internal ref struct ReaderTokens(ReadOnlySpan<byte> record, JsonReaderOptions options) : IJsonTokens
{
    private Utf8JsonReader _reader = new(record, options);

    public readonly JsonTokenType TokenType => _reader.TokenType;

    public readonly ReadOnlySpan<byte> ValueSpan => _reader.ValueSpan;

    public readonly bool ValueIsEscaped => _reader.ValueIsEscaped;

    // A string's value starts after its opening quote.
    public readonly int ValueStart => (int)_reader.TokenStartIndex + (_reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName ? 1 : 0);

    public bool Read() => _reader.Read();

    public readonly int CopyString(Span<byte> destination) => _reader.CopyString(destination);
}
