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
/// </summary>
internal sealed class FileAppendSink : IMessageSink
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

    public async ValueTask SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var header = ReadOnlyMemory<byte>.Empty;
        var rows = message.Body;
        if (_hasHeader)
        {
            var headerLength = CsvRecordBoundary.HeaderLength(rows.Span);
            header = headerLength < 0 ? rows : rows[..headerLength];
            rows = headerLength < 0 ? ReadOnlyMemory<byte>.Empty : rows[headerLength..];
        }

        if (rows.IsEmpty)
        {
            return; // No records: nothing to add, not even a header.
        }

        var terminator = rows.Span[^1] == (byte)'\n' ? [] : _lineEnd;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _file.Append(header.Span, rows.Span, terminator);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SinkDeliveryException($"Could not append to {_file.Path}: {ex.Message}", isTransient: true, ex);
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
            _disposed = true;
            _file.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }
}
