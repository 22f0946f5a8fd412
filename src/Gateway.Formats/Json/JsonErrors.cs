using System.Text.Json;
using Gateway.Core.Formats;

namespace Gateway.Formats.Json;

/// <summary>Turns System.Text.Json reader errors into <see cref="FormatReadException"/> with a 1-based position.</summary>
internal static class JsonErrors
{
    public static FormatReadException From(JsonException ex, long lineOffset = 0, string? prefix = null)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        message = "Invalid JSON: " + message.TrimEnd('.');
        var location = ex.LineNumber is { } line
            ? $"{prefix}line {line + 1 + lineOffset}, column {(ex.BytePositionInLine ?? 0) + 1}"
            : prefix?.TrimEnd(',', ' ');
        return new FormatReadException(message, location, ex);
    }
}
