using System.Text.Json;
using Gateway.Core.Formats;

namespace Gateway.Formats.Json;

/// <summary>Turns System.Text.Json reader errors into <see cref="FormatReadException"/> with a 1-based position.</summary>
internal static class JsonErrors
{
    public static FormatReadException From(JsonException ex, long lineOffset = 0, string? prefix = null)
    {
        var location = ex.LineNumber is { } line
            ? $"{prefix}line {line + 1 + lineOffset}, column {(ex.BytePositionInLine ?? 0) + 1}"
            : prefix?.TrimEnd(',', ' ');
        return new FormatReadException(Message(ex), location, ex);
    }

    /// <summary>Like <see cref="From"/>, at a 0-based <paramref name="line"/> and byte <paramref name="column"/> the caller worked out.</summary>
    public static FormatReadException At(JsonException ex, long line, long column, string? prefix) =>
        new(Message(ex), $"{prefix}line {line + 1}, column {column + 1}", ex);

    private static string Message(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        return "Invalid JSON: " + message.TrimEnd('.');
    }
}
