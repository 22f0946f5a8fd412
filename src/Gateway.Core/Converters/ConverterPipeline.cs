using System.Buffers;
using Gateway.Core.Formats;
using Gateway.Core.Messages;

namespace Gateway.Core.Converters;

/// <summary>
/// An ordered list of steps. A message is decoded to canonical JSON before the first step that needs it (and at the
/// latest after the last step), then each step runs on every message the previous one produced.
/// </summary>
public sealed class ConverterPipeline
{
    /// <summary>Past this, a thread's scratch buffer for canonical bodies is not kept.</summary>
    private const int KeptScratchBytes = 1 << 20;

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_canonical;

    private readonly IReadOnlyList<(string Name, IMessageConverter Converter)> _steps;
    private readonly FormatRegistry _formats;
    private readonly FormatOptions _decodeOptions;

    public ConverterPipeline(IReadOnlyList<(string Name, IMessageConverter Converter)> steps, FormatRegistry formats, FormatOptions decodeOptions)
    {
        _steps = steps ?? throw new ArgumentNullException(nameof(steps));
        _formats = formats ?? throw new ArgumentNullException(nameof(formats));
        _decodeOptions = decodeOptions ?? throw new ArgumentNullException(nameof(decodeOptions));
    }

    /// <summary>
    /// Why a pipeline usually keeps none of the records it got, for the notes that say so: a JMESPath comparison of a
    /// string with a number is null, so a Filter on a CSV or XML value (a string unless types are inferred) drops all.
    /// </summary>
    public const string DroppedAllHint =
        "When a Filter drops every record, it usually compares a string with a number, which is false for every record: "
        + "CSV and XML values are strings unless InferTypes is on. Compare with to_number(qty) > `5`, or with a string (status == '1').";

    /// <summary>True when <paramref name="outputs"/> of <see cref="Run(Message, out long)"/> hold no record: none, or only empty arrays.</summary>
    public static bool KeptNothing(IReadOnlyList<Message> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        return outputs.All(m => m.IsCanonical && m.Body.Span.SequenceEqual("[]"u8));
    }

    public static ConverterPipeline Empty(FormatRegistry formats, FormatOptions decodeOptions) => new([], formats, decodeOptions);

    public int Count => _steps.Count;

    /// <summary>The steps' names, in order (the route map shows them).</summary>
    public IReadOnlyList<string> StepNames => [.. _steps.Select(s => s.Name)];

