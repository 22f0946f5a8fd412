using System.Text.Json;
using Gateway.Converters.Paths;
using Gateway.Core.Converters;
using Gateway.Core.Json;

namespace Gateway.Converters.Shaping;

/// <summary>
/// Keeps only the values at the configured JSON Pointers in each record, rebuilding the objects and arrays around
/// them (see <see cref="SelectOptions"/>). A record in which nothing is selected becomes an empty object (or array);
/// a record that is neither becomes <c>null</c>.
/// </summary>
public sealed class SelectConverter : RecordConverter
{
    private readonly PointerNode<bool> _paths;

    public SelectConverter(SelectOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<(string Member, string Message)>();
        _paths = PathSet.Build(options.Paths, nameof(options.Paths), allowWholeRecord: true, errors);
        if (errors.Count > 0)
        {
            throw new ArgumentException($"{errors[0].Member}: {errors[0].Message}");
        }
    }

    protected override bool Transform(JsonElement record, Utf8JsonWriter writer, long index)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (_paths.HasValue || HasSelection(record, _paths))
        {
            Write(record, _paths, writer);
            return true;
        }

        switch (record.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                writer.WriteEndArray();
                break;
            default:
                writer.WriteNullValue();
                break;
        }

        return true;
    }

    /// <summary>Whether anything under <paramref name="element"/> is selected by <paramref name="node"/>.</summary>
    private static bool HasSelection(JsonElement element, PointerNode<bool> node)
    {
        if (node.HasValue)
        {
            return true;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (node.TryGetChild(property, out var child) && HasSelection(property.Value, child))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Array:
                var length = element.GetArrayLength();
                foreach (var child in node.Children)
                {
                    if (JsonPointer.TryGetArrayIndex(child.Token, out var i) && i < length && HasSelection(element[i], child))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>Writes the selected parts of <paramref name="element"/>, which holds at least one of them.</summary>
    private static void Write(JsonElement element, PointerNode<bool> node, Utf8JsonWriter writer)
    {
        if (node.HasValue)
        {
            element.WriteTo(writer);
            return;
        }

        if (element.ValueKind == JsonValueKind.Object)
        {
            writer.WriteStartObject();
            foreach (var property in element.EnumerateObject())
            {
                if (node.TryGetChild(property, out var child) && HasSelection(property.Value, child))
                {
                    JsonWriting.WriteName(property, writer);
                    Write(property.Value, child, writer);
                }
            }

            writer.WriteEndObject();
            return;
        }

        writer.WriteStartArray();
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (node.TryGetChild(i++, out var child) && HasSelection(item, child))
            {
                Write(item, child, writer);
            }
        }

        writer.WriteEndArray();
    }
}
