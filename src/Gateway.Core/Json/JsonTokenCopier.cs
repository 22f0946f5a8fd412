using System.Text.Json;

namespace Gateway.Core.Json;

/// <summary>
/// Copies one JSON value from a reader to a writer token by token, keeping number and string text exactly as it was
/// (no double round trip, no re-escaping). Used to re-indent or compact a record without building a tree.
/// </summary>
public static class JsonTokenCopier
{
    /// <summary>
    /// Copies the complete value in <paramref name="json"/> (one value, already validated) to <paramref name="writer"/>.
    /// </summary>
    public static void Copy(ReadOnlySpan<byte> json, Utf8JsonWriter writer, int maxDepth = 1000)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var reader = new Utf8JsonReader(json, CanonicalJson.ReaderOptions(maxDepth));
        while (reader.Read())
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
                    if (reader.ValueIsEscaped)
                    {
                        writer.WritePropertyName(reader.GetString()!);
                    }
                    else
                    {
                        writer.WritePropertyName(reader.ValueSpan);
                    }

                    break;
                case JsonTokenType.String:
                    // The token text with its quotes, exactly as it came.
                    writer.WriteRawValue(json.Slice((int)reader.TokenStartIndex, reader.ValueSpan.Length + 2), skipInputValidation: true);
                    break;
                default:
                    writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                    break;
            }
        }
    }
}
