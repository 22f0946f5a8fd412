using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Gateway.Core.Formats;
using Gateway.Core.Messages;
using Gateway.Core.Routing;
using Gateway.Core.Templates;

namespace Gateway.Transports.Files;

/// <summary>File names of a <c>File</c> sink: checked templates, and rendered names that cannot leave the folder.</summary>
internal static class FileSinkNames
{
    /// <summary>The longest file name most file systems accept, in UTF-8 bytes.</summary>
    public const int MaxNameBytes = 255;

    private static readonly SearchValues<char> Invalid = SearchValues.Create(
        [.. Path.GetInvalidFileNameChars(), '/', '\\', .. Enumerable.Range(0, 32).Select(c => (char)c), (char)0x7F]);

    /// <summary>Checks the literal text of a <c>FileName</c> template: a name, not a path.</summary>
    public static bool TryCheck(MessageTemplate template, [NotNullWhen(false)] out string? error)
    {
        var sample = template.Render(new Message(ReadOnlyMemory<byte>.Empty, FormatNames.Json), encodeValue: _ => "x");
        if (sample.AsSpan().IndexOfAny(Invalid) >= 0)
        {
            error = "FileName is a file name, not a path: remove path separators and control characters (placeholder values are cleaned automatically).";
            return false;
        }

        if (sample is "" or "." or "..")
        {
            error = "FileName must name a file (it cannot be empty, '.' or '..').";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary><paramref name="name"/> with <paramref name="extension"/> added unless it already ends with it.</summary>
    public static string WithExtension(string name, string extension)
        => extension.Length == 0 || name.EndsWith(extension, StringComparison.OrdinalIgnoreCase) ? name : name + extension;

    /// <summary>
    /// The file name of one message. Filled-in values have path separators and characters a file name cannot hold
    /// replaced by <c>_</c>; a name that is still unusable (empty, <c>..</c>, too long) fails the message permanently.
    /// </summary>
    public static string Render(MessageTemplate template, OutgoingMessage message, string extension)
    {
        var name = template.Render(message.Canonical, template.UsesRecord ? message.Record : null, Clean);
        return Check(name, template.Text, extension);
    }

    /// <summary><paramref name="name"/> (filled from <paramref name="template"/>) with the extension, or a permanent failure when it is unusable.</summary>
    public static string Check(string name, string template, string extension)
    {
        if (name is "" or "." or "..")
        {
            throw new SinkDeliveryException(
                $"The file name '{name}' filled from FileName '{template}' does not name a file.", isTransient: false);
        }

        var file = WithExtension(name, extension);
        if (Encoding.UTF8.GetByteCount(file) > MaxNameBytes)
        {
            throw new SinkDeliveryException(
                $"The file name filled from FileName '{template}' is longer than {MaxNameBytes} bytes: '{file[..64]}...'.", isTransient: false);
        }

        return file;
    }

    /// <summary>The preferred extension of <paramref name="format"/> (<c>.json</c>, <c>.ndjson</c>, <c>.xml</c>, <c>.csv</c>).</summary>
    public static string ExtensionOf(DataFormat format) => format.Extensions.Count > 0 ? format.Extensions[0] : string.Empty;

    /// <summary>A hidden temporary name in the same folder, so the final move is a rename within one file system.</summary>
    public static string TemporaryName() => $".gateway-{Guid.NewGuid():N}.tmp";

    /// <summary><paramref name="value"/> with path separators and characters a file name cannot hold replaced by <c>_</c>.</summary>
    public static string Clean(string value)
    {
        if (value.AsSpan().IndexOfAny(Invalid) < 0)
        {
            return value;
        }

        return string.Create(value.Length, value, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = Invalid.Contains(source[i]) ? '_' : source[i];
            }
        });
    }
}
