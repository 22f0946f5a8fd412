using System.Buffers;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Gateway.Transports.Files;

/// <summary>
/// The open file of an <c>Append</c> sink. Each append lands whole or not at all (a failed write is cut off again),
/// an incomplete last record left by a crash is removed when the file is opened, a CSV file keeps one header, and
/// the file is rolled (renamed with a timestamp, started anew) before it would pass its size limit, and a file moved,
/// removed or replaced behind the sink's back is followed by opening the path again. Not thread-safe: the sink
/// serializes calls.
/// </summary>
internal sealed class AppendFile : IDisposable
{
    private const int ChunkBytes = 64 * 1024;

    /// <summary>Staged bytes beyond which <see cref="Stage"/> writes them out at once.</summary>
    private const int MaxStagedBytes = 1024 * 1024;

    private readonly string _folder;
    private readonly string _baseName;
    private readonly string _extension;
    private readonly long _maxBytes;
    private readonly bool _flushToDisk;
    private readonly bool _hasHeader;
    private readonly int _maxHeaderBytes;
    private readonly string _sinkId;
    private readonly ILogger _logger;
    private FileStream? _stream;
    private FileIdentity? _identity;
    private byte[]? _header;
    private long _length;
    private ArrayBufferWriter<byte> _pending = new();

    public AppendFile(string folder, string fileName, string extension, AppendFileSettings settings, string sinkId, ILogger logger)
    {
        _folder = folder;
        Path = System.IO.Path.Combine(folder, fileName);
        _extension = fileName.EndsWith(extension, StringComparison.OrdinalIgnoreCase) ? extension : string.Empty;
        _baseName = fileName[..(fileName.Length - _extension.Length)];
        _maxBytes = settings.MaxFileBytes;
        _flushToDisk = settings.FlushToDisk;
        _hasHeader = settings.HasHeader;
        _maxHeaderBytes = settings.MaxHeaderBytes;
        _sinkId = sinkId;
        _logger = logger;
    }

    /// <summary>The full path of the file being appended to.</summary>
    public string Path { get; }

    /// <summary>The file's length once what is staged is written.</summary>
    private long StagedLength => _length + _pending.WrittenCount;

    /// <summary>
    /// Appends <paramref name="rows"/> and <paramref name="terminator"/>, after <paramref name="header"/> when the
    /// file is empty (CSV with a header), and flushes. A header that differs from the file's rolls the file first.
    /// </summary>
    public void Append(ReadOnlySpan<byte> header, ReadOnlySpan<byte> rows, ReadOnlySpan<byte> terminator)
    {
        FollowPath();
        Stage(header, rows, terminator);
        Commit();
    }

    /// <summary>
    /// Closes the file when its path no longer names it, so that the next <see cref="Stage"/> opens the path again (a new
    /// file, with a CSV header, when nothing is there). An operator who moves or removes the file, or puts another in its
    /// place, would otherwise have every later message appended to a file nobody sees, reported as delivered. Costs one
    /// stat of the path, so call it once per append or batch, with nothing staged.
    /// </summary>
    public void FollowPath()
    {
        if (_stream is null || _identity is null)
        {
            return;
        }

        var state = _identity.Compare(Path, _length);
        if (state == PathState.Same)
        {
            return;
        }

        FileSinkLog.Reopening(_logger, _sinkId, Path, state == PathState.Missing ? "moved or removed" : "replaced by another file");
        Close();
    }

    /// <summary>
    /// Adds a message to what <see cref="Commit"/> writes next, under the rules of <see cref="Append"/>: a roll
    /// commits what is staged for the old file first. After a failure, call <see cref="Discard"/>.
    /// </summary>
    public void Stage(ReadOnlySpan<byte> header, ReadOnlySpan<byte> rows, ReadOnlySpan<byte> terminator)
    {
        if (_stream is null)
        {
            Open();
        }

        if (_hasHeader && StagedLength > 0 && !header.SequenceEqual(_header))
        {
            Commit();
            Roll("the CSV header of the next message differs from the file's");
        }

        var size = (long)rows.Length + terminator.Length;
        if (StagedLength > 0 && StagedLength + size > _maxBytes)
        {
            Commit();
            Roll(string.Create(CultureInfo.InvariantCulture, $"the next message would take it past MaxFileBytes ({_maxBytes} bytes)"));
        }

        if (StagedLength == 0 && _hasHeader)
        {
            _pending.Write(header);
            _header = header.ToArray();
        }

        _pending.Write(rows);
        _pending.Write(terminator);
        if (_pending.WrittenCount >= MaxStagedBytes)
        {
            Commit();
        }
    }

