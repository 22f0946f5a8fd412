using System.Text.Json;
using Gateway.Core.Converters;

namespace Gateway.Converters.Query;

/// <summary>
/// Keeps the records for which a JMESPath expression is truthy (see <see cref="FilterOptions"/>). Kept records are
/// copied as they are. In a top-level array the others leave the array; a single record that fails drops the message.
/// </summary>
public sealed class FilterConverter : RecordConverter
{
    private readonly JmesPathQuery _query;

    public FilterConverter(FilterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _query = options.Compile();
    }

    protected override bool Transform(JsonElement record, Utf8JsonWriter writer, long index)
    {
        ArgumentNullException.ThrowIfNull(writer);
        bool keep;
        try
        {
            keep = JTokenConversion.IsTruthy(_query.Evaluate(JTokenConversion.ToJToken(record)));
        }
        catch (ConverterException ex)
        {
            throw new ConverterException($"record {index}: {ex.Message}", ex);
        }

        if (keep)
        {
            record.WriteTo(writer);
        }

        return keep;
    }
}
