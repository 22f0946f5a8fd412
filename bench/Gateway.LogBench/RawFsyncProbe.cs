using System.Diagnostics;

namespace Gateway.Bench.LogBench;

/// <summary>
/// The physical limit: how many write-then-fsync round trips the disk under the bench folder completes per second.
/// A durable log cannot acknowledge more commit groups than this (unless it acknowledges before the disk has them).
/// </summary>
internal static class RawFsyncProbe
{
    private const int OverwrittenBytes = 4 << 20;

    /// <param name="folder">Where the probe file goes (deleted afterwards).</param>
    /// <param name="writeSize">Bytes written before each fsync.</param>
    /// <param name="duration">How long to loop.</param>
    /// <param name="overwrite">
    /// False: append, so the file grows and each fsync also persists its new size and blocks (what a log writing
    /// fresh space pays). True: cycle over a 4 MB file written and synced beforehand, so only the data is dirty
    /// (what a log that reuses its space pays, as SQLite's WAL does after a checkpoint).
    /// </param>
    public static double FsyncsPerSecond(string folder, int writeSize, TimeSpan duration, bool overwrite)
    {
        var path = Path.Combine(folder, $"fsync-probe-{writeSize}.bin");
        var data = Messages.Create(writeSize);
        long fsyncs = 0;
        double seconds;
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
                if (overwrite && file.Position + writeSize > OverwrittenBytes)
                {
                    file.Position = 0;
                }

                file.Write(data);
                file.Flush(flushToDisk: true);
                fsyncs++;
            }

            seconds = stopwatch.Elapsed.TotalSeconds;
        }

        File.Delete(path);
        return fsyncs / seconds;
    }
}
