using System.Text;
using System.Text.Json;
using Gateway.Core.Formats;
using Gateway.Core.Json;
using Gateway.Formats.Streams;

namespace Gateway.Formats.Json;

/// <summary>
/// The array of records that a JSON Pointer (RFC 6901, the <c>Records</c> option) names inside a document. The
/// document is read token by token up to that array and again after it, so what surrounds the records streams
/// through in bounded memory and is still checked to be valid JSON.
/// </summary>
internal sealed class JsonRecordsPointer
{
    private readonly string _pointer;
    private readonly IReadOnlyList<string> _segments;

    // The containers around the array, outermost first (true for an object): they rebuild the reader's state after it.
    private readonly List<bool> _enclosingObjects = [];

    public JsonRecordsPointer(JsonPointer pointer)
    {
        _pointer = pointer.Text;
        _segments = pointer.Tokens;
    }

    /// <summary>
    /// Reads up to and including the <c>[</c> of the array; <paramref name="consume"/> takes the bytes read.
    /// Throws <see cref="FormatReadException"/> when the document has no such value or it is not an array.
    /// </summary>
    public void FindArray(StreamBuffer buffer, JsonReaderOptions options, Action<int> consume)
    {
        var search = new Search(this);
        var state = new JsonReaderState(options);
        while (true)
        {
            var final = buffer.EndOfStream;
            var reader = new Utf8JsonReader(buffer.Data, final, state);
            try
            {
                while (reader.Read())
                {
                    if (search.Step(ref reader))
                    {
                        consume((int)reader.BytesConsumed);
                        return;
                    }
                }
            }
            catch (JsonException ex)
            {
                throw JsonErrors.From(ex);
            }

            consume((int)reader.BytesConsumed);
            state = reader.CurrentState;
            if (final)
            {
                throw NotFound(_segments.Count, "the document ends before it");
            }

            buffer.Fill(Math.Max(4096, buffer.Data.Length / 2));
        }
    }

    /// <summary>
    /// Reads what follows the array's <c>]</c> to the end of the document, checking it is valid JSON;
    /// <paramref name="line"/> and <paramref name="column"/> (0-based) are where it starts, to locate an error.
    /// </summary>
    public void ReadToEnd(StreamBuffer buffer, JsonReaderOptions options, long line, long column)
    {
        // A reader that has just read an empty array where the records were stands for the real one after them.
        var prefix = new StringBuilder();
        foreach (var isObject in _enclosingObjects)
        {
            prefix.Append(isObject ? "{\"\":" : "[");
        }

        var synthetic = Encoding.UTF8.GetBytes(prefix.Append("[]").ToString());
        var start = new Utf8JsonReader(synthetic, isFinalBlock: false, new JsonReaderState(options));
        while (start.Read())
        {
        }

        var state = start.CurrentState;
        while (true)
        {
            var final = buffer.EndOfStream;
            var reader = new Utf8JsonReader(buffer.Data, final, state);
            try
            {
                while (reader.Read())
                {
                }
            }
            catch (JsonException ex) when (ex.LineNumber is { } errorLine)
            {
                var inLine = ex.BytePositionInLine ?? 0;
                throw JsonErrors.At(ex, line + errorLine, errorLine == 0 ? column + inLine - synthetic.Length : inLine, prefix: null);
            }

            buffer.Consume((int)reader.BytesConsumed);
            state = reader.CurrentState;
            if (final)
            {
                return;
            }

            buffer.Fill(Math.Max(4096, buffer.Data.Length / 2));
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        _ => "null",
    };

    private string PathOf(int segments) =>
        segments == 0 ? "the document" : "/" + string.Join('/', _segments.Take(segments).Select(JsonPointer.Escape));

    private FormatReadException NotFound(int matched, string why) =>
        new($"The records pointer '{_pointer}' names no value: {why}", matched == 0 ? null : $"at '{PathOf(matched)}'");

    /// <summary>The walk down the pointer, one token at a time; skipped values are read, never held.</summary>
    private struct Search(JsonRecordsPointer pointer)
    {
        private int _matched;
        private Mode _mode;
        private long _index;
        private long _wantedIndex;
        private int _skipDepth = -1;
        private bool _skipValue;

        private enum Mode
        {
            Value,
            InObject,
            InArray,
        }

        /// <summary>True when <paramref name="reader"/> has just read the <c>[</c> of the records.</summary>
        public bool Step(ref Utf8JsonReader reader)
        {
            var token = reader.TokenType;
            var depth = reader.CurrentDepth;
            if (_skipDepth >= 0)
            {
                if (depth == _skipDepth && token is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    _skipDepth = -1;
                }

                return false;
            }

            if (_skipValue)
            {
                _skipValue = false;
                Skip(token, depth);
                return false;
            }

            switch (_mode)
            {
                case Mode.InObject when token == JsonTokenType.EndObject:
                    throw pointer.NotFound(_matched, $"'{pointer.PathOf(_matched)}' has no member '{pointer._segments[_matched]}'");
                case Mode.InObject:
                    if (reader.ValueTextEquals(pointer._segments[_matched]))
                    {
                        _matched++;
                        _mode = Mode.Value;
                    }
                    else
                    {
                        _skipValue = true;
                    }

                    return false;
                case Mode.InArray when token == JsonTokenType.EndArray:
                    throw pointer.NotFound(_matched, $"'{pointer.PathOf(_matched)}' has {_index} items, so no item {_wantedIndex}");
                case Mode.InArray when _index != _wantedIndex:
                    _index++;
                    Skip(token, depth);
                    return false;
                case Mode.InArray:
                    _matched++;
                    _mode = Mode.Value;
                    break;
            }

            return Value(token);
        }

        private void Skip(JsonTokenType token, int depth)
        {
            if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                _skipDepth = depth;
            }
        }

        private bool Value(JsonTokenType token)
        {
            var segments = pointer._segments;
            if (_matched == segments.Count)
            {
                return token == JsonTokenType.StartArray
                    ? true
                    : throw new FormatReadException(
                        $"The records pointer '{pointer._pointer}' names {Describe(token)}, not an array of records", $"at '{pointer.PathOf(_matched)}'");
            }

            if (token == JsonTokenType.StartObject)
            {
                _mode = Mode.InObject;
                pointer._enclosingObjects.Add(true);
                return false;
            }

            if (token == JsonTokenType.StartArray && JsonPointer.TryGetArrayIndex(segments[_matched], out var wanted))
            {
                _mode = Mode.InArray;
                _index = 0;
                _wantedIndex = wanted;
                pointer._enclosingObjects.Add(false);
                return false;
            }

            throw pointer.NotFound(_matched, $"'{pointer.PathOf(_matched)}' is {Describe(token)}, which has no {(token == JsonTokenType.StartArray ? "item" : "member")} '{segments[_matched]}'");
        }
    }
}
