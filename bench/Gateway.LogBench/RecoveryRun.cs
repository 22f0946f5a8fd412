using System.Diagnostics;
using System.Globalization;

namespace Gateway.Bench.LogBench;

/// <summary>
/// Crash recovery of one engine: a child process fills a fresh folder and is killed; the bench then reopens the
/// folder, reads every message back from the start (timed), truncates the first half (timed) and reopens once more to
/// check what the truncation left.
/// </summary>
internal static class RecoveryRun
{
    public static async Task<RecoveryResult> RunAsync(RecoveryEngine engine, string folder, int messageSize, long count)
    {
        var fillSeconds = await FillAndKillAsync(engine, folder, messageSize, count);
        var diskBytes = DiskUsage.Of(folder);
        var cold = PageCache.Evict(folder);
        var half = count / 2;
        return engine is RecoveryEngine.FasterLog or RecoveryEngine.FasterLogFastCommit
            ? await RecoverFasterLogAsync(engine == RecoveryEngine.FasterLogFastCommit, folder, messageSize, count, half, fillSeconds, diskBytes, cold)
            : await RecoverSqliteAsync(engine, folder, messageSize, count, half, fillSeconds, diskBytes, cold);
    }

    private static async Task<RecoveryResult> RecoverFasterLogAsync(
        bool fastCommit, string folder, int messageSize, long count, long half, double fillSeconds, long diskBytes, bool cold)
    {
        var stopwatch = Stopwatch.StartNew();
        var checker = new SequenceChecker(half);
        double openMs, recoveryMs, truncateMs;
        long diskAfter;
        using (var store = FasterLogStore.Open(folder, fastCommit))
        {
            openMs = stopwatch.Elapsed.TotalMilliseconds;
            store.ScanCommitted(checker);
            recoveryMs = stopwatch.Elapsed.TotalMilliseconds;

            stopwatch.Restart();
            // The truncation only moves the begin address in memory; the commit after it makes it durable and, once
            // that commit is written, deletes the segment files wholly before the new begin address.
            store.Log.TruncateUntil(checker.HalfAddress);
            await store.Log.CommitAsync();
            truncateMs = stopwatch.Elapsed.TotalMilliseconds;
            diskAfter = await DiskUsage.SettledAsync(folder);
        }

        var kept = new SequenceChecker();
        using (var reopened = FasterLogStore.Open(folder, fastCommit))
        {
            reopened.ScanCommitted(kept);
        }

        var problem = Join(checker.Verify(0, count), kept.Verify(half, count) is { } p ? $"after truncation: {p}" : null);
        var name = fastCommit ? "FasterLog, FastCommitMode" : "FasterLog";
        return new RecoveryResult(name, messageSize, count, FillProcess.UncommittedCount(messageSize), checker.Count,
            cold, fillSeconds, diskBytes, openMs, recoveryMs, truncateMs, diskAfter, kept.Count, problem);
    }

    private static async Task<RecoveryResult> RecoverSqliteAsync(
        RecoveryEngine engine, string folder, int messageSize, long count, long half, double fillSeconds, long diskBytes, bool cold)
    {
        var layout = engine == RecoveryEngine.SqliteRows ? SqliteLayout.RowPerMessage : SqliteLayout.BlobPerGroup;
        var stopwatch = Stopwatch.StartNew();
        var checker = new SequenceChecker();
        double openMs, recoveryMs, truncateMs;
        long diskAfter;
        using (var store = SqliteStore.Open(folder, layout))
        {
            // Opening runs SQLite's WAL recovery (the killed writer left a WAL and a stale shared-memory index).
            openMs = stopwatch.Elapsed.TotalMilliseconds;
            store.ScanAll(checker);
            recoveryMs = stopwatch.Elapsed.TotalMilliseconds;

            stopwatch.Restart();
            store.TruncateBefore(half);
            truncateMs = stopwatch.Elapsed.TotalMilliseconds;
            diskAfter = await DiskUsage.SettledAsync(folder);
        }

        var kept = new SequenceChecker();
        using (var reopened = SqliteStore.Open(folder, layout))
        {
            reopened.ScanAll(kept);
        }

        // The packed layout deletes whole groups, so it may keep a few messages before the half.
        var keptFirst = layout == SqliteLayout.RowPerMessage || kept.First > half ? half : kept.First;
        var problem = Join(checker.Verify(0, count), kept.Verify(keptFirst, count) is { } p ? $"after truncation: {p}" : null);
        var name = layout == SqliteLayout.RowPerMessage ? "SQLite, row per message" : "SQLite, BLOB per group";
        return new RecoveryResult(name, messageSize, count, FillProcess.UncommittedCount(messageSize), checker.Count,
            cold, fillSeconds, diskBytes, openMs, recoveryMs, truncateMs, diskAfter, kept.Count, problem);
    }

    private static async Task<double> FillAndKillAsync(RecoveryEngine engine, string folder, int messageSize, long count)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? throw new InvalidOperationException("no process path"))
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        // Started as 'dotnet Gateway.LogBench.dll' rather than through the apphost: the host needs the assembly.
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(RecoveryRun).Assembly.Location);
        }

        foreach (var argument in new[] { BenchOptions.FillVerb, engine.ToString(), "--folder", folder, "--size",
            messageSize.ToString(CultureInfo.InvariantCulture), "--count", count.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the fill process");
        try
        {
            while (await child.StandardOutput.ReadLineAsync() is { } line)
            {
                var parts = line.Split(' ');
                if (parts.Length == 3 && parts[0] == FillProcess.Ready && long.Parse(parts[1], CultureInfo.InvariantCulture) == count)
                {
                    return double.Parse(parts[2], CultureInfo.InvariantCulture);
                }
            }

            throw new InvalidOperationException($"the fill process for {engine} ended without committing {count} messages");
        }
        finally
        {
            child.Kill();
            await child.WaitForExitAsync();
        }
    }

    private static string? Join(string? first, string? second) =>
        first is null ? second : second is null ? first : $"{first}; {second}";
}
