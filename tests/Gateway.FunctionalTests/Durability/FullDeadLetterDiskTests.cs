using System.Text.RegularExpressions;
using Gateway.FunctionalTests.Support;

namespace Gateway.FunctionalTests.Durability;

/// <summary>
/// The dead-letter folder's disk is full: a message that cannot be delivered (the sink refuses it for good) and cannot
/// be dead-lettered either stays in its route's log, nothing is logged as lost, and once space returns every such
/// message is in the dead letters. The folder sits on a small tmpfs (needs root).
/// </summary>
public sealed class FullDeadLetterDiskTests(ITestOutputHelper output)
{
    private const int Count = 100;

    [RequiresTmpfsFact]
    public async Task Messages_that_cannot_be_dead_lettered_stay_in_the_log_and_are_all_dead_lettered_once_space_returns()
    {
        await using var disk = await TmpfsMount.MountAsync("16m", "dead");
        var deadLetters = disk.Combine("dead");
        await using var sink = await HttpCaptureServer.StartAsync();
        sink.ResponseStatus = 400; // permanent: no retry, straight to the dead letters
        await using var gateway = await GatewayProcess.StartAsync($$"""
            { "Gateway": {
                "DeadLetters": { "Folder": {{GatewayConfig.Quote(deadLetters)}}, "MaxBytes": 1073741824 },
                "Inputs": { "in": { "Type": "Http", "Path": "/in" } },
                "Sinks": { "api": { "Type": "Http", "Url": "{{sink.Url("/out")}}" } },
                "Routes": { "r": { "Input": "in", "Sinks": [ "api" ] } } } }
            """, output);

        var acknowledged = new AcknowledgedNumbers();
        var target = new GatewayTarget(1, gateway.HttpAddress, null);
        var sender = new HttpSender("refused", "/in", () => target, acknowledged);
        using (var filler = DiskFiller.Fill(disk.Combine("filler")))
        {
            output.WriteLine($"the filler took {filler.Bytes} bytes; {disk.FreeBytes} bytes free for the dead letters");
            using var sendTimeout = new CancellationTokenSource(Timeouts.Delivery);
            await sender.SendAsync(Enumerable.Range(0, Count), sendTimeout.Token);

            // The sink refused the first message and its dead letter cannot be written: it stays at the head of the
            // route's log (the sink's cursor does not move past it) and the gateway says it will try again.
            await gateway.Output.WaitForAsync(new Regex("cannot be dead-lettered now; it stays in the route's log"), Timeouts.Delivery);
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Single(Refused(sink));

            Assert.Empty(DeadLetterFolderReader.Read(deadLetters));
            Assert.False(gateway.HasExited, $"the gateway exited with code {gateway.Output.ExitCode}\n{gateway.Output.Tail()}");
            AssertNothingLost(gateway);
        }

        // Space returns: every message waiting in the log goes to the dead letters.
        var deadLettered = new HashSet<int>();
        await Poll.UntilAsync(
            () => (deadLettered = DeadLettered(deadLetters)).Count == Count,
            TimeSpan.FromSeconds(60),
            () => $"{deadLettered.Count} of the {Count} messages are in the dead letters");
        output.WriteLine($"sender: {string.Join(", ", sender.Outcomes.Select(o => $"{o.Key}: {o.Value}"))}; the sink was sent {sink.Requests.Count} requests");

        Assert.Equal(Enumerable.Range(0, Count), deadLettered.Order());
        Assert.Equal(Count, acknowledged.Count("refused"));
        Assert.False(gateway.HasExited);
        AssertNothingLost(gateway);
    }

    private static HashSet<int> Refused(HttpCaptureServer sink) =>
        [.. sink.Requests.SelectMany(r => NumberedMessage.Read(r.Body)).Select(m => m.N)];

    private static HashSet<int> DeadLettered(string folder) =>
        [.. DeadLetterFolderReader.Read(folder).SelectMany(e => NumberedMessage.Read(e.Body)).Select(m => m.N)];

    /// <summary>The gateway never says it lost a message: what it cannot store, it does not take.</summary>
    private static void AssertNothingLost(GatewayProcess gateway)
    {
        var lost = gateway.Output.Lines.Where(l => l.Contains("lost", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(lost.Count == 0, $"the gateway logged {lost.Count} lines about lost messages:\n{string.Join('\n', lost.Take(10))}");
    }
}
