using Gateway.Core.Formats;
using Gateway.Core.Routing;
using Gateway.Core.Templates;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Transports.Files;

/// <summary>
/// A <c>File</c> sink in <c>PerMessage</c> mode: each message is written to a hidden temporary file in the folder,
/// then renamed to its final name, so readers of the folder never see a partial file. Sends are independent, so
/// any number may run at once.
/// </summary>
internal sealed class FilePerMessageSink : IMessageSink
{
    private readonly string _folder;
    private readonly MessageTemplate _fileName;
    private readonly string _extension;
    private readonly bool _flushToDisk;
    private readonly bool _overwrite;

    public FilePerMessageSink(FileSinkOptions options, SinkContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        _folder = Path.GetFullPath(options.Folder!);
        _fileName = MessageTemplate.Parse(options.FileName ?? "{id}");
        _extension = FileSinkNames.ExtensionOf(context.Services.GetRequiredService<FormatRegistry>().Get(context.Format));
        _flushToDisk = options.FlushToDisk;
        _overwrite = options.Overwrite;
    }

    public async ValueTask SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var path = Path.Combine(_folder, FileSinkNames.Render(_fileName, message, _extension));
        var temporary = Path.Combine(_folder, FileSinkNames.TemporaryName());
        var moved = false;
        try
        {
            Directory.CreateDirectory(_folder);
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);
            await using (stream)
            {
                await stream.WriteAsync(message.Body, cancellationToken);
                if (_flushToDisk)
                {
                    stream.Flush(flushToDisk: true);
                }
            }

            File.Move(temporary, path, _overwrite);
            moved = true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (!_overwrite && File.Exists(path))
            {
                throw new SinkDeliveryException(
                    $"{path} already exists; the message is not written over it (set Overwrite to true to replace files).", isTransient: false, ex);
            }

            throw new SinkDeliveryException($"Could not write {path}: {ex.Message}", isTransient: true, ex);
        }
        finally
        {
            if (!moved)
            {
                TryDelete(temporary);
            }
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover hidden .tmp file is harmless and names no message.
        }
    }
}
