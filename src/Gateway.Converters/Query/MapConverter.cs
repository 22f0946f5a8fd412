using System.Text.Json;
using Gateway.Core.Converters;

namespace Gateway.Converters.Query;

/// <summary>Replaces each record with the result of a JMESPath expression evaluated on it (see <see cref="MapOptions"/>).</summary>
public sealed class MapConverter : RecordConverter
{
    private readonly JmesPathQuery _query;

    public MapConverter(MapOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _query = options.Compile();
    }

    protected override bool Transform(JsonElement record, Utf8JsonWriter writer, long index)
    {
        ArgumentNullException.ThrowIfNull(writer);
        try
        {
            JTokenConversion.Write(_query.Evaluate(JTokenConversion.ToJToken(record)), writer);
        }
        catch (ConverterException ex)
        {
            throw new ConverterException($"record {index}: {ex.Message}", ex);
        }

        return true;
    }
}
