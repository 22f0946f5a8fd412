using System.Collections;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Gateway.Admin;
using Gateway.Core.Converters;
using Gateway.Core.DeadLetters;
using Gateway.Core.Formats;
using Gateway.Core.Log;
using Gateway.Core.Routing;
using Gateway.Options;
using Gateway.Telemetry;
using Gateway.Transports.Mqtt;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Configuration;

/// <summary>
/// Builds <c>schemas/gateway.schema.json</c> (JSON Schema draft-07) from the options classes the gateway binds, with
/// their XML documentation as descriptions, their defaults, ranges and enum values: every registered input, sink and
/// converter type becomes one <c>oneOf</c> branch keyed by <c>Type</c>, so editors complete each type's own options
/// and flag unknown ones as <c>gateway validate</c> does.
/// </summary>
internal static partial class GatewaySchemaGenerator
{
    private static readonly Lazy<Dictionary<string, string>> Docs = new(LoadDocs);

    public static JsonObject Generate(IServiceProvider services)
    {
        var formats = services.GetRequiredService<FormatRegistry>().All.Select(f => f.Name).Order(StringComparer.Ordinal).ToArray();
        var inputs = services.GetServices<InputRegistration>().OrderBy(r => r.Type, StringComparer.Ordinal).ToList();
        var sinks = services.GetServices<SinkRegistration>().OrderBy(r => r.Type, StringComparer.Ordinal).ToList();
        var converters = services.GetRequiredService<ConverterCatalog>().Registrations.Values.OrderBy(r => r.Type, StringComparer.Ordinal).ToList();
        var definitions = new JsonObject();

        foreach (var input in inputs)
        {
            definitions[$"input.{input.Type}"] = Typed(input.Type, formats, [typeof(InputSettings), typeof(FormatOptions), input.OptionsType]);
        }

        foreach (var sink in sinks)
        {
            var definition = Typed(sink.Type, formats, [typeof(SinkSettings), typeof(FormatOptions), sink.OptionsType]);
            if (definition["properties"]?[nameof(SinkSettings.MaxInFlightBatches)] is JsonObject inFlight)
            {
                // The type's own default, and 1 at most for a type that takes one batch at a time (the validator's rule).
                inFlight["default"] = sink.InFlightBatches;
                if (sink.InFlightBatches == 1)
                {
                    inFlight["maximum"] = 1;
                }
            }

            definitions[$"sink.{sink.Type}"] = definition;
        }

        foreach (var converter in converters)
        {
            definitions[$"converter.{converter.Type}"] = Typed(converter.Type, formats, [converter.OptionsType]);
        }

        definitions["input"] = OneOf("An input: where messages come from. Type picks the transport.", inputs.Select(i => $"input.{i.Type}"));
        definitions["sink"] = OneOf("A sink: where messages go. Type picks the transport.", sinks.Select(s => $"sink.{s.Type}"));
        definitions["converter"] = OneOf("One converter step. Type picks the converter.", converters.Select(c => $"converter.{c.Type}"));
        definitions["converters"] = new JsonObject { ["type"] = "array", ["description"] = "Converter steps, run in order on each message.", ["items"] = Ref("converter") };
        var route = ObjectOf(typeof(RouteSettings), formats);
        ((JsonObject)route["properties"]!)["Converters"] = Ref("converters");
        definitions["route"] = route;

        var gateway = new JsonObject
        {
            ["Http"] = ObjectOf(typeof(GatewayHttpOptions), formats),
            ["Pipelines"] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "Named converter pipelines for POST /convert?pipeline=NAME.",
                ["additionalProperties"] = Ref("converters"),
            },
            ["Plugins"] = new JsonObject
            {
                ["type"] = "array",
                ["description"] = "Plugin assemblies (.dll paths, relative to the working directory) that add formats, converters, inputs or sinks.",
                ["items"] = new JsonObject { ["type"] = "string" },
            },
            ["Inputs"] = MapOf("Inputs by id.", "input"),
            ["Sinks"] = MapOf("Sinks by id.", "sink"),
            ["Routes"] = MapOf("Routes by id: each reads one input, converts, and writes to its sinks.", "route"),
            ["DeadLetters"] = ObjectOf(typeof(DeadLetterOptions), formats),
            ["Buffer"] = ObjectOf(typeof(BufferOptions), formats),
            ["MqttBroker"] = ObjectOf(typeof(MqttBrokerOptions), formats),
            ["Telemetry"] = ObjectOf(typeof(TelemetryOptions), formats),
            ["Admin"] = ObjectOf(typeof(AdminOptions), formats),
        };
        definitions["gateway"] = new JsonObject
        {
            ["type"] = "object",
            ["description"] = "The gateway's configuration: inputs, sinks, routes and the services around them.",
            ["additionalProperties"] = false,
            ["properties"] = gateway,
        };

