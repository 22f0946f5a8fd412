using System.Diagnostics;

namespace Gateway.Bench.LogBench;

/// <summary>
/// The child process of a recovery run: writes <c>count</c> messages with a commit every 256 KB, appends an
/// uncommitted tail, reports what it committed and then waits to be killed (SIGKILL: no disposal, no final commit,
/// no checkpoint, exactly what a crash leaves on disk).
/// </summary>
internal static class FillProcess
{
    public const string Ready = "committed";

    private const int BytesPerCommit = 256 * 1024;

    // More than one FasterLog page (4 MB): part of the tail reaches the disk as FasterLog flushes full pages, and more
    // than SQLite's 2 MB page cache, so uncommitted pages spill into the WAL. Recovery must ignore both.
    private const int UncommittedBytes = 6 * 1024 * 1024;

    public static int UncommittedCount(int messageSize) => UncommittedBytes / messageSize;

    public static async Task<int> RunAsync(RecoveryEngine engine, string folder, int messageSize, long count)
    {
        var perCommit = Math.Max(1, BytesPerCommit / messageSize);
        var stopwatch = Stopwatch.StartNew();
        if (engine is RecoveryEngine.FasterLog or RecoveryEngine.FasterLogFastCommit)
        {
            // Not disposed: the process is killed while this is still open.
            var store = FasterLogStore.Open(folder, fastCommit: engine == RecoveryEngine.FasterLogFastCommit);
            var message = Messages.Create(messageSize);
            for (long sequence = 0; sequence < count; sequence++)
            {
                Messages.Stamp(message, sequence);
                store.Log.Enqueue(message);
                if ((sequence + 1) % perCommit == 0 || sequence + 1 == count)
                {
                    await store.Log.CommitAsync();
                }
            }

            var fillSeconds = stopwatch.Elapsed.TotalSeconds;
            for (long i = 0; i < UncommittedCount(messageSize); i++)
            {
                Messages.Stamp(message, count + i);
                store.Log.Enqueue(message);
            }

            return ReportAndWait(count, fillSeconds, store);
        }
        else
        {
            var store = SqliteStore.Open(folder, engine == RecoveryEngine.SqliteRows ? SqliteLayout.RowPerMessage : SqliteLayout.BlobPerGroup);
            // WriteGroup is done with the arrays when it returns, so one set of buffers serves every group.
            var buffers = Enumerable.Range(0, perCommit).Select(_ => Messages.Create(messageSize)).ToArray();
            for (long first = 0; first < count; first += perCommit)
            {
                var size = (int)Math.Min(perCommit, count - first);
                for (var i = 0; i < size; i++)
                {
                    Messages.Stamp(buffers[i], first + i);
                }

                store.WriteGroup(new ArraySegment<byte[]>(buffers, 0, size), first);
            }

            var fillSeconds = stopwatch.Elapsed.TotalSeconds;
            var tail = new List<byte[]>();
            for (long i = 0; i < UncommittedCount(messageSize); i++)
            {
                var message = Messages.Create(messageSize);
                Messages.Stamp(message, count + i);
                tail.Add(message);
            }

            var open = store.WriteUncommitted(tail, count);
            return ReportAndWait(count, fillSeconds, open);
        }
    }

    private static int ReportAndWait(long committed, double fillSeconds, object keptOpen)
    {
        Console.WriteLine($"{Ready} {committed} {fillSeconds:F3}");
        Console.Out.Flush();
        // The parent kills us while we wait here; if it goes away instead, end without cleaning up either.
        Console.ReadLine();
        GC.KeepAlive(keptOpen);
        Environment.Exit(3);
        return 3;
    }
}
