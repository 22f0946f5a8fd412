using System.Xml;
using System.Xml.Schema;
using Gateway.Core.Converters;
using Gateway.Core.Formats;
using Gateway.Core.Messages;

namespace Gateway.Converters.Validation;

/// <summary>
/// Validates an XML body, as it arrived, against an XSD (see <see cref="ValidateOptions"/>). DTDs are refused and
/// nothing external is resolved (<c>xsi:schemaLocation</c> is ignored); the root element must be declared by the
/// schema. A valid message passes unchanged; otherwise <see cref="MessageValidationException"/> lists every error
/// with its line and column. A body that is not XML (for example one an earlier step already decoded to JSON) is a
/// <see cref="ConverterException"/>: this step must come first in the pipeline for XML input.
/// </summary>
public sealed class XsdValidateConverter(XmlSchemaSet schemas) : IMessageConverter
{
    /// <summary>The most errors listed in one exception; the rest are counted.</summary>
    public const int MaxReportedErrors = 100;

    // A compiled schema set is only read while validating, so one set serves concurrent readers.
    private readonly XmlSchemaSet _schemas = schemas ?? throw new ArgumentNullException(nameof(schemas));

    /// <summary>False: the step reads the body as it arrived, before the pipeline decodes it.</summary>
    public bool RequiresCanonical => false;

    public void Convert(Message message, ICollection<Message> output)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(output);
        if (!string.Equals(message.Format, FormatNames.Xml, StringComparison.OrdinalIgnoreCase))
        {
            throw new ConverterException(
                $"XSD validation needs the XML body as it arrived, but this message is {message.Format}. " +
                "XSD validation must come first in the pipeline for XML input, before any step that works on JSON.");
        }

        var errors = new List<string>();
        var count = 0;
        void Report(int line, int column, string text)
        {
            count++;
            if (errors.Count < MaxReportedErrors)
            {
                errors.Add($"line {line}, column {column}: {text}");
            }
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            ValidationType = ValidationType.Schema,
            Schemas = _schemas,
        };
        settings.ValidationEventHandler += (_, e) => Report(e.Exception.LineNumber, e.Exception.LinePosition, e.Message);
        using var input = new ReadOnlyMemoryStream(message.Body);
        using var reader = XmlReader.Create(input, settings);
        try
        {
            var seenRoot = false;
            var before = 0;
            while (reader.Read())
            {
                // An undeclared root in a namespace the schema does not cover is only a warning to XmlReader, and
                // would pass: report it, unless the validator already did.
                if (!seenRoot && reader.NodeType == XmlNodeType.Element)
                {
                    seenRoot = true;
                    if (count == before && !_schemas.GlobalElements.Contains(new XmlQualifiedName(reader.LocalName, reader.NamespaceURI)))
                    {
                        var where = (IXmlLineInfo)reader;
                        Report(where.LineNumber, where.LinePosition, $"the root element '{reader.Name}' (namespace '{reader.NamespaceURI}') is not declared in the schema.");
                    }
                }

                before = count;
            }
        }
        catch (XmlException ex)
        {
            throw new FormatReadException($"The body is not well-formed XML: {ex.Message}", $"line {ex.LineNumber}, column {ex.LinePosition}", ex);
        }

        if (count > 0)
        {
            if (count > errors.Count)
            {
                errors.Add($"... and {count - errors.Count} more errors");
            }

            throw new MessageValidationException($"XSD validation failed with {count} error(s)", errors);
        }

        output.Add(message);
    }
}
