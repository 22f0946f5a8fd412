using System.Buffers;
using System.Text.Json;
using Gateway.Converters.Paths;
using Gateway.Core.Converters;
using Gateway.Core.Json;
using Gateway.Core.Messages;
using Gateway.Core.Templates;

namespace Gateway.Converters.Shaping;

/// <summary>
/// Sets values at JSON Pointer paths in each record, creating the objects on the way (see <see cref="SetOptions"/>).
/// An existing value is replaced in place; a new property goes at the end of its object. In an array a path may
/// name an existing index, or <c>-</c> to append. Each record must be an object.
/// </summary>
public sealed class SetConverter : IMessageConverter
{
    private readonly PointerNode<SetAction> _rules;

    public SetConverter(SetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<(string Member, string Message)>();
        _rules = TryBuildRules(options, errors);
        if (errors.Count > 0)
        {
            throw new ArgumentException($"{errors[0].Member}: {errors[0].Message}");
        }
    }

    public void Convert(Message message, ICollection<Message> output)
    {
        ArgumentNullException.ThrowIfNull(message);

        // The templates read the message, which the per-record base class does not pass along: one writer per message.
        new RecordWriter(_rules, message).Convert(message, output);
    }

    /// <summary>Builds the tree of actions; adds every problem (by option member, e.g. <c>Values:/a</c>) to <paramref name="errors"/>.</summary>
    internal static PointerNode<SetAction> TryBuildRules(SetOptions options, List<(string Member, string Message)> errors)
    {
        var root = new PointerNode<SetAction>();
        foreach (var (path, text) in options.Fields ?? [])
        {
            var member = $"{nameof(SetOptions.Fields)}:{path}";
            if (!MessageTemplate.TryParse(text, out var template, out var error))
            {
                errors.Add((member, error));
                continue;
            }

            Add(root, path, new SetAction(template, null), member, errors);
        }

        foreach (var (path, text) in options.Values ?? [])
        {
            var member = $"{nameof(SetOptions.Values)}:{path}";
            if (!TryMinify(text, out var json, out var error))
            {
                errors.Add((member, error));
                continue;
            }

            Add(root, path, new SetAction(null, json), member, errors);
        }

        return root;
    }

    private static void Add(PointerNode<SetAction> root, string path, SetAction action, string member, List<(string Member, string Message)> errors)
    {
        if (!JsonPointer.TryParse(path, out var pointer, out var error))
        {
            errors.Add((member, error));
            return;
        }

        if (pointer.IsRoot)
        {
            errors.Add((member, "the empty pointer is the whole record; use a Map step to replace records."));
            return;
        }

        var node = root;
        foreach (var token in pointer.Tokens)
        {
            if (node.HasValue)
            {
                errors.Add((member, $"'{path}' is inside '{node.Path}', which is set too."));
                return;
            }

            node = node.GetOrAdd(token);
        }

        if (node.HasValue)
        {
            errors.Add((member, $"'{path}' is set twice (in Fields and in Values)."));
        }
        else if (node.HasChildren)
        {
            errors.Add((member, $"'{path}' is set, and so is '{node.Children[0].Path}' inside it."));
        }
        else
        {
            node.SetValue(action);
        }
    }

    private static bool TryMinify(string? text, out byte[] json, out string error)
    {
        json = [];
        error = string.Empty;
        try
        {
            using var document = JsonDocument.Parse(text ?? string.Empty);
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, CanonicalJson.WriterOptions))
            {
                document.RootElement.WriteTo(writer);
            }

            json = buffer.WrittenSpan.ToArray();
            return true;
        }
        catch (JsonException ex)
        {
            error = $"'{text}' is not JSON text ({ex.Message}) Write a string with its quotes (\"\\\"text\\\"\"), or use Fields for text.";
            return false;
        }
    }

    /// <summary>Writes the records of one message; it knows the message, so templates can read it.</summary>
    private sealed class RecordWriter(PointerNode<SetAction> rules, Message message) : RecordConverter
    {
        private JsonElement _record;
        private long _index;

        protected override bool Transform(JsonElement record, Utf8JsonWriter writer, long index)
        {
            _record = record;
            _index = index;
            if (record.ValueKind != JsonValueKind.Object)
            {
                throw new ConverterException($"record {index}: Set needs each record to be an object, not {JsonWriting.Describe(record.ValueKind)}.");
            }

            WriteObject(record, rules, writer);
            return true;
        }

        private void WriteObject(JsonElement element, PointerNode<SetAction> node, Utf8JsonWriter writer)
        {
            var count = node.Children.Count;
            Span<bool> matched = count <= 64 ? stackalloc bool[count] : new bool[count];
            writer.WriteStartObject();
            foreach (var property in element.EnumerateObject())
            {
                if (!node.TryGetChild(property, out var child))
                {
                    property.WriteTo(writer);
                    continue;
                }

                matched[child.Ordinal] = true;
                JsonWriting.WriteName(property, writer);
                WriteAt(property.Value, child, writer);
            }

            foreach (var child in node.Children)
            {
                if (!matched[child.Ordinal])
                {
                    writer.WritePropertyName(child.Token);
                    WriteNew(child, writer);
                }
            }

            writer.WriteEndObject();
        }

        private void WriteArray(JsonElement element, PointerNode<SetAction> node, Utf8JsonWriter writer)
        {
            var length = element.GetArrayLength();
            foreach (var child in node.Children)
            {
                if (child.Token != "-" && (!JsonPointer.TryGetArrayIndex(child.Token, out var i) || i >= length))
                {
                    throw new ConverterException($"record {_index}: cannot set '{child.Path}': the array at '{node.Path}' has {length} elements (use an index below {length}, or '-' to append).");
                }
            }

            writer.WriteStartArray();
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                if (node.TryGetChild(index++, out var child))
                {
                    WriteAt(item, child, writer);
                }
                else
                {
                    item.WriteTo(writer);
                }
            }

            if (node.TryGetChild("-", out var append))
            {
                WriteNew(append, writer);
            }

            writer.WriteEndArray();
        }

        /// <summary>Writes the value at an existing path: the action's value, or the existing value with the actions below it.</summary>
        private void WriteAt(JsonElement existing, PointerNode<SetAction> node, Utf8JsonWriter writer)
        {
            if (node.HasValue)
            {
                WriteAction(node.Value!, writer);
            }
            else if (existing.ValueKind == JsonValueKind.Object)
            {
                WriteObject(existing, node, writer);
            }
            else if (existing.ValueKind == JsonValueKind.Array)
            {
                WriteArray(existing, node, writer);
            }
            else
            {
                throw new ConverterException($"record {_index}: cannot set '{node.Children[0].Path}': '{node.Path}' is {JsonWriting.Describe(existing.ValueKind)}, not an object.");
            }
        }

        /// <summary>Writes a path the record does not have: the action's value, or new objects down to the actions.</summary>
        private void WriteNew(PointerNode<SetAction> node, Utf8JsonWriter writer)
        {
            if (node.HasValue)
            {
                WriteAction(node.Value!, writer);
                return;
            }

            writer.WriteStartObject();
            foreach (var child in node.Children)
            {
                writer.WritePropertyName(child.Token);
                WriteNew(child, writer);
            }

            writer.WriteEndObject();
        }

        private void WriteAction(SetAction action, Utf8JsonWriter writer)
        {
            if (action.Json is { } json)
            {
                writer.WriteRawValue(json, skipInputValidation: true);
            }
            else
            {
                writer.WriteStringValue(action.Template!.Render(message, _record));
            }
        }
    }
}
