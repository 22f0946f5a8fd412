using System.Text.Json;
using Gateway.Converters.Paths;
using Gateway.Core.Converters;
using Gateway.Core.Json;

namespace Gateway.Converters.Shaping;

/// <summary>
/// Renames properties of each record (see <see cref="RenameOptions"/>). Renames apply to the names the record has
/// when it enters the step, so <c>{ "a": "b", "b": "a" }</c> swaps two properties; a renamed property keeps its place.
/// </summary>
public sealed class RenameConverter : RecordConverter
{
    private readonly PointerNode<string> _rules;

    public RenameConverter(RenameOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<(string Member, string Message)>();
        _rules = TryBuildRules(options.Map, errors);
        if (errors.Count > 0)
        {
            throw new ArgumentException($"{errors[0].Member}: {errors[0].Message}");
        }
    }

    /// <summary>Builds the rename tree; adds every problem (by option member, e.g. <c>Map:/a</c>) to <paramref name="errors"/>.</summary>
    internal static PointerNode<string> TryBuildRules(IDictionary<string, string>? map, List<(string Member, string Message)> errors)
    {
        var root = new PointerNode<string>();
        if (map is null)
        {
            return root;
        }

        var newNames = new Dictionary<(PointerNode<string> Parent, string Name), string>();
        foreach (var (key, newName) in map)
        {
            var member = $"{nameof(RenameOptions.Map)}:{key}";
            if (string.IsNullOrEmpty(key))
            {
                errors.Add((member, "the old name is empty."));
                continue;
            }

            if (string.IsNullOrEmpty(newName))
            {
                errors.Add((member, $"the new name of '{key}' is empty."));
                continue;
            }

            PointerNode<string> node;
            PointerNode<string> parent;
            if (key[0] == '/')
            {
                if (!JsonPointer.TryParse(key, out var pointer, out var error))
                {
                    errors.Add((member, error));
                    continue;
                }

                parent = root;
                for (var i = 0; i < pointer.Tokens.Count - 1; i++)
                {
                    parent = parent.GetOrAdd(pointer.Tokens[i]);
                }

                node = parent.GetOrAdd(pointer.Tokens[^1]);
            }
            else
            {
                parent = root;
                node = root.GetOrAdd(key);
            }

            if (node.HasValue)
            {
                errors.Add((member, $"'{key}' is renamed twice (the same property as {node.Path})."));
                continue;
            }

            if (newNames.TryGetValue((parent, newName), out var other))
            {
                errors.Add((member, $"'{key}' and '{other}' would both be renamed to '{newName}' in the same object."));
                continue;
            }

            newNames[(parent, newName)] = key;
            node.SetValue(newName);
        }

        return root;
    }

    protected override bool Transform(JsonElement record, Utf8JsonWriter writer, long index)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Write(record, _rules, writer);
        return true;
    }

    private static void Write(JsonElement element, PointerNode<string>? node, Utf8JsonWriter writer)
    {
        if (node is null || !node.HasChildren)
        {
            element.WriteTo(writer);
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(element, node, writer);
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Write(item, node.TryGetChild(i++, out var child) ? child : null, writer);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static void WriteObject(JsonElement element, PointerNode<string> node, Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (var property in element.EnumerateObject())
        {
            var found = node.TryGetChild(property, out var child);
            if (found && child!.HasValue)
            {
                writer.WritePropertyName(child.Value!);
                Write(property.Value, child, writer);
            }
            else if (IsReplaced(property, element, node))
            {
                // A renamed property takes this name: it replaces this one rather than duplicating the name.
            }
            else if (found)
            {
                JsonWriting.WriteName(property, writer);
                Write(property.Value, child, writer);
            }
            else
            {
                property.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>Whether a property of <paramref name="element"/> that is renamed takes the name of <paramref name="property"/>.</summary>
    private static bool IsReplaced(JsonProperty property, JsonElement element, PointerNode<string> node)
    {
        foreach (var child in node.Children)
        {
            if (child.HasValue && property.NameEquals(child.Value) && element.TryGetProperty(child.Token, out _))
            {
                return true;
            }
        }

        return false;
    }
}
