using System.Text.Json;
using Gateway.Core.Formats;
using Gateway.Core.Messages;

namespace Gateway.Core.Routing;

/// <summary>
/// The last resort for failed messages: a folder with the body as it was when it failed
/// (<c>ID.ROUTE.STAGE.ext</c>) and a <c>.meta.json</c> beside it (id, route, input, sink, stage, error, times,
/// metadata). Files appear atomically (written under a temporary name, then moved).
/// </summary>
public sealed class DeadLetterFolder
{
    private static readonly JsonWriterOptions MetaWriterOptions = new() { Indented = true };

    private readonly FormatRegistry _formats;

    public DeadLetterFolder(string folder, FormatRegistry formats)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Folder = Path.GetFullPath(folder);
        _formats = formats ?? throw new ArgumentNullException(nameof(formats));
    }

    /// <summary>The absolute folder path.</summary>
    public string Folder { get; }

    /// <summary>Writes <paramref name="message"/> and its failure; returns the body file's path.</summary>
    public async Task<string> WriteAsync(Message message, DeliveryFailure failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(failure);
        Directory.CreateDirectory(Folder);
        var extension = _formats.TryGet(message.Format, out var format) && format.Extensions.Count > 0 ? format.Extensions[0] : ".bin";
        var stem = Path.Combine(Folder, $"{message.Id:N}.{Safe(failure.Route)}.{Safe(failure.Sink ?? failure.Stage)}");
        var bodyPath = stem + extension;
        await WriteAtomicallyAsync(bodyPath, stream => stream.WriteAsync(message.Body, cancellationToken).AsTask()).ConfigureAwait(false);
        await WriteAtomicallyAsync(stem + ".meta.json", stream => WriteMetaAsync(stream, message, failure, bodyPath, cancellationToken)).ConfigureAwait(false);
        return bodyPath;
    }

    private static async Task WriteMetaAsync(Stream stream, Message message, DeliveryFailure failure, string bodyPath, CancellationToken cancellationToken)
    {
        await using var writer = new Utf8JsonWriter(stream, MetaWriterOptions);
        writer.WriteStartObject();
        writer.WriteString("id", message.Id);
        writer.WriteString("route", failure.Route);
        writer.WriteString("input", message.InputId);
        writer.WriteString("sink", failure.Sink);
        writer.WriteString("stage", failure.Stage);
        writer.WriteString("error", failure.Error);
        writer.WriteString("format", message.Format);
        writer.WriteString("body", Path.GetFileName(bodyPath));
        writer.WriteString("receivedAt", message.ReceivedAt);
        writer.WriteString("failedAt", DateTimeOffset.UtcNow);
        writer.WriteStartObject("metadata");
        foreach (var (key, value) in message.Metadata)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteAtomicallyAsync(string path, Func<Stream, Task> write)
    {
        var temporary = path + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 16 * 1024, useAsync: true))
        {
            await write(stream).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static string Safe(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        return string.Create(name.Length, name, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = Array.IndexOf(invalid, source[i]) >= 0 || source[i] == '.' ? '_' : source[i];
            }
        });
    }
}
