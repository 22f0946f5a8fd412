using System.Globalization;
using Gateway.Core.Formats;
using Gateway.Core.Messages;
using Gateway.Core.Routing;
using Gateway.Transports.Folder;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Transports.Files;

/// <summary>
/// A <c>File</c> sink in <c>WholeFile</c> mode: one output file per input file. Messages from a <c>Folder</c> input
/// carry the input file's id, their record number and, on the last one, the end-of-file signal
/// (<see cref="FolderMetadata"/>); the sink collects each file's records in a <see cref="WholeFileSpool"/> and, at the
/// end, encodes them in its format into a hidden temporary file that is renamed to the name <c>FileName</c> gives
/// (<see cref="WholeFileName"/>), so the next system never sees half a file. A message without that metadata (any
/// other input, or a <c>Document</c>-mode file) is a whole file by itself.
/// </summary>
internal sealed class FileWholeSink : IStreamSink
{
    /// <summary>How long the marker of a finished file is kept, to ignore a replay of its last messages.</summary>
    private static readonly TimeSpan FinishedMarkerAge = TimeSpan.FromDays(7);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, WholeFileSpool> _spools = new(StringComparer.Ordinal);
    private readonly string _folder;
    private readonly WholeFileName _fileName;
    private readonly DataFormat _format;
    private readonly DataFormat _spoolFormat;
    private readonly DataFormat _json;
    private readonly FormatOptions _formatOptions;
    private readonly string _extension;
    private readonly bool _flushToDisk;
    private readonly bool _overwrite;
    private readonly TimeProvider _time;

    public FileWholeSink(FileSinkOptions options, SinkContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var formats = context.Services.GetRequiredService<FormatRegistry>();
        _folder = Path.GetFullPath(options.Folder!);
        _fileName = WholeFileName.TryParse(options.FileName ?? FileSinkOptions.WholeFileDefaultName, out var name, out var error)
            ? name : throw new FormatException(error);
        _format = formats.Get(context.Format);
        _spoolFormat = formats.Get(FormatNames.Ndjson);
        _json = formats.Get(FormatNames.Json);
        _formatOptions = context.FormatOptions;
        _extension = FileSinkNames.ExtensionOf(_format);
        _flushToDisk = options.FlushToDisk;
        _overwrite = options.Overwrite;
        _time = context.Services.GetService<TimeProvider>() ?? TimeProvider.System;
        WholeFileSpool.Recover(_folder, _overwrite, FinishedMarkerAge, _time.GetUtcNow());
    }

    public ValueTask SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
        => SendBatchAsync([message ?? throw new ArgumentNullException(nameof(message))], cancellationToken);

