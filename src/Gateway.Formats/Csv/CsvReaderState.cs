using System.Text.Json;
using CsvHelper;
using Gateway.Core.Json;

namespace Gateway.Formats.Csv;

/// <summary>
/// What a <see cref="CsvRecordReader"/> needs besides the parser, kept for the next reader on the same thread: the
/// parser options (with the callback that collects malformed quoting), the JSON writer and the buffer objects.
/// Small documents (one per request or message) would otherwise build all of them again each time. The buffers'
/// memory goes back to <see cref="System.Buffers.ArrayPool{T}"/> when a reader ends, so an idle thread keeps only
/// these few small objects, however large the last document was.
/// </summary>
/// <remarks>
/// One reader owns a state between <see cref="Rent"/> and <see cref="Return"/>; the thread-static slot holds it only
/// while no reader does, so a state is never shared. A reader disposed on another thread leaves it to that thread.
/// </remarks>
internal sealed class CsvReaderState
{
    [ThreadStatic]
    private static CsvReaderState? t_free;

    private CsvReaderOptions? _parserOptions;

    private CsvReaderState() => Json = new Utf8JsonWriter(Output, CanonicalJson.WriterOptions);

    /// <summary>The record's JSON, reused row after row.</summary>
    public PooledByteBuffer Output { get; } = new();

    /// <summary>Where quoted fields with escaped quotes are decoded, one at a time.</summary>
    public PooledByteBuffer Cell { get; } = new(256);

    /// <summary>Writes the cells of Json columns into <see cref="Output"/>.</summary>
    public Utf8JsonWriter Json { get; }

    /// <summary>The first malformed record the parser reported (a quote never closed, text after a closing quote).</summary>
    public CsvMalformedRecord? Malformed { get; private set; }

    /// <summary>The free state of this thread, or a new one; its buffers are ready and nothing is reported yet.</summary>
    public static CsvReaderState Rent()
    {
        var state = t_free ?? new CsvReaderState();
        t_free = null;
        state.Output.Open(4096);
        state.Cell.Open(256);
        state.Json.Reset(state.Output);
        state.Malformed = null;
        return state;
    }

    /// <summary>The parser options for this separator and record limit; the same instance while they stay the same.</summary>
    public CsvReaderOptions ParserOptions(char separator, int maxRecordBytes)
    {
        if (_parserOptions is not { } options || options.Separator != separator || options.MaxRecordSize != maxRecordBytes)
        {
            options = new CsvReaderOptions
            {
                Separator = separator,
                HasHeader = false,
                Mode = CsvMode.Rfc4180,
                AllowLineBreaksInQuotes = true,
                SkipEmptyLines = true,
                TrimWhitespace = false,
                DetectSeparatorHint = false,
                TrackLineNumbers = true,
                MaxRecordSize = maxRecordBytes,
                MalformedData = CsvMalformedDataHandling.Recover,
                FieldCountMismatch = CsvFieldCountHandling.Allow,
                OnMalformedRecord = OnMalformed,
            };
            _parserOptions = options;
        }

        return options;
    }

    /// <summary>Gives the buffers' memory back and leaves the state to the next reader on this thread.</summary>
    public void Return()
    {
        Output.Dispose();
        Cell.Dispose();
        Malformed = null;
        t_free = this;
    }

    private void OnMalformed(CsvMalformedRecord malformed)
    {
        // A stray quote inside an unquoted field (5'10") is kept as text; a quote that is never closed or text after
        // a closing quote would change the data, so the first of those is reported after the parser returns.
        if (Malformed is null && malformed.Reason is not CsvMalformedReason.StrayQuote)
        {
            Malformed = malformed;
        }
    }
}
