using Gateway.Core.Formats;
using Gateway.Core.Messages;
using Gateway.Core.Routing;

namespace Gateway.Transports.Folder;

/// <summary>
/// Reads one ready file into the routes. <c>Records</c> mode streams it with the format's record reader (the one
/// <c>gateway convert</c> uses, so memory is bounded by a batch, not the file), one canonical JSON message per record,
/// handed over in batches; each batch's durable commit is awaited (at most two batches are outstanding) and then
/// persisted in <see cref="FileProgress"/>. <c>Document</c> mode checks that the whole file decodes, then hands it
/// over as one message. Returns null when every record is stored, or the failure when the file cannot be decoded.
/// </summary>
internal sealed class FileIngestion(FolderInputOptions options, InputContext context, FormatRegistry formats, TimeProvider time)
{
    public async Task<FileFailure?> RunAsync(FileCandidate file, string relativeName, FileProgress progress, CancellationToken cancellationToken)
    {
        var format = FormatOf(file.Path);
        if (format is null)
        {
            return Failure(relativeName, $"No Format is configured and the extension of '{relativeName}' names none; known formats: {string.Join(", ", formats.All.Select(f => f.Name).Order(StringComparer.Ordinal))}.", null, null, 0);
        }

        return options.Mode == FolderInputMode.Document
            ? await ReadDocumentAsync(file, relativeName, format, progress, cancellationToken)
            : await ReadRecordsAsync(file, relativeName, format, progress, cancellationToken);
    }

    private DataFormat? FormatOf(string path)
        => context.Format is { } name ? formats.Get(name) : formats.TryGetByPath(path, out var format) ? format : null;

    private async Task<FileFailure?> ReadRecordsAsync(FileCandidate file, string relativeName, DataFormat format, FileProgress progress, CancellationToken cancellationToken)
    {
        var skip = progress.Current.Records;
        long read = 0;
        var batch = new List<Message>(Math.Min(options.BatchRecords, 4096));
        Task previous = Task.CompletedTask;
        long previousEnd = skip;
        using var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        using var reader = format.CreateReader(stream, context.FormatOptions);
        Message? pending = null;
        long batchEnd = skip;
        try
        {
            while (reader.TryRead(out var record))
            {
                if (read++ < skip)
                {
                    continue; // Stored before a restart.
                }

                if (pending is not null)
                {
                    batch.Add(pending);
                    batchEnd = read - 1;
                }

                // One record is held back, so that the last one can carry the end-of-file signal.
                pending = NewMessage(record, relativeName, progress.Current.Id, read - 1);
                if (batch.Count >= options.BatchRecords)
                {
                    (previous, previousEnd) = await HandOverAsync(batch, batchEnd, previous, previousEnd, progress, cancellationToken);
                }
            }
        }
        catch (FormatReadException ex)
        {
            // What was read before the bad record is handed over and stored, so RecordsDelivered is exact.
            if (pending is not null)
            {
                batch.Add(pending);
            }

            (previous, previousEnd) = await HandOverAsync(batch, read, previous, previousEnd, progress, cancellationToken);
            await FinishAsync(previous, previousEnd, progress);
            return Failure(relativeName, ex.Message, read + 1, ex.Location, read);
        }

        if (pending is not null)
        {
            pending.Metadata[FolderMetadata.Last] = "true";
            batch.Add(pending);
        }

        (previous, previousEnd) = await HandOverAsync(batch, read, previous, previousEnd, progress, cancellationToken);
        await FinishAsync(previous, previousEnd, progress);
        return null;
    }

    /// <summary>
    /// Dispatches <paramref name="batch"/> (records up to <paramref name="end"/>) and waits for the batch before it,
    /// whose end it then persists: reading and storing overlap by one batch.
    /// </summary>
    private async Task<(Task Commit, long End)> HandOverAsync(
        List<Message> batch, long end, Task previous, long previousEnd, FileProgress progress, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return (previous, previousEnd);
        }

        var commit = await context.Dispatcher.DispatchBatchAsync(batch.ToArray(), cancellationToken);
        batch.Clear();
        await FinishAsync(previous, previousEnd, progress);
        return (commit, end);
    }

    private static async Task FinishAsync(Task commit, long end, FileProgress progress)
    {
        await commit;
        if (end > progress.Current.Records)
        {
            progress.Save(end);
        }
    }

    private async Task<FileFailure?> ReadDocumentAsync(FileCandidate file, string relativeName, DataFormat format, FileProgress progress, CancellationToken cancellationToken)
    {
        if (progress.Current.Records > 0)
        {
            return null; // Stored before a restart; only the move to Done was missing.
        }

        if (file.Length > options.MaxDocumentBytes)
        {
            return Failure(relativeName, $"The file has {file.Length} bytes, more than MaxDocumentBytes ({options.MaxDocumentBytes}); use Mode Records to stream it.", null, null, 0);
        }

        var body = await File.ReadAllBytesAsync(file.Path, cancellationToken);
        if (body.Length > options.MaxDocumentBytes)
        {
            return Failure(relativeName, $"The file has {body.Length} bytes, more than MaxDocumentBytes ({options.MaxDocumentBytes}).", null, null, 0);
        }

        using (var check = new ReadOnlyMemoryStream(body))
        using (var reader = format.CreateReader(check, context.FormatOptions))
        {
            long records = 0;
            try
            {
                while (reader.TryRead(out _))
                {
                    records++;
                }
            }
            catch (FormatReadException ex)
            {
                return Failure(relativeName, ex.Message, records + 1, ex.Location, 0);
            }
        }

        var message = new Message(body, format.Name, context.Id) { Id = RecordId(progress.Current.Id, 0), Metadata = Metadata(relativeName, progress.Current.Id, 0) };
        message.Metadata[FolderMetadata.Last] = "true";
        var receipt = await context.Dispatcher.DispatchAsync(message, cancellationToken);
        await receipt.Committed;
        progress.Save(1);
        return null;
    }

    /// <summary>
    /// Record <paramref name="index"/> of the file as a message whose id derives from the file's id and the index: a
    /// record read again after a restart (from the last persisted offset) keeps its id, so duplicates can be told.
    /// </summary>
    private Message NewMessage(ReadOnlyMemory<byte> record, string relativeName, string fileId, long index)
        => new(record.ToArray(), FormatNames.Json, context.Id) { Id = RecordId(fileId, index), Metadata = Metadata(relativeName, fileId, index) };

    private static Guid RecordId(string fileId, long index)
        => MessageIds.Derived(Guid.TryParse(fileId, out var id) ? id : Guid.Empty, index);

    private static Dictionary<string, string> Metadata(string relativeName, string fileId, long index) => new(StringComparer.OrdinalIgnoreCase)
    {
        [FolderMetadata.Name] = relativeName,
        [FolderMetadata.Id] = fileId,
        [FolderMetadata.Record] = index.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private FileFailure Failure(string relativeName, string error, long? record, string? location, long delivered)
        => new(relativeName, context.Id, error, record, location, delivered, time.GetUtcNow());
}
