using System.Text;
using System.Text.Json;

namespace Gateway.FunctionalTests.Support;

/// <summary>
/// A test message that names its sender and carries a sequence number, <c>{"src":"http","n":17}</c>, so that whatever
/// reaches a sink (a JSON object, an array of records, NDJSON lines) can be matched with what was sent.
/// </summary>
public readonly record struct NumberedMessage(string Source, int N)
{
    /// <summary>The message as sent: <c>{"src":"SOURCE","n":N}</c>.</summary>
    public string Json => $$"""{"src":"{{Source}}","n":{{N}}}""";

    /// <summary>The numbered records in <paramref name="body"/>: one JSON value (an object, or an array of them) or NDJSON lines. Empty when there is none.</summary>
    public static IReadOnlyList<NumberedMessage> Read(ReadOnlyMemory<byte> body)
    {
        var found = new List<NumberedMessage>();
        try
        {
            using var document = JsonDocument.Parse(body);
            Collect(document.RootElement, found);
        }
        catch (JsonException)
        {
            foreach (var line in Encoding.UTF8.GetString(body.Span).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                try
                {
                    using var document = JsonDocument.Parse(line);
                    Collect(document.RootElement, found);
                }
                catch (JsonException)
                {
                    // Not one of ours (or cut off): the caller counts bodies that hold no numbered record.
                }
            }
        }

        return found;
    }

    private static void Collect(JsonElement element, List<NumberedMessage> found)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Collect(item, found);
            }
        }
        else if (element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty("src", out var source) && source.ValueKind == JsonValueKind.String
            && element.TryGetProperty("n", out var n) && n.TryGetInt32(out var number))
        {
            found.Add(new NumberedMessage(source.GetString()!, number));
        }
    }
}