    public async ValueTask SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        await _gate.WaitAsync(cancellationToken);
        var touched = new HashSet<WholeFileSpool>();
        try
        {
            Directory.CreateDirectory(_folder);
            foreach (var message in messages)
            {
                Take(message, touched);
            }

            foreach (var spool in touched)
            {
                spool.Save(_flushToDisk);
            }
        }
        catch (Exception ex)
        {
            // What was appended but not saved is cut off when the spool is opened again, and the route sends it again.
            foreach (var spool in touched)
            {
                Forget(spool);
            }

            if (ex is IOException or UnauthorizedAccessException)
            {
                throw new SinkDeliveryException($"Could not write to {_folder}: {ex.Message}", isTransient: true, ex);
            }

            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            foreach (var spool in _spools.Values)
            {
                spool.Dispose();
            }

            _spools.Clear();
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Take(OutgoingMessage message, HashSet<WholeFileSpool> touched)
    {
        var metadata = message.Canonical.Metadata;
        var last = StreamEnd.IsLast(message.Canonical);
        var marker = StreamEnd.IsMarker(message.Canonical);
        if (!metadata.TryGetValue(FolderMetadata.Id, out var id) || !Guid.TryParse(id, out var fileId))
        {
            if (!marker)
            {
                WriteOutput(message, body: Encode(message.Canonical));
            }

            return;
        }

        id = fileId.ToString("N");
        var record = metadata.TryGetValue(FolderMetadata.Record, out var number) && long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        if (!_spools.TryGetValue(id, out var spool))
        {
            spool = WholeFileSpool.Open(_folder, id);
            _spools[id] = spool;
        }

        if (spool.Finished || spool.Holds(record, message.Canonical.Id))
        {
            return; // Already written: the route log hands it over again after a restart.
        }

        if (last && spool.IsEmpty && !marker)
        {
            // The whole file in one message (Document mode, or a file of one record).
            WriteOutput(message, Encode(message.Canonical), spool);
            touched.Remove(spool);
            Forget(spool);
            return;
        }

        if (!marker)
        {
            // An end marker stands for a last record a converter dropped: it ends the file and adds nothing to it.
            spool.Append(message.Canonical.Body.Span, record, message.Canonical.Id);
        }

        touched.Add(spool);
        if (last)
        {
            // The last record is not saved before the output is written: if writing fails, a second attempt (or a
            // redrive from the dead letters) appends it again instead of finding it already taken.
            spool.Flush();
            WriteOutput(message, body: null, spool);
            touched.Remove(spool);
            Forget(spool);
        }
    }

    /// <summary>
    /// Writes <paramref name="body"/>, or the records of <paramref name="spool"/> encoded in the sink's format, to a
    /// temporary file renamed to the final name; with a spool, it is finished too (<see cref="WholeFileSpool.Commit"/>).
    /// </summary>
    private void WriteOutput(OutgoingMessage message, ReadOnlyMemory<byte>? body, WholeFileSpool? spool = null)
    {
        var name = FileSinkNames.Check(_fileName.Render(message.Canonical, _time.GetUtcNow(), FileSinkNames.Clean), _fileName.Text, _extension);
        var path = Path.Combine(_folder, name);
        var temporary = spool?.OutputPath ?? Path.Combine(_folder, FileSinkNames.TemporaryName());
        try
        {
            using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                if (body is { } bytes)
                {
                    output.Write(bytes.Span);
                }
                else
                {
                    using var records = spool!.OpenRead();
                    FormatConverter.Convert(records, _spoolFormat, output, _format, _formatOptions);
                }

                output.Flush(_flushToDisk);
            }

            if (!_overwrite && File.Exists(path))
            {
                throw new SinkDeliveryException(
                    $"{path} already exists; the file is not written over it (set Overwrite to true to replace files).", isTransient: false);
            }

            if (spool is null)
            {
                File.Move(temporary, path, _overwrite);
            }
            else
            {
                spool.Commit(path, _overwrite);
            }
        }
        catch (FormatReadException ex)
        {
            throw new SinkDeliveryException($"The records for {path} cannot be written as {_format.Name}: {ex.Message}", isTransient: false, ex);
        }
        finally
        {
            File.Delete(temporary); // Gone already after the move.
        }
    }

    /// <summary>The canonical message in the sink's format (the engine hands an <see cref="IStreamSink"/> canonical messages).</summary>
    private ReadOnlyMemory<byte> Encode(Message canonical)
    {
        if (!canonical.IsCanonical || string.Equals(_format.Name, FormatNames.Json, StringComparison.OrdinalIgnoreCase))
        {
            return canonical.Body;
        }

        try
        {
            return FormatConverter.Convert(canonical.Body, _json, _format, _formatOptions, out _);
        }
        catch (FormatReadException ex)
        {
            throw new SinkDeliveryException($"The message cannot be written as {_format.Name}: {ex.Message}", isTransient: false, ex);
        }
    }

    private void Forget(WholeFileSpool spool)
    {
        spool.Dispose();
        foreach (var (key, value) in _spools)
        {
            if (ReferenceEquals(value, spool))
            {
                _spools.Remove(key);
                break;
            }
        }
    }
}
