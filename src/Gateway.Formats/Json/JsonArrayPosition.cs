using System.Text.Json;
using Gateway.Core.Formats;

namespace Gateway.Formats.Json;

/// <summary>
/// The line and column where the unread part of a top-level array starts, kept while its elements are found
/// without <see cref="Utf8JsonReader"/>, and the reader states that stand for "inside the array" when the reader is
/// needed after all: just after the <c>[</c>, or just after an element. An error of such a reader is located by
/// adding its position to this one, so it reads as if one reader had read the whole document.
/// </summary>
internal sealed class JsonArrayPosition
{
    private readonly JsonReaderState _afterStart;
    private readonly JsonReaderState _afterValue;
    private readonly long _afterStartColumn;
    private readonly long _afterValueColumn;
    private long _line;
    private long _column;

    public JsonArrayPosition(JsonReaderOptions options)
    {
        // The states come from reading a tiny array; their own columns are taken off again when locating an error.
        var start = new Utf8JsonReader("["u8, isFinalBlock: false, new JsonReaderState(options));
        start.Read();
        _afterStart = start.CurrentState;
        _afterStartColumn = start.BytesConsumed;

        var value = new Utf8JsonReader("[0 "u8, isFinalBlock: false, new JsonReaderState(options));
        value.Read();
        value.Read();
        _afterValue = value.CurrentState;
        _afterValueColumn = value.BytesConsumed;
    }

    /// <summary>The 0-based line of the first unread byte.</summary>
    public long Line => _line;

    /// <summary>The 0-based byte column of the first unread byte.</summary>
    public long Column => _column;

    /// <summary>Moves past <paramref name="consumed"/> bytes.</summary>
    public void Advance(ReadOnlySpan<byte> consumed)
    {
        var lines = consumed.Count((byte)'\n');
        if (lines == 0)
        {
            _column += consumed.Length;
            return;
        }

        _line += lines;
        _column = consumed.Length - 1 - consumed.LastIndexOf((byte)'\n');
    }

    /// <summary>The reader state inside the array: after an element, or after the <c>[</c> when none was read yet.</summary>
    public JsonReaderState State(bool afterValue) => afterValue ? _afterValue : _afterStart;

    /// <summary>The error of a reader started here in <see cref="State"/>(<paramref name="afterValue"/>), located in the whole document.</summary>
    public FormatReadException Error(JsonException ex, bool afterValue, string prefix)
    {
        if (ex.LineNumber is not { } line)
        {
            return JsonErrors.From(ex, prefix: prefix);
        }

        var inLine = ex.BytePositionInLine ?? 0;
        var column = line == 0 ? _column + inLine - (afterValue ? _afterValueColumn : _afterStartColumn) : inLine;
        return JsonErrors.At(ex, _line + line, column, prefix);
    }
}
