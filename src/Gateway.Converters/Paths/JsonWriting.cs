using System.Runtime.InteropServices;
using System.Text.Json;

namespace Gateway.Converters.Paths;

/// <summary>Small <see cref="Utf8JsonWriter"/> helpers shared by the structural steps.</summary>
internal static class JsonWriting
{
    /// <summary>Writes the name of <paramref name="property"/> from its UTF-8 bytes when they need no unescaping.</summary>
    public static void WriteName(JsonProperty property, Utf8JsonWriter writer)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.IndexOf((byte)'\\') < 0)
        {
            writer.WritePropertyName(raw);
        }
        else
        {
            writer.WritePropertyName(property.Name);
        }
    }

    /// <summary>A word for a JSON value kind, for error messages.</summary>
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
