using System.Globalization;
using System.Text.Json;
using Gateway.Core.Converters;
using Gateway.Core.Messages;

namespace Gateway.Converters.Split;

/// <summary>
/// Splits a message whose body is a top-level JSON array into one message per element, in order; any other body
/// stays one message, unchanged. Each new message gets a new UUIDv7 id, keeps the input, receive time and metadata,
/// and gains the metadata <c>split.index</c> (from 0), <c>split.count</c> and <c>split.parent</c> (the original id).
/// An empty array gives no message. Element bodies are copied byte for byte.
/// </summary>
public sealed class SplitConverter : IMessageConverter
{
    /// <summary>Metadata key: the position of the record in the original array, from 0.</summary>
    public const string IndexKey = "split.index";

    /// <summary>Metadata key: the number of records of the original array.</summary>
    public const string CountKey = "split.count";

    /// <summary>Metadata key: the id of the original message.</summary>
    public const string ParentKey = "split.parent";

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public void Convert(Message message, ICollection<Message> output)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(output);
        var body = message.Body;
        if (body.Span.StartsWith(Utf8Bom))
        {
            body = body[Utf8Bom.Length..];
        }

        var ranges = FindElements(body.Span);
        if (ranges is null)
        {
            output.Add(message);
            return;
        }

        var parent = message.Id.ToString("D");
        var count = ranges.Count.ToString(CultureInfo.InvariantCulture);
        for (var i = 0; i < ranges.Count; i++)
        {
            var (start, length) = ranges[i];
            var metadata = new Dictionary<string, string>(message.Metadata, StringComparer.OrdinalIgnoreCase)
            {
                [IndexKey] = i.ToString(CultureInfo.InvariantCulture),
                [CountKey] = count,
                [ParentKey] = parent,
            };

            // A copy, not a slice: one slow record must not keep the whole original body alive.
            output.Add(new Message(body.Slice(start, length).ToArray(), FormatNames.Json, message.InputId)
            {
                Id = MessageIds.Derived(message.Id, i),
                ReceivedAt = message.ReceivedAt,
                Metadata = metadata,
            });
        }
    }

    /// <summary>The byte ranges of the elements of a top-level array, or null when the body is not an array.</summary>
    private static List<(int Start, int Length)>? FindElements(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 1024 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return null;
            }

            var ranges = new List<(int, int)>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                ranges.Add((start, (int)reader.BytesConsumed - start));
            }

            return ranges;
        }
        catch (JsonException ex)
        {
            throw new ConverterException($"the body is not valid JSON: {ex.Message}", ex);
        }
    }
}
