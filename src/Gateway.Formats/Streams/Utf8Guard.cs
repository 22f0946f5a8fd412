using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Gateway.Core.Formats;

namespace Gateway.Formats.Streams;

/// <summary>
/// Rejects bytes that are not valid UTF-8. System.Text.Json's reader does not check the text inside strings, and the
/// canonical form promises valid UTF-8 to every encoder and sink, so decoders check each record once (vectorized).
/// </summary>
internal static class Utf8Guard
{
    public static bool IsValid(ReadOnlySpan<byte> text) => Utf8.IsValid(text);

    /// <summary>The error for invalid <paramref name="text"/>; <paramref name="describe"/> turns the bad byte's index into a location.</summary>
    public static FormatReadException Error(ReadOnlySpan<byte> text, Func<int, string> describe)
    {
        var index = 0;
        while (index < text.Length)
        {
            if (Rune.DecodeFromUtf8(text[index..], out _, out var consumed) != OperationStatus.Done)
            {
                break;
            }

            index += consumed;
        }

        return new FormatReadException($"Invalid UTF-8: byte 0x{text[index]:X2} does not start or continue a valid UTF-8 sequence", describe(index));
    }
}
