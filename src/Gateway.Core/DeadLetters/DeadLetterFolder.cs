using System.Text.Json;
using Gateway.Core.Formats;
using Gateway.Core.Messages;
using Gateway.Core.Routing;

namespace Gateway.Core.DeadLetters;

/// <summary>
/// The last resort for failed messages: a folder with the body as it was when it failed (<c>ID.ROUTE.SINK.ext</c>,
/// or <c>ID.ROUTE.convert.ext</c> when the route's converters refused it; ID is the message id as 32 hex digits) and
/// <c>ID.ROUTE.SINK.meta.json</c> beside it (id, route, input, sink, stage, error, times, metadata). Files appear atomically (written under a temporary name, then moved).
/// </summary>
public sealed class DeadLetterFolder
{
    private const string MetaSuffix = ".meta.json";

    private static readonly JsonWriterOptions MetaWriterOptions = new() { Indented = true };

    /// <summary>What a meta file is counted as before it is written (it is rarely larger).</summary>
    private const long MetaAllowance = 2048;

    private readonly FormatRegistry _formats;
    private readonly Lock _sizeLock = new();
    private long _bytes = -1; // unknown until the first write or Size

    public DeadLetterFolder(string folder, FormatRegistry formats, long maxBytes = long.MaxValue)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Folder = Path.GetFullPath(folder);
        _formats = formats ?? throw new ArgumentNullException(nameof(formats));
        MaxBytes = maxBytes;
    }

    /// <summary>The absolute folder path.</summary>
    public string Folder { get; }

    /// <summary>The most bytes the folder may hold (<c>Gateway:DeadLetters:MaxBytes</c>).</summary>
    public long MaxBytes { get; }

    /// <summary>The bytes the folder holds now (counted once, then kept up to date by writes and deletes).</summary>
    public long Size
    {
        get
        {
            lock (_sizeLock)
            {
                if (_bytes < 0)
                {
                    _bytes = Directory.Exists(Folder) ? new DirectoryInfo(Folder).EnumerateFiles().Sum(f => f.Length) : 0;
                }

                return _bytes;
            }
        }
    }

    /// <summary>Writes <paramref name="message"/> and its failure; returns the body file's path.</summary>
    public async Task<string> WriteAsync(Message message, DeliveryFailure failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(failure);
        Directory.CreateDirectory(Folder);
        var reserved = message.Body.Length + MetaAllowance;
        lock (_sizeLock)
        {
            var size = Size;
            if (size + reserved > MaxBytes)
            {
                throw new IOException($"The dead-letter folder {Folder} is full ({size} of {MaxBytes} bytes, Gateway:DeadLetters:MaxBytes); re-drive or delete dead letters to make room.");
            }

            _bytes += reserved;
        }

        var extension = _formats.TryGet(message.Format, out var format) && format.Extensions.Count > 0 ? format.Extensions[0] : ".bin";
        var stem = Path.Combine(Folder, $"{message.Id:N}.{Safe(failure.Route)}.{Safe(failure.Sink ?? failure.Stage)}");
        var bodyPath = stem + extension;
        try
        {
            await WriteAtomicallyAsync(bodyPath, stream => stream.WriteAsync(message.Body, cancellationToken).AsTask()).ConfigureAwait(false);
            await WriteAtomicallyAsync(stem + MetaSuffix, stream => WriteMetaAsync(stream, message, failure, bodyPath, cancellationToken)).ConfigureAwait(false);
        }
        catch
        {
            TryDelete(bodyPath);
            TryDelete(bodyPath + ".tmp");
            TryDelete(stem + MetaSuffix + ".tmp");
            lock (_sizeLock)
            {
                _bytes -= reserved;
            }

            throw;
        }

        var written = new FileInfo(bodyPath).Length + new FileInfo(stem + MetaSuffix).Length;
        lock (_sizeLock)
        {
            _bytes += written - reserved;
        }

        return bodyPath;
    }

    /// <summary>The newest <paramref name="limit"/> dead letters, newest first; files that cannot be read are skipped.</summary>
    public IReadOnlyList<DeadLetterEntry> List(int limit)
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        return [.. new DirectoryInfo(Folder).EnumerateFiles("*" + MetaSuffix)
            .OrderByDescending(f => f.LastWriteTimeUtc)
            .ThenByDescending(f => f.Name, StringComparer.Ordinal)
            .Select(f => TryRead(f.FullName))
            .OfType<DeadLetterEntry>()
            .Take(Math.Max(0, limit))];
    }

    /// <summary>The dead letter named <paramref name="name"/>, or null when there is none (or the name is not one of this folder's).</summary>
    public DeadLetterEntry? Find(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 255 || name.Contains("..", StringComparison.Ordinal)
            || name.IndexOfAny([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar, '\\', '\0']) >= 0)
        {
            return null;
        }

        var meta = Path.Combine(Folder, name + MetaSuffix);
        return Path.GetDirectoryName(Path.GetFullPath(meta)) == Folder && File.Exists(meta) ? TryRead(meta) : null;
    }

    /// <summary>The body of <paramref name="entry"/>.</summary>
    public Task<byte[]> ReadBodyAsync(DeadLetterEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return File.ReadAllBytesAsync(Path.Combine(Folder, entry.BodyFile), cancellationToken);
    }

    /// <summary>
    /// Removes <paramref name="entry"/>'s files and returns them, for <see cref="RestoreAsync"/>. A re-drive removes
    /// first: when the message fails again, its new dead letter takes the same name.
    /// </summary>
    public async Task<RemovedDeadLetter> RemoveAsync(DeadLetterEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var body = new FileInfo(Path.Combine(Folder, entry.BodyFile));
        var meta = new FileInfo(Path.Combine(Folder, entry.Name + MetaSuffix));
        var removed = new RemovedDeadLetter(
            entry,
            await File.ReadAllBytesAsync(body.FullName, cancellationToken).ConfigureAwait(false),
            await File.ReadAllBytesAsync(meta.FullName, cancellationToken).ConfigureAwait(false),
            body.LastWriteTimeUtc,
            meta.LastWriteTimeUtc);
        Delete(entry);
        return removed;
    }

    /// <summary>Puts back what <see cref="RemoveAsync"/> took, unchanged: the same bytes and file times.</summary>
    public async Task RestoreAsync(RemovedDeadLetter removed)
    {
        ArgumentNullException.ThrowIfNull(removed);
        Directory.CreateDirectory(Folder);
        var bodyPath = Path.Combine(Folder, removed.Entry.BodyFile);
        var metaPath = Path.Combine(Folder, removed.Entry.Name + MetaSuffix);
        await WriteAtomicallyAsync(bodyPath, stream => stream.WriteAsync(removed.Body).AsTask()).ConfigureAwait(false);
        await WriteAtomicallyAsync(metaPath, stream => stream.WriteAsync(removed.Meta).AsTask()).ConfigureAwait(false);
        File.SetLastWriteTimeUtc(bodyPath, removed.BodyWritten);
        File.SetLastWriteTimeUtc(metaPath, removed.MetaWritten);
        lock (_sizeLock)
        {
            if (_bytes >= 0)
            {
                _bytes += removed.Body.Length + removed.Meta.Length;
            }
        }
    }

    /// <summary>Removes <paramref name="entry"/>'s files.</summary>
    public void Delete(DeadLetterEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var body = new FileInfo(Path.Combine(Folder, entry.BodyFile));
        var meta = new FileInfo(Path.Combine(Folder, entry.Name + MetaSuffix));
        var freed = (body.Exists ? body.Length : 0) + (meta.Exists ? meta.Length : 0);
        body.Delete();
        meta.Delete();
        lock (_sizeLock)
        {
            if (_bytes >= 0)
            {
                _bytes = Math.Max(0, _bytes - freed);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the write already failed and its error is what the caller reports.
        }
    }

    private DeadLetterEntry? TryRead(string metaPath)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(metaPath));
            var root = document.RootElement;
            var name = Path.GetFileName(metaPath)[..^MetaSuffix.Length];
            var bodyFile = Path.GetFileName(Text(root, "body") ?? string.Empty);
            var bodyPath = Path.Combine(Folder, bodyFile);
            var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (root.TryGetProperty("metadata", out var values) && values.ValueKind == JsonValueKind.Object)
            {
                foreach (var value in values.EnumerateObject())
                {
                    metadata[value.Name] = value.Value.ToString();
                }
            }

            return new DeadLetterEntry(
                name,
                root.GetProperty("id").GetGuid(),
                Text(root, "route") ?? string.Empty,
                Text(root, "input") ?? string.Empty,
                Text(root, "sink"),
                Text(root, "stage") ?? string.Empty,
                Text(root, "error") ?? string.Empty,
                Text(root, "format") ?? FormatNames.Json,
                Time(root, "receivedAt"),
                Time(root, "failedAt"),
                bodyFile.Length > 0 && File.Exists(bodyPath) ? new FileInfo(bodyPath).Length : 0,
                metadata)
            { BodyFile = bodyFile };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            return null;
        }

        static string? Text(JsonElement root, string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        static DateTimeOffset? Time(JsonElement root, string name) => root.TryGetProperty(name, out var value) && value.TryGetDateTimeOffset(out var time) ? time : null;
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

            // On disk before the route's log lets go of the message.
            stream.Flush(flushToDisk: true);
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
