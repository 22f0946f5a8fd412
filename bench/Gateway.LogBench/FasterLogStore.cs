using FASTER.core;

namespace Gateway.Bench.LogBench;

/// <summary>
/// A <see cref="FasterLog"/> over a local log device in one folder, opened the way every FasterLog phase of the bench
/// uses it. Opening an existing folder recovers the latest commit (FasterLog's default, <c>TryRecoverLatest</c>).
/// </summary>
internal sealed class FasterLogStore : IDisposable
{
    /// <summary>In fast-commit mode, the commit metadata file is written once every this many commits.</summary>
    public const int FastCommitMetadataEvery = 1000;

    // 32 MB segments instead of the 1 GB default: FasterLog frees disk space only by deleting whole segment files,
    // so with 1 GB segments truncating half of a 100-200 MB log would free nothing.
    private const int SegmentSizeBits = 25;

    private readonly IDevice _device;
    private readonly ILogCommitManager? _commitManager;

    private FasterLogStore(IDevice device, ILogCommitManager? commitManager, FasterLog log)
    {
        _device = device;
        _commitManager = commitManager;
        Log = log;
    }

    public FasterLog Log { get; }

    /// <param name="folder">Holds the segment files (<c>messages.log.N</c>) and the commit files (<c>log-commits/</c>).</param>
    /// <param name="fastCommit">
    /// FasterLog's fast-commit mode: each commit writes a commit record into the log itself (which needs per-entry
    /// checksums) instead of a new commit metadata file, and the metadata file is written only every
    /// <see cref="FastCommitMetadataEvery"/> commits; recovery scans forward from it for the last commit record.
    /// </param>
    /// <param name="commitPolicy">Which commit requests FasterLog admits; null for its default (all of them).</param>
    /// <param name="autoCommit">FasterLog requests a commit after every enqueue (subject to the policy).</param>
    public static FasterLogStore Open(string folder, bool fastCommit = false, LogCommitPolicy? commitPolicy = null, bool autoCommit = false)
    {
        Directory.CreateDirectory(folder);
        // recoverDevice: learn which segment files exist, so that truncating a reopened log deletes the right ones.
        // The device opens segments with FileOptions.WriteThrough (O_SYNC on Linux; its no-buffering flag has no
        // effect there): every page flush is durable when its write returns, which is what a commit waits for.
        var device = Devices.CreateLogDevice(Path.Combine(folder, "messages.log"), recoverDevice: true);
        var settings = new FasterLogSettings
        {
            LogDevice = device,
            SegmentSizeBits = SegmentSizeBits,
            LogCommitPolicy = commitPolicy ?? LogCommitPolicy.Default(),
            AutoCommit = autoCommit,
        };
        DeviceLogCommitCheckpointManager? commitManager = null;
        if (fastCommit)
        {
            // Without a throttle the default commit manager still writes a metadata file on every commit (and
            // FasterLog completes the commit only after that write), so fast-commit mode alone saves nothing.
            commitManager = new DeviceLogCommitCheckpointManager(new LocalStorageNamedDeviceFactory(),
                new DefaultCheckpointNamingScheme(folder), removeOutdated: true, fastCommitThrottleFreq: FastCommitMetadataEvery);
            settings.LogCommitManager = commitManager;
            settings.FastCommitMode = true;
            settings.LogChecksum = LogChecksumType.PerEntry;
        }

        try
        {
            return new FasterLogStore(device, commitManager, new FasterLog(settings));
        }
        catch
        {
            commitManager?.Dispose();
            device.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads every committed entry from the begin address, the way a route worker restarting after a crash would.
    /// </summary>
    public void ScanCommitted(SequenceChecker checker)
    {
        using var iterator = Log.Scan(Log.BeginAddress, Log.CommittedUntilAddress);
        while (iterator.TryConsumeNext(checker))
        {
        }
    }

    /// <summary>
    /// Disposes without <c>CompleteLog</c>: nothing is committed beyond what the caller committed, as after a crash.
    /// </summary>
    public void Dispose()
    {
        Log.Dispose();
        _commitManager?.Dispose();
        _device.Dispose();
    }
}
