using System.Text;
using System.Text.Json;
using Gateway.FunctionalTests.Support;

namespace Gateway.FunctionalTests.Folder;

/// <summary>
/// <c>kill -9</c> of the real gateway in the middle of a large file, then a restart: every record arrives (at least
/// once in an appending sink, exactly once in a WholeFile sink), and the file moves to Done only at the end.
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
        await using (var writer = new StreamWriter(file + ".tmp", false, new UTF8Encoding(false)))
        {
            for (var n = 0; n < Records; n++)
            {
                await writer.WriteAsync($"{{\"n\":{n},\"pad\":\"abcdefghijklmnopqrstuvwxyz\"}}\n");
            }
        }

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
