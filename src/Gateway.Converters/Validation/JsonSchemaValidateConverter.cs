using System.Text.Json;
using Gateway.Converters.Query;
using Gateway.Core.Converters;
using Gateway.Core.Messages;
using NJsonSchema;

namespace Gateway.Converters.Validation;

/// <summary>
/// Validates each record of the canonical JSON body against a JSON Schema (see <see cref="ValidateOptions"/>). A valid
/// message passes unchanged; otherwise <see cref="MessageValidationException"/> lists every error with its record
/// index and JSON path (the first <see cref="MaxReportedErrors"/> of them, and how many more there are).
/// </summary>
public sealed class JsonSchemaValidateConverter(JsonSchema schema) : IMessageConverter
{
    /// <summary>The most errors listed in one exception; the rest are counted.</summary>
    public const int MaxReportedErrors = 100;

    private readonly JsonSchema _schema = schema ?? throw new ArgumentNullException(nameof(schema));

    public void Convert(Message message, ICollection<Message> output)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(output);
        var errors = new JsonSchemaErrors(MaxReportedErrors);
        using (var document = JsonDocument.Parse(message.Body))
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                long index = 1;
                foreach (var record in root.EnumerateArray())
                {
                    errors.Add(index++, _schema.Validate(JTokenConversion.ToJToken(record)));
                }
            }
            else
            {
                errors.Add(1, _schema.Validate(JTokenConversion.ToJToken(root)));
            }
        }

        if (errors.Count > 0)
        {
            throw new MessageValidationException($"JSON Schema validation failed with {errors.Count} error(s)", errors.Lines);
        }

        output.Add(message);
    }
}