    /// <summary>Writes what is staged in one write and flushes; a failed write is cut off the file again.</summary>
    public void Commit()
    {
        if (_pending.WrittenCount == 0)
        {
            return;
        }

        try
        {
            _stream!.Write(_pending.WrittenSpan);
            _stream.Flush(_flushToDisk);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Rollback(_length);
            Discard();
            throw;
        }

        _length += _pending.WrittenCount;
        ClearStaged();
    }

    /// <summary>Forgets what is staged and not yet written (after a failure).</summary>
    public void Discard()
    {
        ClearStaged();
        if (_length == 0)
        {
            _header = null;
        }
    }

    public void Dispose() => Close();

    private void ClearStaged()
    {
        if (_pending.Capacity > MaxStagedBytes)
        {
            _pending = new ArrayBufferWriter<byte>(); // Do not keep a large batch's buffer.
        }
        else
        {
            _pending.ResetWrittenCount();
        }
    }

    private void Open()
    {
        Directory.CreateDirectory(_folder);
        var stream = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        try
        {
            _length = stream.Length;
            TruncateIncompleteTail(stream);
            _header = _hasHeader && _length > 0 ? ReadHeader(stream) : null;
            stream.Position = _length;
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        Use(stream);
        if (_hasHeader && _length > 0 && _header is null)
        {
            Roll("its CSV header could not be found");
        }
    }

    /// <summary>Cuts the file back to its last line feed: whatever follows it is a record a crash left half-written.</summary>
    private void TruncateIncompleteTail(FileStream stream)
    {
        if (_length == 0)
        {
            return;
        }

        Span<byte> last = stackalloc byte[1];
        stream.Position = _length - 1;
        stream.ReadExactly(last);
        if (last[0] == (byte)'\n')
        {
            return;
        }

        var buffer = new byte[ChunkBytes];
        var keep = 0L;
        for (var end = _length; end > 0;)
        {
            var start = Math.Max(0, end - ChunkBytes);
            var count = (int)(end - start);
            stream.Position = start;
            stream.ReadExactly(buffer, 0, count);
            var lineFeed = buffer.AsSpan(0, count).LastIndexOf((byte)'\n');
            if (lineFeed >= 0)
            {
                keep = start + lineFeed + 1;
                break;
            }

            end = start;
        }

        stream.SetLength(keep);
        FileSinkLog.TruncatedTail(_logger, _sinkId, Path, _length - keep);
        _length = keep;
    }

    /// <summary>The file's first CSV record with its line ending, or null when none ends within the limit.</summary>
    private byte[]? ReadHeader(FileStream stream)
    {
        stream.Position = 0;
        var buffer = new byte[Math.Min(ChunkBytes, _maxHeaderBytes)];
        using var header = new MemoryStream();
        var inQuotes = false;
        while (header.Length < _maxHeaderBytes)
        {
            var read = stream.Read(buffer);
            if (read == 0)
            {
                return null;
            }

            var end = CsvRecordBoundary.FirstRecordLength(buffer.AsSpan(0, read), ref inQuotes);
            header.Write(buffer, 0, end >= 0 ? end : read);
            if (end >= 0)
            {
                return header.ToArray();
            }
        }

        return null;
    }

    /// <summary>Renames the file to <c>name.yyyyMMddTHHmmssfff.ext</c> (made unique) and starts an empty one.</summary>
    private void Roll(string reason)
    {
        Close();
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture);
        var rolled = System.IO.Path.Combine(_folder, $"{_baseName}.{stamp}{_extension}");
        for (var n = 1; File.Exists(rolled); n++)
        {
            rolled = System.IO.Path.Combine(_folder, $"{_baseName}.{stamp}-{n}{_extension}");
        }

        File.Move(Path, rolled, overwrite: false);
        FileSinkLog.Rolled(_logger, _sinkId, Path, rolled, reason);
        Use(new FileStream(Path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0));
    }

    /// <summary>Makes <paramref name="stream"/> the open file, remembering which file it is for <see cref="FollowPath"/>.</summary>
    private void Use(FileStream stream)
    {
        _stream = stream;
        _identity = FileIdentity.Of(stream.SafeFileHandle);
    }

    /// <summary>Cuts off what a failed append wrote; when even that fails the file is closed and repaired on reopening.</summary>
    private void Rollback(long length)
    {
        try
        {
            _stream!.SetLength(length);
            _stream.Position = length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            FileSinkLog.RollbackFailed(_logger, ex, _sinkId, Path);
            Close();
        }
    }

    private void Close()
    {
        _stream?.Dispose();
        _stream = null;
        _identity = null;
        _header = null;
        _length = 0;
    }
}
