namespace Gateway.Core.Log;

/// <summary>
/// The bytes the buffer may hold (<see cref="BufferOptions.MaxBytes"/>), and whether it can store anything at all
/// (a disk that refuses writes makes it unavailable until a commit succeeds again). Inputs reserve before they
/// append; the committer releases what every sink read and the log dropped.
/// </summary>
internal sealed class LogBudget(long maxBytes)
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _used;
    private string? _unavailable;
    private string? _lowDisk;
    private long? _diskLimit;

    public long MaxBytes { get; } = maxBytes;

    public long Used => Interlocked.Read(ref _used);

    /// <summary>Why nothing can be stored now (the disk refused the last commit, or has too little room left), or null.</summary>
    public string? Unavailable => Volatile.Read(ref _unavailable) ?? Volatile.Read(ref _lowDisk);

    /// <summary>Reserves <paramref name="bytes"/> when there is room; otherwise says why not.</summary>
    public bool TryReserve(long bytes, out string? refusal)
    {
        lock (_lock)
        {
            refusal = Refusal(bytes);
            if (refusal is not null)
            {
                return false;
            }

            _used += bytes;
            return true;
        }
    }

    /// <summary>Waits until <paramref name="bytes"/> fit (push back), then reserves them.</summary>
    /// <exception cref="InvalidOperationException">The message is larger than the whole buffer.</exception>
    public async ValueTask ReserveAsync(long bytes, CancellationToken cancellationToken)
    {
        if (bytes > MaxBytes)
        {
            throw new InvalidOperationException($"A message of {bytes} bytes is larger than the whole buffer (Gateway:Buffer:MaxBytes = {MaxBytes}).");
        }

        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (Refusal(bytes) is null)
                {
                    _used += bytes;
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Release(long bytes)
    {
        if (bytes == 0)
        {
            return;
        }

        lock (_lock)
        {
            _used -= bytes;
            Signal();
        }
    }

    /// <summary>Counts bytes recovered from disk at start.</summary>
    public void Add(long bytes)
    {
        lock (_lock)
        {
            _used += bytes;
        }
    }

    public void SetUnavailable(string? reason)
    {
        lock (_lock)
        {
            _unavailable = reason;
            if (reason is null)
            {
                Signal();
            }
        }
    }

    /// <summary>
    /// Says how many more bytes the disk takes until the next check (<paramref name="room"/>; null: cannot tell, no
    /// limit), or why it takes none (<paramref name="refusal"/>). Reservations count against the room at once, so a
    /// burst between two checks cannot fill the disk.
    /// </summary>
    public void SetDiskRoom(long? room, string? refusal)
    {
        lock (_lock)
        {
            _lowDisk = refusal;
            _diskLimit = refusal is not null ? null : _used + room;
            if (refusal is null)
            {
                Signal();
            }
        }
    }

    private string? Refusal(long bytes) =>
        bytes > MaxBytes ? $"A message of {bytes} bytes is larger than the whole buffer (Gateway:Buffer:MaxBytes = {MaxBytes}); it can never be stored."
        : (_unavailable ?? _lowDisk) is { } reason ? reason
        : _used + bytes > MaxBytes ? $"The buffer is full ({_used} of {MaxBytes} bytes, Gateway:Buffer:MaxBytes) until the sinks catch up."
        : _used + bytes > _diskLimit ? "The disk of the buffer has too little room left (Gateway:Buffer:MinFreeBytes); retry when the sinks caught up or space was freed."
        : null;

    private void Signal()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }
}
