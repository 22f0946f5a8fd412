using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Gateway.Core.Converters;
using Newtonsoft.Json.Linq;

namespace Gateway.Converters.Query;

/// <summary>
/// Moves records between <see cref="JsonElement"/> (the gateway's form) and Newtonsoft <see cref="JToken"/> (what
/// JmesPath.Net and NJsonSchema work on) directly, without printing and re-parsing JSON text. Numbers become what
/// Newtonsoft's own parser would make of them: integers as <see cref="long"/> (or <see cref="BigInteger"/>), others
/// as <see cref="double"/>.
/// </summary>
internal static class JTokenConversion
{
    public static JToken ToJToken(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JObject();
                foreach (var property in element.EnumerateObject())
                {
                    // The indexer, not Add: a duplicate name keeps its last value, as JSON parsers usually do.
                    obj[property.Name] = ToJToken(property.Value);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(ToJToken(item));
                }

                return array;
            case JsonValueKind.String:
                return new JValue(element.GetString());
            case JsonValueKind.Number:
                return Number(element);
            case JsonValueKind.True:
                return new JValue(true);
            case JsonValueKind.False:
                return new JValue(false);
            default:
                return JValue.CreateNull();
        }
    }

    public static void Write(JToken? token, Utf8JsonWriter writer)
    {
        switch (token?.Type ?? JTokenType.Null)
        {
            case JTokenType.Object:
                writer.WriteStartObject();
                foreach (var property in ((JObject)token!).Properties())
                {
                    writer.WritePropertyName(property.Name);
                    Write(property.Value, writer);
                }

                writer.WriteEndObject();
                break;
            case JTokenType.Array:
                writer.WriteStartArray();
                foreach (var item in (JArray)token!)
                {
                    Write(item, writer);
                }

                writer.WriteEndArray();
                break;
            case JTokenType.Integer:
                WriteInteger(((JValue)token!).Value, writer);
                break;
            case JTokenType.Float:
                WriteFloat(((JValue)token!).Value, writer);
                break;
            case JTokenType.Boolean:
                writer.WriteBooleanValue((bool)((JValue)token!).Value!);
                break;
            case JTokenType.String:
                writer.WriteStringValue((string?)((JValue)token!).Value);
                break;
            case JTokenType.Date:
            case JTokenType.Guid:
            case JTokenType.Uri:
            case JTokenType.TimeSpan:
                writer.WriteStringValue(((JValue)token!).Value switch
                {
                    DateTime dateTime => dateTime.ToString("O", CultureInfo.InvariantCulture),
                    DateTimeOffset dateTimeOffset => dateTimeOffset.ToString("O", CultureInfo.InvariantCulture),
                    var other => System.Convert.ToString(other, CultureInfo.InvariantCulture),
                });
                break;
            case JTokenType.Raw:
                writer.WriteRawValue(((JValue)token!).Value?.ToString() ?? "null");
                break;
            case JTokenType.Bytes:
                writer.WriteBase64StringValue((byte[])((JValue)token!).Value!);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    /// <summary>JMESPath truthiness: <c>null</c>, <c>false</c>, <c>""</c>, <c>[]</c> and <c>{}</c> are false, everything else (0 too) true.</summary>
    public static bool IsTruthy(JToken? token) => token?.Type switch
    {
        null or JTokenType.Null or JTokenType.Undefined => false,
        JTokenType.Boolean => (bool)((JValue)token).Value!,
        JTokenType.String => ((string?)((JValue)token).Value)?.Length > 0,
        JTokenType.Array => ((JArray)token).Count > 0,
        JTokenType.Object => ((JObject)token).Count > 0,
        _ => true,
    };

    private static JValue Number(JsonElement element)
    {
        if (element.TryGetInt64(out var integer))
        {
            return new JValue(integer);
        }

        var text = element.GetRawText();
        if (text.AsSpan().IndexOfAny('.', 'e', 'E') < 0)
        {
            return new JValue(BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        }

        if (element.TryGetDouble(out var real))
        {
            return new JValue(real);
        }

        throw new ConverterException($"the number {text} is too large for a 64-bit floating point value.");
    }

    private static void WriteInteger(object? value, Utf8JsonWriter writer)
    {
        switch (value)
        {
            case long l:
                writer.WriteNumberValue(l);
                break;
            case BigInteger big:
                writer.WriteRawValue(big.ToString(CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteNumberValue(System.Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static void WriteFloat(object? value, Utf8JsonWriter writer)
    {
        switch (value)
        {
            case decimal d:
                writer.WriteNumberValue(d);
                break;
            default:
                var real = System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (!double.IsFinite(real))
                {
                    throw new ConverterException($"the result {real} is not a number JSON can hold.");
                }

                writer.WriteNumberValue(real);
                break;
        }
    }
}
