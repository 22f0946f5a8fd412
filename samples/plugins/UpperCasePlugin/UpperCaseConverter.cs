using System.Globalization;
using System.Text.Json;
using Gateway.Core.Converters;
using Gateway.Core.Json;

namespace UpperCasePlugin;

/// <summary>Upper-cases the strings at the configured paths of each record (see <see cref="UpperCaseOptions"/>).</summary>
public sealed class UpperCaseConverter : RecordConverter
{
    private readonly JsonPointer[] _paths;

    public UpperCaseConverter(UpperCaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _paths = [.. options.Paths.Select(JsonPointer.Parse)];
    }

    protected override bool Transform(JsonElement record, Utf8JsonWriter writer, long index)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Write(record, writer, _paths, 0);
        return true;
    }

    /// <summary>Writes <paramref name="element"/>, found at depth <paramref name="depth"/> along every one of <paramref name="paths"/>.</summary>
    private static void Write(JsonElement element, Utf8JsonWriter writer, JsonPointer[] paths, int depth)
    {
        if (paths.Length == 0)
        {
            element.WriteTo(writer);
        }
        else if (paths.Any(p => p.Tokens.Count == depth))
        {
            WriteUpper(element, writer);
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            writer.WriteStartObject();
            foreach (var property in element.EnumerateObject())
            {
                writer.WritePropertyName(property.Name);
                Write(property.Value, writer, [.. paths.Where(p => p.Tokens[depth] == property.Name)], depth + 1);
            }

            writer.WriteEndObject();
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            writer.WriteStartArray();
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                var token = (i++).ToString(CultureInfo.InvariantCulture);
                Write(item, writer, [.. paths.Where(p => p.Tokens[depth] == token)], depth + 1);
            }

            writer.WriteEndArray();
        }
        else
        {
            element.WriteTo(writer);
        }
    }

    private static void WriteUpper(JsonElement element, Utf8JsonWriter writer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString()!.ToUpperInvariant());
                break;
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    WriteUpper(property.Value, writer);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteUpper(item, writer);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
