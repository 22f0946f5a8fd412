using System.Buffers;
using System.Text.Json;

namespace Gateway.Formats.Csv;

/// <summary>
/// Copies the JSON text of a cell (a <c>Json</c> column) into the record, compactly: it is validated token by token
/// and written again, so whitespace and line breaks inside the cell never reach the canonical form, while numbers
/// keep their exact text.
/// </summary>
internal static class JsonCellCopier
{
    /// <summary>Copies one JSON value; returns null, or what is wrong with the text.</summary>
    public static string? Copy(ReadOnlySpan<byte> json, Utf8JsonWriter writer, int maxDepth)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
        byte[]? scratch = null;
        try
        {
            if (!reader.Read())
            {
                return "is not JSON";
            }

            CopyToken(ref reader, writer, ref scratch);
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                // The closing token of the value is the next one back at depth 0.
                while (reader.Read())
                {
                    CopyToken(ref reader, writer, ref scratch);
                    if (reader.CurrentDepth == 0)
                    {
                        break;
                    }
                }
            }

            return reader.Read() ? "has text after its JSON value" : null;
        }
        catch (JsonException e)
        {
            return "is not valid JSON: " + e.Message;
        }
        finally
        {
            if (scratch is not null)
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }
        }
    }

    private static void CopyToken(ref Utf8JsonReader reader, Utf8JsonWriter writer, ref byte[]? scratch)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                writer.WriteStartObject();
                break;
            case JsonTokenType.EndObject:
                writer.WriteEndObject();
                break;
            case JsonTokenType.StartArray:
                writer.WriteStartArray();
                break;
            case JsonTokenType.EndArray:
                writer.WriteEndArray();
                break;
            case JsonTokenType.PropertyName:
                writer.WritePropertyName(Unescaped(ref reader, ref scratch));
                break;
            case JsonTokenType.String:
                writer.WriteStringValue(Unescaped(ref reader, ref scratch));
                break;
            case JsonTokenType.Number:
                writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                break;
            case JsonTokenType.True:
                writer.WriteBooleanValue(true);
                break;
            case JsonTokenType.False:
                writer.WriteBooleanValue(false);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader, ref byte[]? scratch)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }

        var length = reader.ValueSpan.Length;
        if (scratch is null || scratch.Length < length)
        {
            if (scratch is not null)
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }

            scratch = ArrayPool<byte>.Shared.Rent(length);
        }

        var written = reader.CopyString(scratch);
        return scratch.AsSpan(0, written);
    }
}
