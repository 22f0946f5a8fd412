using System.Text.Json;
using Gateway.Converters.Paths;
using Gateway.Core.Converters;

namespace Gateway.Converters.Shaping;

/// <summary>Removes the values at the configured JSON Pointers from each record (see <see cref="DropOptions"/>).</summary>
public sealed class DropConverter : RecordConverter
{
    private readonly PointerNode<bool> _paths;

    public DropConverter(DropOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<(string Member, string Message)>();
        _paths = PathSet.Build(options.Paths, nameof(options.Paths), allowWholeRecord: false, errors);
        if (errors.Count > 0)
        {
            throw new ArgumentException($"{errors[0].Member}: {errors[0].Message}");
        }
    }

    protected override bool Transform(JsonElement record, Utf8JsonWriter writer, long index)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Write(record, _paths, writer);
        return true;
    }

    private static void Write(JsonElement element, PointerNode<bool> node, Utf8JsonWriter writer)
    {
        if (!node.HasChildren)
        {
            element.WriteTo(writer);
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    if (!node.TryGetChild(property, out var child))
                    {
                        property.WriteTo(writer);
                    }
                    else if (!child.HasValue)
                    {
                        JsonWriting.WriteName(property, writer);
                        Write(property.Value, child, writer);
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (!node.TryGetChild(i++, out var child))
                    {
                        item.WriteTo(writer);
                    }
                    else if (!child.HasValue)
                    {
                        Write(item, child, writer);
                    }
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