        return new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["$id"] = "gateway.schema.json",
            ["title"] = "Gateway configuration",
            ["description"] = "A Gateway configuration file (gateway --config FILE). Generated from the options classes; see docs/configuration.md.",
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["$schema"] = new JsonObject { ["type"] = "string" },
                ["Gateway"] = Ref("gateway"),
            },
            ["definitions"] = definitions,
        };
    }

    /// <summary>The options every <see cref="Type"/> of <paramref name="types"/> binds, as one closed object whose <c>Type</c> is <paramref name="typeName"/>.</summary>
    private static JsonObject Typed(string typeName, string[] formats, Type[] types)
    {
        var properties = new JsonObject();
        foreach (var type in types)
        {
            foreach (var (name, schema) in Properties(type, formats))
            {
                properties[name] = schema;
            }
        }

        properties["Type"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(typeName) };
        return new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("Type"),
            ["additionalProperties"] = false,
            ["properties"] = properties,
        };
    }

    private static JsonObject ObjectOf(Type type, string[] formats)
    {
        var properties = new JsonObject();
        foreach (var (name, schema) in Properties(type, formats))
        {
            properties[name] = schema;
        }

        var result = new JsonObject { ["type"] = "object", ["additionalProperties"] = false, ["properties"] = properties };
        if (Doc($"T:{type.FullName}") is { } description)
        {
            result["description"] = description;
        }

        return result;
    }

    /// <summary>The properties the binder knows (public, settable or collections), in name order.</summary>
    public static IEnumerable<(string Name, JsonObject Schema)> Properties(Type type, string[] formats)
    {
        var defaults = Activator.CreateInstance(type);
        foreach (var property in BoundProperties(type))
        {
            var schema = Describe(property, formats);
            if (Default(property, defaults) is { } value)
            {
                schema["default"] = value;
            }

            if (Doc($"P:{property.DeclaringType!.FullName}.{property.Name}") is { } description)
            {
                schema["description"] = description;
            }

            yield return (property.Name, schema);
        }
    }

    public static IEnumerable<PropertyInfo> BoundProperties(Type type)
        => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && (p.CanWrite || p.PropertyType.IsAssignableTo(typeof(IEnumerable))))
            .OrderBy(p => p.Name, StringComparer.Ordinal);

    private static JsonObject Describe(PropertyInfo property, string[] formats)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (property.Name == "Format" && type == typeof(string))
        {
            return new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. formats.Select(f => (JsonNode)f)]) };
        }

        var schema = Describe(type, formats);
        if (property.GetCustomAttribute<RangeAttribute>() is { } range && schema["type"]?.GetValue<string>() is "integer" or "number")
        {
            schema["minimum"] = JsonValue.Create(System.Convert.ToDouble(range.Minimum, System.Globalization.CultureInfo.InvariantCulture));
            schema["maximum"] = JsonValue.Create(System.Convert.ToDouble(range.Maximum, System.Globalization.CultureInfo.InvariantCulture));
        }

        return schema;
    }

    private static JsonObject Describe(Type type, string[] formats)
    {
        if (type == typeof(string) || type == typeof(Uri) || type == typeof(System.Net.IPAddress))
        {
            return new JsonObject { ["type"] = "string" };
        }

        if (type == typeof(bool))
        {
            return new JsonObject { ["type"] = "boolean" };
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(ushort) || type == typeof(uint))
        {
            return new JsonObject { ["type"] = "integer" };
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return new JsonObject { ["type"] = "number" };
        }

        if (type == typeof(TimeSpan))
        {
            return new JsonObject { ["type"] = "string", ["pattern"] = @"^-?(\d+\.)?\d{1,2}:\d{2}(:\d{2}(\.\d{1,7})?)?$" };
        }

        if (type.IsEnum)
        {
            // The binder takes an enum's names (any case) and its numbers ("Qos": 1).
            var names = Enum.GetNames(type).Select(n => (JsonNode)n);
            var numbers = Enum.GetValuesAsUnderlyingType(type).Cast<object>().Select(v => (JsonNode)JsonValue.Create(System.Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)));
            return new JsonObject { ["type"] = new JsonArray("string", "integer"), ["enum"] = new JsonArray([.. names, .. numbers]) };
        }

        if (type.GetCustomAttribute<TypeConverterAttribute>() is not null)
        {
            // Bound from text by its converter (a list written as "a,b"), or from a list of strings.
            return new JsonObject { ["type"] = new JsonArray("string", "array"), ["items"] = new JsonObject { ["type"] = "string" } };
        }

        if (type.IsGenericType && type.GetGenericArguments() is [var key, var value] && type.IsAssignableTo(typeof(IEnumerable)) && key == typeof(string))
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = Describe(value, formats) };
        }

        if (type.IsArray || (type.IsGenericType && type.IsAssignableTo(typeof(IEnumerable))))
        {
            var item = type.IsArray ? type.GetElementType()! : type.GetGenericArguments()[0];
            return new JsonObject { ["type"] = "array", ["items"] = Describe(item, formats) };
        }

        if (type.IsClass)
        {
            return ObjectOf(type, formats);
        }

        throw new NotSupportedException($"No JSON Schema for options of type {type}; teach {nameof(GatewaySchemaGenerator)} about it.");
    }

    private static JsonNode? Default(PropertyInfo property, object? defaults)
    {
        var value = defaults is null || !property.CanRead ? null : property.GetValue(defaults);
        return value switch
        {
            null => null,
            string text => text,
            bool flag => flag,
            int or long or short or byte or ushort or uint => JsonValue.Create(System.Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)),
            double or float or decimal => JsonValue.Create(System.Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)),
            TimeSpan time => time.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            Enum choice => choice.ToString(),
            _ => null,
        };
    }

    private static JsonObject OneOf(string description, IEnumerable<string> definitions)
        => new() { ["description"] = description, ["oneOf"] = new JsonArray([.. definitions.Select(d => (JsonNode)Ref(d))]) };

    private static JsonObject MapOf(string description, string definition)
        => new() { ["type"] = "object", ["description"] = description, ["additionalProperties"] = Ref(definition) };

    private static JsonObject Ref(string definition) => new() { ["$ref"] = $"#/definitions/{definition}" };

    private static string? Doc(string member) => Docs.Value.TryGetValue(member, out var text) ? text : null;

    /// <summary>Every <c>summary</c> of the gateway's XML documentation files beside the tests, as plain text.</summary>
    private static Dictionary<string, string> LoadDocs()
    {
        var docs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(AppContext.BaseDirectory, "*.xml").Where(f => Path.GetFileName(f).StartsWith("Gateway", StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var member in XDocument.Load(file).Descendants("member"))
            {
                if (member.Attribute("name")?.Value is { } name && member.Element("summary") is { } summary)
                {
                    var text = string.Concat(summary.Nodes().Select(PlainText));
                    docs[name] = Whitespace().Replace(text, " ").Trim();
                }
            }
        }

        return docs;
    }

    private static string PlainText(XNode node) => node switch
    {
        XText text => text.Value,
        XElement { Name.LocalName: "see" or "seealso" } see => see.Attribute("cref")?.Value.Split('.', ':')[^1] ?? see.Attribute("langword")?.Value ?? see.Value,
        XElement { Name.LocalName: "paramref" or "typeparamref" } reference => reference.Attribute("name")?.Value ?? string.Empty,
        XElement element => string.Concat(element.Nodes().Select(PlainText)),
        _ => string.Empty,
    };

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
