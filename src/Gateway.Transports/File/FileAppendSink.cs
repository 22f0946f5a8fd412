using System.Text;
using Gateway.Core.Configuration;
using Gateway.Core.Formats;
using Gateway.Core.Messages;
using Gateway.Core.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Transports.Files;

/// <summary>
/// A <c>File</c> sink in <c>Append</c> mode: every NDJSON or CSV message appended to one file kept open between
/// messages, one writer at a time. A CSV header is written once per file: later messages contribute their rows only.
/// A batch is written with one write and one flush (more when the file rolls within it). Before each call the path is
/// checked, so a file an operator moved or removed is started again instead of written to unseen.
/// </summary>
internal sealed class FileAppendSink : IBatchMessageSink
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly AppendFile _file;
    private readonly bool _hasHeader;
    private readonly byte[] _lineEnd;
    private bool _disposed;

    public FileAppendSink(FileSinkOptions options, SinkContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var format = context.Services.GetRequiredService<FormatRegistry>().Get(context.Format);
        var isCsv = string.Equals(format.Name, FormatNames.Csv, StringComparison.OrdinalIgnoreCase);
        if (!isCsv && !string.Equals(format.Name, FormatNames.Ndjson, StringComparison.OrdinalIgnoreCase))
        {
            // FileSinkOptions checks this when the binder hands it the section's Format; this guards other callers.
            throw new GatewayConfigurationException($"{context.Path}:Mode: Mode Append needs Format Ndjson or Csv (Format is {format.Name}).");
        }

        _hasHeader = isCsv && context.FormatOptions.HasHeader;
        _lineEnd = isCsv ? Encoding.UTF8.GetBytes(context.FormatOptions.NewLine) : [(byte)'\n'];
        var extension = FileSinkNames.ExtensionOf(format);
        var name = FileSinkNames.WithExtension(options.FileName ?? FileSinkNames.Clean(context.Id), extension);
        var settings = new AppendFileSettings(options.MaxFileBytes, options.FlushToDisk, _hasHeader, context.FormatOptions.MaxRecordBytes);
        _file = new AppendFile(Path.GetFullPath(options.Folder!), name, extension, settings, context.Id, context.Logger);
    }

    /// <summary>The full path of the file messages are appended to.</summary>
    internal string FilePath => _file.Path;

    public ValueTask SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return AppendAsync(static (sink, message) => sink.Stage(message), message, cancellationToken);
    }

    public ValueTask SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return AppendAsync(
            static (sink, messages) =>
            {
                for (var i = 0; i < messages.Count; i++)
                {
                    sink.Stage(messages[i]);
                }
            },
            messages,
            cancellationToken);
    }

    private async ValueTask AppendAsync<TState>(Action<FileAppendSink, TState> stage, TState state, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _file.FollowPath(); // One stat per call, not per message of a batch.
            stage(this, state);
            _file.Commit();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SinkDeliveryException($"Could not append to {_file.Path}: {ex.Message}", isTransient: true, ex);
        }
        finally
        {
            _file.Discard(); // Nothing is left staged after a success; after a failure what was staged is dropped.
            _gate.Release();
        }
    }

    private void Stage(OutgoingMessage message)
    {
        var header = ReadOnlySpan<byte>.Empty;
        var rows = message.Body.Span;
        if (_hasHeader)
        {
            var headerLength = CsvRecordBoundary.HeaderLength(rows);
            header = headerLength < 0 ? rows : rows[..headerLength];
            rows = headerLength < 0 ? [] : rows[headerLength..];
        }

        if (rows.IsEmpty)
        {
            return; // No records: nothing to add, not even a header.
        }

        _file.Stage(header, rows, rows[^1] == (byte)'\n' ? [] : _lineEnd);
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _disposed = true;
            _file.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }
}
