using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Gateway.Bench.LogBench;

/// <summary>
/// The physical limit: how many write-then-fsync round trips the disk under the bench folder completes per second.
/// A durable log cannot acknowledge more commit groups than this (unless it acknowledges before the disk has them).
/// Run beside the engines, in every round, because a shared disk does not keep one speed for minutes.
/// </summary>
internal static class RawFsyncProbe
{
    public const int WriteSize = 200;

    private const int OverwrittenBytes = 4 << 20;

    public static string Name(bool overwrite) =>
        overwrite ? "raw: overwrite 200 B in place + fdatasync" : "raw: append 200 B + fsync";

    /// <param name="folder">Where the probe file goes (deleted afterwards).</param>
    /// <param name="messageSize">The message size of the table the result belongs to.</param>
    /// <param name="window">The group of rows (messages in flight per producer) the result belongs to.</param>
    /// <param name="duration">How long to loop.</param>
    /// <param name="overwrite">
    /// False: append then fsync, so each sync also persists the file's new size, blocks and timestamps through a
    /// filesystem journal commit (what a log writing fresh space pays). True: cycle over a 4 MB file written and
    /// synced beforehand, then fdatasync, which skips the timestamps: one device flush and no journal commit, the
    /// floor for any durable commit on this disk (a log that reuses its space, as SQLite's WAL does once a
    /// checkpoint let it start over, gets close to it).
    /// </param>
    public static ThroughputResult Run(string folder, int messageSize, int window, TimeSpan duration, bool overwrite)
    {
        var path = Path.Combine(folder, "fsync-probe.bin");
        var data = Messages.Create(WriteSize);
        var latency = new LatencyHistogram();
        long fsyncs = 0;
        double seconds;
        var cpu = Environment.CpuUsage.TotalTime;
        // bufferSize 0: every Write is one write(2); Flush(true) is fsync(2).
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            if (overwrite)
            {
                file.Write(new byte[OverwrittenBytes]);
                file.Flush(flushToDisk: true);
                file.Position = 0;
            }

            var stopwatch = Stopwatch.StartNew();
            while (stopwatch.Elapsed < duration)
            {
                if (overwrite && file.Position + WriteSize > OverwrittenBytes)
                {
                    file.Position = 0;
                }

                var started = Stopwatch.GetTimestamp();
                file.Write(data);
                if (overwrite && OperatingSystem.IsLinux())
                {
                    if (LibC.Fdatasync(file.SafeFileHandle) != 0)
                    {
                        throw new IOException($"fdatasync failed: {Marshal.GetLastPInvokeErrorMessage()}");
                    }
                }
                else
                {
                    file.Flush(flushToDisk: true);
                }

                latency.Record(started);
                fsyncs++;
            }

            seconds = stopwatch.Elapsed.TotalSeconds;
        }

        var cpuSeconds = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
        File.Delete(path);
        // Reported in the group of rows it ran beside; its MB/s are of 200 B writes.
        return new ThroughputResult(Name(overwrite), messageSize, 1, window, seconds, fsyncs, fsyncs, cpuSeconds, latency,
            [fsyncs / seconds], null)
        { IsReference = true };
    }
}