    /// <summary>This pipeline with one more step at the end.</summary>
    public ConverterPipeline Append(string name, IMessageConverter converter)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(converter);
        return new ConverterPipeline([.. _steps, (name, converter)], _formats, _decodeOptions);
    }

    /// <summary>
    /// Runs <paramref name="message"/> through every step. Returns the canonical messages that come out (none when a
    /// filter dropped it). Throws <see cref="FormatReadException"/> when the body does not decode and
    /// <see cref="ConverterException"/> naming the step when a step fails.
    /// </summary>
    public IReadOnlyList<Message> Run(Message message) => Run(message, out _);

    /// <summary>
    /// Like <see cref="Run(Message)"/>, and also gives the number of records the received body held (counted when it
    /// is decoded; 0 when a step dropped it before any step needed the canonical form).
    /// </summary>
    public IReadOnlyList<Message> Run(Message message, out long records) => Run(message, out records, null);

    /// <summary>Like <see cref="Run(Message, out long)"/>, calling <paramref name="afterStep"/> with each step's index, name and outputs (the live tail).</summary>
    public IReadOnlyList<Message> Run(Message message, out long records, Action<int, string, IReadOnlyList<Message>>? afterStep)
    {
        ArgumentNullException.ThrowIfNull(message);
        records = 0;
        var original = message;
        List<Message> current = [message];
        List<Message> next = [];
        for (var i = 0; i < _steps.Count; i++)
        {
            var (name, converter) = _steps[i];
            foreach (var item in current)
            {
                var input = !converter.RequiresCanonical ? item
                    : ReferenceEquals(item, original) ? Decode(item, out records)
                    : !item.IsCanonical ? Decode(item) : item;
                try
                {
                    converter.Convert(input, next);
                }
                catch (ConverterException ex) when (ex is not MessageValidationException)
                {
                    throw new ConverterException($"Step {i} ({name}): {ex.Message}", ex);
                }
                catch (MessageValidationException ex)
                {
                    throw new MessageValidationException($"Step {i} ({name}): {ex.Message}", ex);
                }
            }

            (current, next) = (next, current);
            next.Clear();
            afterStep?.Invoke(i, name, current);
        }

        for (var i = 0; i < current.Count; i++)
        {
            if (ReferenceEquals(current[i], original))
            {
                current[i] = Decode(current[i], out records);
            }
            else if (!current[i].IsCanonical)
            {
                current[i] = Decode(current[i]);
            }
        }

        StreamEnd.KeepOnLast(original, current);
        return current;
    }

    /// <summary>
    /// Decodes a message body into canonical JSON. A JSON body costs a validation pass and is kept as it is.
    /// </summary>
    public Message Decode(Message message) => Decode(message, out _);

    /// <summary>Like <see cref="Decode(Message)"/>, and gives the number of records in the body.</summary>
    public Message Decode(Message message, out long records)
    {
        ArgumentNullException.ThrowIfNull(message);
        records = 0;
        var format = _formats.Get(message.Format);
        // A records pointer picks an array out of a JSON body, so that body is rewritten like any other format's.
        if (message.IsCanonical && string.IsNullOrEmpty(_decodeOptions.Records))
        {
            using var input = new ReadOnlyMemoryStream(message.Body);
            using var reader = format.CreateReader(input, _decodeOptions);
            while (reader.TryRead(out _))
            {
                records++;
            }

            // The canonical form has no byte order mark; steps parse the body with System.Text.Json, which refuses one.
            return message.Body.Span.StartsWith(Utf8Bom) ? message.WithBody(message.Body[Utf8Bom.Length..], message.Format) : message;
        }

        if (_decodeOptions.Pretty)
        {
            var json = _formats.Get(FormatNames.Json);
            return message.WithBody(FormatConverter.Convert(message.Body, format, json, _decodeOptions, out records), FormatNames.Json);
        }

        return message.WithBody(ToCanonical(message.Body, format, out records), FormatNames.Json);
    }

    /// <summary>
    /// Decodes a body into compact canonical JSON (what the JSON format's writer writes: the records of a sequence in
    /// an array, a single record as itself), assembled in a scratch buffer kept per thread, so a message costs its
    /// result array and not a stream, a writer and their buffers.
    /// </summary>
    private byte[] ToCanonical(ReadOnlyMemory<byte> body, DataFormat format, out long records)
    {
        records = 0;
        var output = t_canonical ??= new ArrayBufferWriter<byte>(4096);
        output.ResetWrittenCount();
        using (var input = new ReadOnlyMemoryStream(body))
        using (var reader = format.CreateReader(input, _decodeOptions))
        {
            var hasRecord = reader.TryRead(out var record);
            var sequence = reader.IsSequence;
            if (sequence)
            {
                output.Write("["u8);
            }

            while (hasRecord)
            {
                if (records > 0)
                {
                    output.Write(","u8);
                }

                output.Write(record.Span);
                records++;
                hasRecord = reader.TryRead(out record);
                if (hasRecord && !sequence)
                {
                    throw new InvalidOperationException($"The {format.Name} reader gave a second record in a document that is not a sequence.");
                }
            }

            if (sequence)
            {
                output.Write("]"u8);
            }
        }

        var canonical = output.WrittenSpan.ToArray();
        if (output.Capacity > KeptScratchBytes)
        {
            t_canonical = null; // one large message should not pin its buffer to the thread
        }

        return canonical;
    }
}
