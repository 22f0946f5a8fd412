using System.Text.Json;

namespace Gateway.Formats.Json;

/// <summary>The tokens of a record from the <see cref="JsonTape"/> its reader recorded while proving it valid.</summary>
internal ref struct TapeTokens(ReadOnlySpan<byte> record, JsonTape tape) : IJsonTokens
{
    private readonly ReadOnlySpan<byte> _record = record;
    private readonly ReadOnlySpan<JsonTapeToken> _tokens = tape.Tokens;
    private int _next;
    private JsonTapeToken _current;

    public readonly JsonTokenType TokenType => _current.Type;

    public readonly ReadOnlySpan<byte> ValueSpan => _record.Slice(_current.Start, _current.Length);

    public readonly bool ValueIsEscaped => _current.Escaped;

    public readonly int ValueStart => _current.Start;

    public bool Read()
    {
        if (_next == _tokens.Length)
        {
            return false;
        }

        _current = _tokens[_next++];
        return true;
    }

    public readonly int CopyString(Span<byte> destination) =>
        _current.Escaped ? JsonUnescape.Unescape(ValueSpan, destination) : Copy(ValueSpan, destination);

    private static int Copy(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        value.CopyTo(destination);
        return value.Length;
    }
}
