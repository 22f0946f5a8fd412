using System.ComponentModel.DataAnnotations;
using System.Xml.Schema;
using Gateway.Core.Converters;
using NJsonSchema;

namespace Gateway.Converters.Validation;

/// <summary>
/// Options of the <c>Validate</c> step; exactly one of <see cref="Schema"/>, <see cref="InlineSchema"/> and
/// <see cref="Xsd"/> is required: <c>{ "Type": "Validate", "Schema": "order.schema.json" }</c>. The schema is loaded
/// once, when the pipeline is built; a schema that does not load is a configuration error.
/// </summary>
public sealed class ValidateOptions : IValidatableObject
{
    private (string? Schema, string? InlineSchema, string? Xsd, object Loaded)? _loaded;

    /// <summary>
    /// Path of a JSON Schema file; each record of the canonical JSON body is validated against it. A relative path
    /// is looked for in the current directory, then in a <c>schemas/</c> folder there. <c>$ref</c>s to other files
    /// resolve against the schema's own folder.
    /// </summary>
    public string? Schema { get; set; }

    /// <summary>A JSON Schema given as JSON text, for example <c>{"type":"object","required":["id"]}</c>.</summary>
    public string? InlineSchema { get; set; }

    /// <summary>
    /// Path of an XSD (resolved like <see cref="Schema"/>) for XML bodies. The body is validated as it arrived,
    /// before it is decoded, so this step must come before any step that works on JSON.
    /// </summary>
    public string? Xsd { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var set = new[] { (nameof(Schema), Schema), (nameof(InlineSchema), InlineSchema), (nameof(Xsd), Xsd) }
            .Where(o => !string.IsNullOrWhiteSpace(o.Item2))
            .Select(o => o.Item1)
            .ToList();
        if (set.Count != 1)
        {
            var problem = set.Count == 0 ? "none is set" : $"{string.Join(" and ", set)} are set";
            return [new ValidationResult($"exactly one of Schema (a JSON Schema file), InlineSchema (JSON Schema text) or Xsd (an XSD file) is required; {problem}.", set.Count == 0 ? [nameof(Schema)] : set)];
        }

        return TryLoad(out _, out var member, out var error) ? [] : [new ValidationResult(error, [member])];
    }

    /// <summary>Creates the step from the schema loaded by <see cref="Validate"/> (or loads it now).</summary>
    internal IMessageConverter CreateConverter()
    {
        if (!TryLoad(out var loaded, out var member, out var error))
        {
            throw new ArgumentException($"{member}: {error}");
        }

        return loaded switch
        {
            JsonSchema schema => new JsonSchemaValidateConverter(schema),
            _ => new XsdValidateConverter((XmlSchemaSet)loaded),
        };
    }

    private bool TryLoad(out object loaded, out string member, out string error)
    {
        if (_loaded is { } cached && cached.Schema == Schema && cached.InlineSchema == InlineSchema && cached.Xsd == Xsd)
        {
            (loaded, member, error) = (cached.Loaded, string.Empty, string.Empty);
            return true;
        }

        loaded = null!;
        var ok = false;
        if (!string.IsNullOrWhiteSpace(InlineSchema))
        {
            member = nameof(InlineSchema);
            ok = SchemaLoader.TryLoadJsonSchemaText(InlineSchema, out var schema, out error);
            loaded = schema!;
        }
        else
        {
            var isXsd = !string.IsNullOrWhiteSpace(Xsd);
            member = isXsd ? nameof(Xsd) : nameof(Schema);
            var path = isXsd ? Xsd! : Schema ?? string.Empty;
            if (SchemaFiles.TryResolve(path, Directory.GetCurrentDirectory(), out var fullPath, out error))
            {
                if (isXsd)
                {
                    ok = SchemaLoader.TryLoadXsd(fullPath, out var schemas, out error);
                    loaded = schemas!;
                }
                else
                {
                    ok = SchemaLoader.TryLoadJsonSchemaFile(fullPath, out var schema, out error);
                    loaded = schema!;
                }
            }
        }

        if (ok)
        {
            _loaded = (Schema, InlineSchema, Xsd, loaded);
        }

        return ok;
    }
}
