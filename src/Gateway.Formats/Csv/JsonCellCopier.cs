using System.Text.Json;
using Gateway.Core.Json;

namespace Gateway.Formats.Csv;

/// <summary>
/// Embeds the JSON text of a cell (a <c>Json</c> column) in the record: it is validated, then copied token by token,
/// so whitespace and line breaks inside the cell never reach the canonical form, while numbers and strings keep
/// their exact text.
/// </summary>
internal static class JsonCellCopier
{
    /// <summary>Copies one JSON value to the end of the writer's output; returns null, or what is wrong with the text.</summary>
    public static string? Copy(ReadOnlySpan<byte> json, Utf8JsonWriter writer, int maxDepth)
    {
        var options = CanonicalJson.ReaderOptions(maxDepth);
        try
        {
            // One value and nothing after it: the reader throws on a second value or on an incomplete one.
            var reader = new Utf8JsonReader(json, options);
            while (reader.Read())
            {
            }
        }
        catch (JsonException e)
        {
            return "is not valid JSON: " + e.Message;
        }

        writer.Reset();
        JsonTokenCopier.Copy(json, writer, maxDepth);
        writer.Flush();
        return null;
    }
}
