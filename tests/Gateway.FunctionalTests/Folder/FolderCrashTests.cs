using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.FunctionalTests.Support;

namespace Gateway.FunctionalTests.Folder;

/// <summary>
/// <c>kill -9</c> of the real gateway in the middle of a large file, then a restart: every record arrives (at least
/// once in an appending sink, exactly once in a WholeFile sink), and the file moves to Done only at the end; also with
/// a Split on the route and a route log read back from disk.
/// </summary>
public sealed class FolderCrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Records = 120_000;

    private readonly TempDirectory _data = new("gateway-ft-folder-");

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Every_record_of_a_file_arrives_after_a_kill_9_in_the_middle_of_it()
    {
        var input = _data.Combine("in");
        var appended = _data.Combine("appended");
        var whole = _data.Combine("whole");
        Directory.CreateDirectory(input);
        var file = Path.Combine(input, "big.ndjson");
        await WriteHiddenAsync(file, Records, n => $"{{\"n\":{n},\"pad\":\"abcdefghijklmnopqrstuvwxyz\"}}");

        var config = $$"""
            { "Gateway": {
                "Inputs": { "files": { "Type": "Folder", "Path": {{GatewayConfig.Quote(input)}}, "BatchRecords": 500,
                                       "ReadyAfter": "00:00:00.100", "ScanInterval": "00:00:00.100" } },
                "Sinks": {
                  "appended": { "Type": "File", "Folder": {{GatewayConfig.Quote(appended)}}, "Mode": "Append", "FileName": "all", "Format": "Ndjson", "MaxFileBytes": 1073741824 },
                  "whole": { "Type": "File", "Folder": {{GatewayConfig.Quote(whole)}}, "Mode": "WholeFile", "Format": "Ndjson" } },
                "Routes": { "r": { "Input": "files", "Sinks": [ "appended", "whole" ] } } } }
            """;
        var gateway = await GatewayProcess.StartAsync(config, output);
        try
        {
            await gateway.WaitForLogAsync("Input files watching", Timeouts.Start);
            File.Move(file + ".tmp", file);

            // Kill once some records are stored (the persisted offset says so) but far from all.
            var progress = Path.Combine(input, ".progress");
            await Poll.UntilAsync(() => StoredRecords(progress) >= 2_000, Timeouts.Delivery, () => gateway.Output.Tail());
            await gateway.KillAsync();
            var storedAtKill = StoredRecords(progress);
            output.WriteLine($"killed with {storedAtKill} of {Records} records stored");
            Assert.InRange(storedAtKill, 2_000, Records - 1);
            Assert.True(File.Exists(file), "the file must stay in the input folder until every record is stored");

            var restarted = await gateway.RestartAsync();
            await gateway.DisposeAsync();
            gateway = restarted;
            await gateway.WaitForLogAsync("Input files resumes big.ndjson after record", Timeouts.Start);

            var wholeOutput = Path.Combine(whole, "big.ndjson");
            await Poll.UntilAsync(
                () => File.Exists(Path.Combine(input, ".done", "big.ndjson")) && File.Exists(wholeOutput) && Lines(Path.Combine(appended, "all.ndjson")) >= Records,
                TimeSpan.FromSeconds(60),
                () => $"{Lines(Path.Combine(appended, "all.ndjson"))} lines appended\n{gateway.Output.Tail()}");
        }
        finally
        {
            await gateway.DisposeAsync();
        }

        var seen = new int[Records];
        foreach (var line in File.ReadLines(Path.Combine(appended, "all.ndjson")))
        {
            seen[JsonDocument.Parse(line).RootElement.GetProperty("n").GetInt32()]++;
        }

        Assert.Equal(-1, Array.IndexOf(seen, 0)); // Every record arrived.
        output.WriteLine($"appending sink: {seen.Sum() - Records} duplicates");

        // The WholeFile sink skips what the route log hands over again: each record once, in order.
        var next = 0;
        foreach (var line in File.ReadLines(Path.Combine(whole, "big.ndjson")))
        {
            Assert.Equal(next++, JsonDocument.Parse(line).RootElement.GetProperty("n").GetInt32());
        }

        Assert.Equal(Records, next);
    }

    /// <summary>
    /// The same crash with a <c>Split</c> on the route and a route log that keeps only 64 KiB in memory: a slow HTTP
    /// sink reads most groups back from disk (and after the restart all of them), the input is pushed back by the
    /// small <c>MaxBytes</c> so that the kill lands in the middle of the file with a backlog, and each split part keeps
    /// its derived message id however often it is sent, so the duplicates at-least-once delivery allows are
    /// identifiable. The WholeFile sink writes every part once, in order.
    /// </summary>
    [Fact]
    public async Task Every_split_part_arrives_with_its_derived_id_after_a_kill_9_while_the_sink_reads_the_log_from_disk()
    {
        const int records = 2_000;
        const int parts = 3;
        const int batchRecords = 100;
        var input = _data.Combine("in");
        var whole = _data.Combine("whole");
        Directory.CreateDirectory(input);
        var file = Path.Combine(input, "split.ndjson");
        static string Part(int n, int p) => $"{{\"n\":{n},\"p\":{p},\"pad\":\"abcdefghijklmnopqrstuvwxyz\"}}";
        await WriteHiddenAsync(file, records, n => $"[{string.Join(',', Enumerable.Range(0, parts).Select(p => Part(n, p)))}]");

        await using var sink = await HttpCaptureServer.StartAsync();
        var config = $$"""
            { "Gateway": {
                "Buffer": { "MemoryBytes": 65536, "MaxBytes": 1048576 },
                "Inputs": { "files": { "Type": "Folder", "Path": {{GatewayConfig.Quote(input)}}, "BatchRecords": {{batchRecords}},
                                       "ReadyAfter": "00:00:00.100", "ScanInterval": "00:00:00.100" } },
                "Sinks": {
                  "http": { "Type": "Http", "Url": "{{sink.Url("/parts")}}" },
                  "whole": { "Type": "File", "Folder": {{GatewayConfig.Quote(whole)}}, "Mode": "WholeFile", "Format": "Ndjson" } },
                "Routes": { "r": { "Input": "files", "Converters": [ { "Type": "Split" } ], "Sinks": [ "http", "whole" ] } } } }
            """;
        var gateway = await GatewayProcess.StartAsync(config, output);
        int deliveredAtKill;
        try
        {
            await gateway.WaitForLogAsync("Input files watching", Timeouts.Start);
            File.Move(file + ".tmp", file);

            // Kill once the HTTP sink took some parts and lags at least a batch behind what is stored.
            var progress = Path.Combine(input, ".progress");
            await Poll.UntilAsync(() => sink.Accepted.Count >= 300, Timeouts.Delivery, () => gateway.Output.Tail());
            await gateway.KillAsync();
            var storedAtKill = StoredRecords(progress);
            deliveredAtKill = sink.Accepted.Count;
            output.WriteLine($"killed with {storedAtKill} of {records} records stored, {deliveredAtKill} parts delivered over HTTP");
            Assert.InRange(storedAtKill, batchRecords, records - 1);

            var restarted = await gateway.RestartAsync();
            await gateway.DisposeAsync();
            gateway = restarted;

            // The HTTP sink lagged (the small MaxBytes held the input back): what it had not taken is read from disk.
            var recovered = await gateway.WaitForLogAsync(new Regex(@"recovered (?<messages>\d+) message"), Timeouts.Start);
            Assert.True(int.Parse(recovered.Groups["messages"].Value, CultureInfo.InvariantCulture) > 0, recovered.Value);
            await gateway.WaitForLogAsync("Input files resumes split.ndjson after record", Timeouts.Start);

            var wholeOutput = Path.Combine(whole, "split.ndjson");
            await Poll.UntilAsync(
                () => File.Exists(Path.Combine(input, ".done", "split.ndjson")) && File.Exists(wholeOutput) && DistinctParts(sink) >= records * parts,
                TimeSpan.FromSeconds(90),
                () => $"{DistinctParts(sink)} of {records * parts} parts delivered over HTTP\n{gateway.Output.Tail()}");
        }
        finally
        {
            await gateway.DisposeAsync();
        }

        // Every part arrived; a part sent again carries the id it had the first time, and no two parts share one.
        var ids = new Dictionary<(int N, int P), string>();
        foreach (var request in sink.Accepted)
        {
            var part = JsonDocument.Parse(request.Body).RootElement;
            var key = (part.GetProperty("n").GetInt32(), part.GetProperty("p").GetInt32());
            var id = request.Header("X-Gateway-Message-Id");
            Assert.NotNull(id);
            if (!ids.TryAdd(key, id))
            {
                Assert.Equal(ids[key], id);
            }
        }

        Assert.Equal(records * parts, ids.Count);
        Assert.Equal(records * parts, ids.Values.Distinct().Count());
        var duplicates = sink.Accepted.Count - (records * parts);
        output.WriteLine($"HTTP sink: {duplicates} duplicates, each with its first id");

        // What docs/transports-folder.md allows: the sink sends again what it had sent before its cursor was saved
        // (at most what it had sent), and the input reads again at most the last two batches.
        Assert.InRange(duplicates, 0, deliveredAtKill + (2 * batchRecords * parts));

        var next = 0;
        foreach (var line in File.ReadLines(Path.Combine(whole, "split.ndjson")))
        {
            var part = JsonDocument.Parse(line).RootElement;
            Assert.Equal((next / parts, next % parts), (part.GetProperty("n").GetInt32(), part.GetProperty("p").GetInt32()));
            next++;
        }

        Assert.Equal(records * parts, next);
    }

    /// <summary>Writes <paramref name="count"/> lines to <c>FILE.tmp</c>, which the input ignores until the test renames it.</summary>
    private static async Task WriteHiddenAsync(string file, int count, Func<int, string> line)
    {
        await using var writer = new StreamWriter(file + ".tmp", false, new UTF8Encoding(false));
        for (var n = 0; n < count; n++)
        {
            await writer.WriteAsync(line(n) + "\n");
        }
    }

    private static int DistinctParts(HttpCaptureServer sink) => sink.Accepted.Select(r => r.BodyText).Distinct().Count();

    private static long StoredRecords(string progress)
    {
        if (!Directory.Exists(progress))
        {
            return 0;
        }

        foreach (var state in Directory.GetFiles(progress, "*.json"))
        {
            try
            {
                return JsonDocument.Parse(File.ReadAllBytes(state)).RootElement.GetProperty("records").GetInt64();
            }
            catch (Exception ex) when (ex is IOException or JsonException)
            {
                // Replaced while read: the next poll reads the new one.
            }
        }

        return 0;
    }

    private static int Lines(string path) => File.Exists(path) ? File.ReadLines(path).Count() : 0;
}
