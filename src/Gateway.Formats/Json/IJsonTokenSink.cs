using System.Text.Json;

namespace Gateway.Formats.Json;

/// <summary>Receives the tokens <see cref="JsonSyntaxCheck"/> passes over, in document order.</summary>
internal interface IJsonTokenSink
{
    void Token(JsonTokenType type, int start, int length, bool escaped);
}

/// <summary>Discards the tokens: a plain syntax check (the JIT removes the calls).</summary>
internal struct NoTokenSink : IJsonTokenSink
{
    public readonly void Token(JsonTokenType type, int start, int length, bool escaped)
    {
    }
}

/// <summary>Records the tokens on a <see cref="JsonTape"/>.</summary>
internal readonly struct TapeTokenSink(JsonTape tape) : IJsonTokenSink
{
    public void Token(JsonTokenType type, int start, int length, bool escaped) => tape.Add(type, start, length, escaped);
}
