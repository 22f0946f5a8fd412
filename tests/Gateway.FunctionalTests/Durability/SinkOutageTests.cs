using System.Diagnostics;
using Gateway.FunctionalTests.Support;

namespace Gateway.FunctionalTests.Durability;

/// <summary>
/// A sink down for longer than a few retries: with the default <c>Retry:MaxDuration</c> (24 hours) a transient failure
/// is retried, with capped backoff, until the sink is back; nothing is dead-lettered.
/// </summary>
public sealed class SinkOutageTests(ITestOutputHelper output) : IDisposable
{
    private const int Count = 2_000;
    private const int Senders = 4;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _deadLetters = new("gateway-ft-dead-");

    public void Dispose() => _deadLetters.Dispose();

    [Fact]
    public async Task Messages_posted_while_the_http_sink_is_down_for_30_seconds_all_arrive_once_it_is_back_and_none_is_dead_lettered()
    {
        await using var sink = await HttpCaptureServer.StartAsync();
        // No MaxAttempts: the sink retries a transient failure for Retry:MaxDuration, 24 hours by default.
        await using var gateway = await GatewayProcess.StartAsync($$"""
            { "Gateway": {
                "DeadLetters": { "Folder": {{GatewayConfig.Quote(_deadLetters.Path)}} },
                "Inputs": { "in": { "Type": "Http", "Path": "/in" } },
                "Sinks": { "api": { "Type": "Http", "Url": "{{sink.Url("/out")}}", "AttemptTimeout": "00:00:02",
                                    "Retry": { "Delay": "00:00:00.100", "MaxDelay": "00:00:01" } } },
                "Routes": { "r": { "Input": "in", "Sinks": [ "api" ] } } } }
            """, output);

        await sink.StopAsync();
        var down = Stopwatch.StartNew();
        var acknowledged = new AcknowledgedNumbers();
        var target = new GatewayTarget(1, gateway.HttpAddress, null);
        var senders = Enumerable.Range(0, Senders).Select(_ => new HttpSender("outage", "/in", () => target, acknowledged)).ToList();
        using var sendTimeout = new CancellationTokenSource(Outage + Timeouts.Delivery);
        var size = Count / Senders;
        var sending = Task.WhenAll(senders.Select((s, i) => s.SendAsync(Enumerable.Range(i * size, size), sendTimeout.Token)));

        await Task.WhenAny(sending, Task.Delay(Outage));
        var postedWhileDown = sending.IsCompletedSuccessfully;
        var postingTook = down.Elapsed;
        if (Outage > down.Elapsed)
        {
            await Task.Delay(Outage - down.Elapsed);
        }

        await sink.StartAsync();
        output.WriteLine($"sink down for {down.Elapsed.TotalSeconds:0.0} s; the {Count} posts took {postingTook.TotalSeconds:0.0} s");
        await sending;

        var audit = new DeliveryAudit(acknowledged, ["outage"], _deadLetters.Path);
        var arrivals = audit.AddSink("api", () => sink.Accepted, r => r.Body);
        var complete = await audit.WaitUntilCompleteAsync(timeout: TimeSpan.FromSeconds(30), stall: TimeSpan.FromSeconds(10));
        output.WriteLine($"senders: {senders.Sum(s => s.Retries)} retries, {string.Join(", ", senders.SelectMany(s => s.Outcomes).GroupBy(o => o.Key).Select(g => $"{g.Key}: {g.Sum(o => o.Value)}"))}");
        output.WriteLine($"the sink answered {sink.Requests.Count} requests after it came back");
        output.WriteLine(audit.Describe());

        Assert.True(postedWhileDown, $"the gateway did not take the {Count} messages while the sink was down: {acknowledged.Count("outage")} answered 202 within {Outage.TotalSeconds:0} s");
        Assert.Equal(Count, acknowledged.Count("outage"));
        Assert.Empty(DeadLetterFolderReader.Read(_deadLetters.Path));
        Assert.True(complete, $"{audit.TotalLost()} messages did not arrive:\n{audit.Describe()}");
        Assert.Equal(Count, arrivals.Distinct("outage"));
    }
}
