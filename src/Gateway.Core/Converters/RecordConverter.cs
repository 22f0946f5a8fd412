using System.Buffers;
using System.Text.Json;
using Gateway.Core.Json;
using Gateway.Core.Messages;

namespace Gateway.Core.Converters;

/// <summary>
/// Base for steps that transform records one at a time. When the canonical body is a top-level JSON array each
/// element is a record and the result is the array of transformed records; otherwise the whole body is the record.
/// A record the step drops leaves the array (or, for a single record, drops the message).
/// </summary>
public abstract class RecordConverter : IMessageConverter
{
    // The canonical form's encoder (UTF-8 text stays UTF-8), with validation on: a step's writing mistakes surface here.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = CanonicalJson.WriterOptions.Encoder, SkipValidation = false };

    /// <summary>
    /// Writes the transformed <paramref name="record"/> to <paramref name="writer"/> and returns true, or returns
    /// false (writing nothing) to drop it. <paramref name="index"/> is the record's 1-based number, for error messages.
    /// </summary>
    protected abstract bool Transform(JsonElement record, Utf8JsonWriter writer, long index);

    public void Convert(Message message, ICollection<Message> output)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(output);
        using var document = JsonDocument.Parse(message.Body);
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, message.Body.Length));
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                writer.WriteStartArray();
                long index = 1;
                foreach (var record in root.EnumerateArray())
                {
                    Transform(record, writer, index++);
                }

                writer.WriteEndArray();
            }
            else if (!Transform(root, writer, 1))
            {
                return;
            }
        }

        output.Add(message.WithBody(buffer.WrittenMemory, FormatNames.Json));
    }
}
