using System.Diagnostics;

namespace Gateway.Bench.LogBench;

/// <summary>
/// One bench run: the raw fsync rate of the folder's disk, then every engine under the same group-commit load at each
/// message size, then crash recovery and truncation; the report is printed at the end, progress on stderr.
/// </summary>
internal static class BenchRun
{
    public const int Producers = 4;

    private static readonly int[] MessageSizes = [200, 4096];

    // 1: each producer appends, waits, appends again (a commit holds at most 4 messages). 64: each keeps 64 messages
    // waiting, as an input acknowledging asynchronously would (up to 256 per commit).
    private static readonly int[] Windows = [1, 64];

    private static readonly (string Key, Func<string, IDurableLog> Create)[] Engines =
    [
        ("faster-committer", folder => new FasterCommitterLog(folder, fastCommit: false)),
        ("faster-fastcommit", folder => new FasterCommitterLog(folder, fastCommit: true)),
        ("faster-autocommit", folder => new FasterAutoCommitLog(folder)),
        ("sqlite-rows", folder => new SqliteGroupLog(folder, SqliteLayout.RowPerMessage)),
        ("sqlite-blob", folder => new SqliteGroupLog(folder, SqliteLayout.BlobPerGroup)),
    ];

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var total = Stopwatch.StartNew();
        var root = Path.GetFullPath(options.Folder);
        var createdRoot = !Directory.Exists(root);
        var runFolder = Path.Combine(root, $"run-{Environment.ProcessId}");
        Directory.CreateDirectory(runFolder);
        // Full runs measure each engine twice, alternating engines, so that a shared disk's drift hits them alike.
        var roundCount = options.Quick ? 1 : 2;
        var warmUp = TimeSpan.FromSeconds(options.Quick ? 0.2 : 0.3);
        var measured = TimeSpan.FromSeconds(options.Quick ? 0.7 : 1.5);
        var probeTime = TimeSpan.FromSeconds(options.Quick ? 0.5 : 1);
        var report = new Report(root, options.Quick, measured, roundCount);
        try
        {
            foreach (var size in MessageSizes)
            {
                foreach (var window in Windows)
                {
                    var rounds = new Dictionary<string, List<ThroughputResult>>();
                    for (var round = 1; round <= roundCount; round++)
                    {
                        Progress($"raw fsync rate, {size} B table, {window} in flight, round {round}");
                        foreach (var overwrite in new[] { false, true })
                        {
                            var probe = RawFsyncProbe.Run(runFolder, size, window, probeTime, overwrite);
                            (rounds.TryGetValue(probe.Engine, out var list) ? list : rounds[probe.Engine] = []).Add(probe);
                        }

                        foreach (var (key, create) in Engines.Where(e => Selected(options, e.Key)))
                        {
                            var folder = Path.Combine(runFolder, $"{key}-{size}-{window}-{round}");
                            Progress($"throughput {key}, {size} B, {Producers} producers x {window} in flight, round {round}");
                            await using (var log = create(folder))
                            {
                                var result = await ThroughputRun.RunAsync(log, size, Producers, window, warmUp, measured);
                                (rounds.TryGetValue(key, out var list) ? list : rounds[key] = []).Add(result);
                            }

                            // Folders are deleted only at the end: on this VM, syncs stay slow (a filesystem
                            // journal commit each, ~4 ms instead of ~0.15 ms) for a while after a large delete,
                            // which would penalise whatever runs next.
                        }
                    }

                    // Merged with ThroughputResult.Merge, which keeps IsReference (a 'with' copy of the first round).
                    report.Throughput.AddRange(rounds.Values.Select(ThroughputResult.Merge));
                }
            }

            foreach (var size in MessageSizes)
            {
                var count = RecoveryCount(size, options.Quick);
                foreach (var engine in Enum.GetValues<RecoveryEngine>().Where(e => Selected(options, RecoveryKey(e))))
                {
                    var folder = Path.Combine(runFolder, $"recovery-{engine}-{size}");
                    Progress($"recovery {engine}, {count:N0} x {size} B");
                    report.Recovery.Add(await RecoveryRun.RunAsync(engine, folder, size, count));
                }
            }

            report.Elapsed = total.Elapsed;
            report.Print(Console.Out);
            return report.Recovery.Any(r => r.Problem is not null) ? 1 : 0;
        }
        finally
        {
            if (!options.Keep)
            {
                Directory.Delete(runFolder, recursive: true);
                if (createdRoot && !Directory.EnumerateFileSystemEntries(root).Any())
                {
                    Directory.Delete(root);
                }
            }
        }
    }

    private static bool Selected(BenchOptions options, string key) =>
        options.Only is null || key.Contains(options.Only, StringComparison.Ordinal);

    private static string RecoveryKey(RecoveryEngine engine) => engine switch
    {
        RecoveryEngine.FasterLog => "faster-committer",
        RecoveryEngine.FasterLogFastCommit => "faster-fastcommit",
        RecoveryEngine.SqliteRows => "sqlite-rows",
        _ => "sqlite-blob",
    };

    private static long RecoveryCount(int size, bool quick) => (size <= 200 ? 500_000 : 50_000) / (quick ? 20 : 1);

    private static void Progress(string step) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {step}");
}
