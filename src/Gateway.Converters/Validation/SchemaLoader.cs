using System.Diagnostics.CodeAnalysis;
using System.Xml;
using System.Xml.Schema;
using NJsonSchema;

namespace Gateway.Converters.Validation;

/// <summary>Loads JSON Schemas (NJsonSchema) and XSDs once, when the pipeline is built; every failure is a message.</summary>
internal static class SchemaLoader
{
    public static bool TryLoadJsonSchemaFile(string fullPath, [NotNullWhen(true)] out JsonSchema? schema, out string error)
        => TryLoadJsonSchema(() => JsonSchema.FromFileAsync(fullPath), $"'{fullPath}'", out schema, out error);

    public static bool TryLoadJsonSchemaText(string text, [NotNullWhen(true)] out JsonSchema? schema, out string error)
        => TryLoadJsonSchema(() => JsonSchema.FromJsonAsync(text), "the inline schema", out schema, out error);

    public static bool TryLoadXsd(string fullPath, [NotNullWhen(true)] out XmlSchemaSet? schemas, out string error)
    {
        schemas = null;
        var problems = new List<string>();

        // The schema is the operator's own file, so its xs:include and xs:import may read local files beside it, but
        // never the network; a DTD in it is still refused.
        var set = new XmlSchemaSet { XmlResolver = XmlResolver.FileSystemResolver };
        set.ValidationEventHandler += (_, e) =>
        {
            if (e.Severity == XmlSeverityType.Error)
            {
                problems.Add($"line {e.Exception.LineNumber}, column {e.Exception.LinePosition}: {e.Message}");
            }
        };
        try
        {
            using (var stream = File.OpenRead(fullPath))
            using (var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }, new Uri(fullPath).AbsoluteUri))
            {
                set.Add(null, reader);
            }

            set.Compile();
        }
        catch (Exception ex) when (ex is XmlException or XmlSchemaException or IOException or UnauthorizedAccessException)
        {
            error = $"cannot load the XSD '{fullPath}': {ex.Message}";
            return false;
        }

        if (problems.Count > 0)
        {
            error = $"the XSD '{fullPath}' is not valid: {string.Join("; ", problems)}";
            return false;
        }

        schemas = set;
        error = string.Empty;
        return true;
    }

    private static bool TryLoadJsonSchema(Func<Task<JsonSchema>> load, string what, [NotNullWhen(true)] out JsonSchema? schema, out string error)
    {
        try
        {
            // Loading happens once, while the pipeline is built at startup; there is no caller to hand a task to.
            schema = load().GetAwaiter().GetResult();
            error = string.Empty;
            return true;
        }
#pragma warning disable CA1031 // NJsonSchema throws many unrelated types (Newtonsoft, InvalidOperation, NotSupported, IO) for a bad schema.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            schema = null;
            error = $"cannot load {what} as a JSON Schema: {ex.Message}";
            return false;
        }
    }
}
