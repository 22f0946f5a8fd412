using System.Net;
using Gateway.FunctionalTests.Support;

namespace Gateway.FunctionalTests.Durability;

/// <summary>
/// A full route log, by <c>Gateway:Buffer:MaxBytes</c> or because its disk is full, pushes back: the Http input answers
/// 503 with <c>Retry-After</c>, never 500, and the gateway keeps running. Once the sink is back (or space returns),
/// everything answered 202 arrives and the gateway takes messages again. The log sits on a small tmpfs (needs root).
/// </summary>
public sealed class FullLogTests(ITestOutputHelper output) : IDisposable
{
    private const string TmpfsSize = "32m";
    private const long LargeMaxBytes = 1024L * 1024 * 1024;
    private const long SmallMaxBytes = 8L * 1024 * 1024;
    private const int BodyBytes = 64 * 1024;

    /// <summary>Gateway:Buffer:MinFreeBytes's default; on the small tmpfs the log keeps a tenth of it free.</summary>
    private const long DefaultMinFreeBytes = 64L * 1024 * 1024;

    /// <summary>Posts enough to fill the tmpfs about four times over; a gateway that never pushes back fails here.</summary>
    private const int MaxPosts = 2_000;

    private static readonly TimeSpan FillTimeout = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _work = new("gateway-ft-work-");
    private readonly TempDirectory _deadLetters = new("gateway-ft-dead-");

    public void Dispose()
    {
        _work.Dispose();
        _deadLetters.Dispose();
    }

    [RequiresTmpfsFact]
    public async Task A_log_at_its_MaxBytes_answers_503_never_500_and_takes_messages_again_once_the_sink_drained_it()
    {
        await using var disk = await TmpfsMount.MountAsync(TmpfsSize);
        await using var sink = await StoppedSinkAsync();
        await using var gateway = await StartAsync(disk, sink, SmallMaxBytes);
        var sender = new FillingSender(gateway.Http, "/in", BodyBytes);

        var refused = await sender.PostUntilRefusedAsync(MaxPosts, FillTimeout);
        await PostWhileFullAsync(sender);

        await AssertPushedBackAsync(gateway, sender, refused);
        await sink.StartAsync();
        await AssertAllAcceptedArriveAndItAcceptsAgainAsync(gateway, sender, sink);
    }

    [RequiresTmpfsFact]
    public async Task A_log_at_its_disks_reserve_answers_503_never_500_and_takes_messages_again_once_the_sink_drained_it()
    {
        await FillTheDiskThenDrainAsync(DefaultMinFreeBytes);
    }

    /// <summary>
    /// With no reserve (<c>MinFreeBytes: 0</c>) the log's own commits fill the disk: the committer must still keep the
    /// room SQLite needs to checkpoint and drop what the sinks took, or no commit would ever succeed again.
    /// </summary>
    [RequiresTmpfsFact]
    public async Task A_log_whose_disk_is_full_answers_503_never_500_and_takes_messages_again_once_the_sink_drained_it()
    {
        await FillTheDiskThenDrainAsync(minFreeBytes: 0);
    }

    [RequiresTmpfsFact]
    public async Task A_log_whose_disk_another_file_filled_answers_503_never_500_and_takes_messages_again_once_space_returns()
    {
        await using var disk = await TmpfsMount.MountAsync(TmpfsSize);
        await using var sink = await StoppedSinkAsync();
        await using var gateway = await StartAsync(disk, sink, LargeMaxBytes);
        var sender = new FillingSender(gateway.Http, "/in", BodyBytes);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, await sender.PostAsync());
        }

        bool refused;
        using (var filler = DiskFiller.Fill(disk.Combine("filler")))
        {
            output.WriteLine($"the filler took {filler.Bytes} bytes; {disk.FreeBytes} bytes free");
            refused = await sender.PostUntilRefusedAsync(MaxPosts, FillTimeout);
            await PostWhileFullAsync(sender);
            await AssertPushedBackAsync(gateway, sender, refused);
        }

        // Space returns (the filler is deleted) while the sink is still down: the gateway takes messages again.
        await PostUntilAcceptedAsync(sender);
        await sink.StartAsync();
        await AssertAllAcceptedArriveAndItAcceptsAgainAsync(gateway, sender, sink);
    }

    /// <summary>Posts until the log's disk pushes back, then starts the sink: everything accepted arrives, and it accepts again.</summary>
    private async Task FillTheDiskThenDrainAsync(long minFreeBytes)
    {
        await using var disk = await TmpfsMount.MountAsync(TmpfsSize);
        await using var sink = await StoppedSinkAsync();
        await using var gateway = await StartAsync(disk, sink, LargeMaxBytes, minFreeBytes);
        var sender = new FillingSender(gateway.Http, "/in", BodyBytes);

        var refused = await sender.PostUntilRefusedAsync(MaxPosts, FillTimeout);
        output.WriteLine($"{disk.FreeBytes} bytes free on the log's tmpfs");
        await PostWhileFullAsync(sender);

        await AssertPushedBackAsync(gateway, sender, refused);
        await sink.StartAsync();
        await AssertAllAcceptedArriveAndItAcceptsAgainAsync(gateway, sender, sink);
    }

    /// <summary>A sink that is down: started once for a free port, then stopped (connections are refused).</summary>
    private static async Task<HttpCaptureServer> StoppedSinkAsync()
    {
        var sink = await HttpCaptureServer.StartAsync();
        await sink.StopAsync();
        return sink;
    }

    private Task<GatewayProcess> StartAsync(TmpfsMount disk, HttpCaptureServer sink, long maxBytes, long minFreeBytes = DefaultMinFreeBytes) => GatewayProcess.StartAsync(new GatewayStartOptions
    {
        WorkingDirectory = _work.Path,
        Log = output,
        ConfigJson = $$"""
            { "Gateway": {
                "Buffer": { "Folder": {{GatewayConfig.Quote(disk.Combine("buffer"))}}, "Durability": "Disk", "MaxBytes": {{maxBytes}}, "MinFreeBytes": {{minFreeBytes}} },
                "DeadLetters": { "Folder": {{GatewayConfig.Quote(_deadLetters.Path)}} },
                "Inputs": { "in": { "Type": "Http", "Path": "/in" } },
                "Sinks": { "api": { "Type": "Http", "Url": "{{sink.Url("/out")}}", "AttemptTimeout": "00:00:02",
                                    "Retry": { "Delay": "00:00:00.100", "MaxDelay": "00:00:00.500" } } },
                "Routes": { "r": { "Input": "in", "Sinks": [ "api" ] } } } }
            """,
    });

    /// <summary>A full log stays full while nothing drains it: more posts are refused the same way, without a crash.</summary>
    private static async Task PostWhileFullAsync(FillingSender sender)
    {
        for (var i = 0; i < 20; i++)
        {
            await sender.PostAsync();
        }
    }

    private async Task AssertPushedBackAsync(GatewayProcess gateway, FillingSender sender, bool refused)
    {
        output.WriteLine($"answers: {sender.Describe()}");
        Assert.True(refused, $"the gateway never answered 503 ({sender.Describe()})");
        Assert.All(sender.Statuses.Keys, status => Assert.True(status is 202 or 503, $"the gateway answered {status} ({sender.Describe()})"));
        Assert.Equal(0, sender.RefusedWithoutRetryAfter);
        Assert.False(gateway.HasExited, $"the gateway exited with code {gateway.Output.ExitCode}\n{gateway.Output.Tail()}");
        using var ready = await gateway.Http.GetAsync("/healthz"); // still serving
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    /// <summary>Posts until a message is answered 202 again (bounded); every answer must still be 202 or 503.</summary>
    private static async Task PostUntilAcceptedAsync(FillingSender sender)
    {
        var deadline = DateTime.UtcNow + Timeouts.Delivery;
        while (await sender.PostAsync() != HttpStatusCode.Accepted)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the gateway still refuses messages {Timeouts.Delivery.TotalSeconds:0} s later ({sender.Describe()})");
            Assert.All(sender.Statuses.Keys, status => Assert.True(status is 202 or 503, $"the gateway answered {status} ({sender.Describe()})"));
            await Task.Delay(200);
        }
    }

    private async Task AssertAllAcceptedArriveAndItAcceptsAgainAsync(GatewayProcess gateway, FillingSender sender, HttpCaptureServer sink)
    {
        var acknowledged = new AcknowledgedNumbers();
        acknowledged.AddRange(FillingSender.Source, sender.Accepted);
        var audit = new DeliveryAudit(acknowledged, [FillingSender.Source], _deadLetters.Path);
        audit.AddSink("api", () => sink.Accepted, r => r.Body);
        var complete = await audit.WaitUntilCompleteAsync(timeout: TimeSpan.FromSeconds(60), stall: TimeSpan.FromSeconds(15));
        output.WriteLine(audit.Describe());
        Assert.True(complete, $"{audit.TotalLost()} messages answered 202 did not arrive:\n{audit.Describe()}");
        Assert.Equal(0, audit.DeadLetters);

        // Drained: the log has room again.
        await PostUntilAcceptedAsync(sender);
        var last = sender.Accepted[^1];
        await Poll.UntilAsync(
            () => sink.Accepted.Any(r => NumberedMessage.Read(r.Body).Contains(new NumberedMessage(FillingSender.Source, last))),
            Timeouts.Delivery,
            () => $"message {last}, accepted after the log drained, did not arrive");
        output.WriteLine($"answers: {sender.Describe()}");
        Assert.All(sender.Statuses.Keys, status => Assert.True(status is 202 or 503, $"the gateway answered {status} ({sender.Describe()})"));
        Assert.False(gateway.HasExited);
    }
}
