using System.Text;
using System.Text.Json;
using Gateway.Core.Formats;
using Gateway.Core.Routing;

namespace Gateway.Tests.Routing;

public sealed class RouteEngineTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private const string FastRetry = "\"Retry\": { \"MaxAttempts\": 3, \"Delay\": \"00:00:00.010\", \"MaxDelay\": \"00:00:00.050\" }";

    [Fact]
    public async Task Fans_out_to_every_sink_encoded_in_its_format()
    {
        await using var harness = await EngineHarness.StartAsync("""
            {
              "Inputs": { "in": { "Type": "Test", "Format": "Csv" } },
              "Sinks": { "json": { "Type": "Recording" }, "xml": { "Type": "Recording", "Format": "Xml", "RootElement": "rows" } },
              "Routes": { "r": { "Input": "in", "Converters": [ { "Type": "Rename", "Map": { "a": "alpha" } } ], "Sinks": [ "json", "xml" ] } }
            }
            """);

        var receipt = await harness.SendAsync("in", "a,b\n1,2\n3,4\n", "Csv");

        Assert.Equal(2, receipt.Records);
        var report = await receipt.Delivered.WaitAsync(Timeout);
        Assert.True(report.Succeeded);
        Assert.Equal(2, report.Deliveries);
        var json = Assert.Single(harness.Sink("json").Received);
        Assert.Equal("""[{"alpha":"1","b":"2"},{"alpha":"3","b":"4"}]""", Encoding.UTF8.GetString(json.Body.Span));
        Assert.Equal(receipt.Id, json.Canonical.Id);
        var xml = Assert.Single(harness.Sink("xml").Received);
        Assert.Equal("Xml", xml.Format);
        Assert.Contains("<alpha>3</alpha>", Encoding.UTF8.GetString(xml.Body.Span), StringComparison.Ordinal);
        Assert.Equal(1, harness.Counters.Get(EndpointKind.Input, "in").Received);
        Assert.Equal(1, harness.Counters.Get(EndpointKind.Route, "r").Converted);
        Assert.Equal(1, harness.Counters.Get(EndpointKind.Sink, "json").Delivered);
        Assert.Equal(json.Body.Length, harness.Counters.Get(EndpointKind.Sink, "json").Bytes);
    }

    [Fact]
    public async Task Split_route_delivers_one_message_per_record()
    {
        await using var harness = await EngineHarness.StartAsync("""
            {
              "Inputs": { "in": { "Type": "Test", "Format": "Ndjson" } },
              "Sinks": { "out": { "Type": "Recording" } },
              "Routes": { "r": { "Input": "in", "Sinks": "out", "Split": true } }
            }
            """);

        var receipt = await harness.SendAsync("in", "{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n", "Ndjson");

        Assert.Equal(3, receipt.Records);
        Assert.Equal(3, (await receipt.Delivered.WaitAsync(Timeout)).Deliveries);
        Assert.Equal(["{\"n\":1}", "{\"n\":2}", "{\"n\":3}"], harness.Sink("out").Received.Select(m => Encoding.UTF8.GetString(m.Body.Span)));
    }

    [Fact]
    public async Task Malformed_body_is_dead_lettered_with_the_reason()
    {
        await using var harness = await EngineHarness.StartAsync("""
            {
              "Inputs": { "in": { "Type": "Test" } },
              "Sinks": { "out": { "Type": "Recording" } },
              "Routes": { "r": { "Input": "in", "Sinks": [ "out" ] } }
            }
            """);

        var receipt = await harness.SendAsync("in", "{\"a\": tru}");

        Assert.Equal(0, receipt.Records);
        var report = await receipt.Delivered.WaitAsync(Timeout);
        var failure = Assert.Single(report.Failures);
        Assert.Contains("line 1", failure.Error, StringComparison.Ordinal);
        Assert.Equal(("r", null, "convert"), (failure.Route, failure.Sink, failure.Stage));
        Assert.NotNull(failure.DeadLetter);
        Assert.Equal("{\"a\": tru}", await File.ReadAllTextAsync(failure.DeadLetter));
        using var meta = JsonDocument.Parse(await File.ReadAllTextAsync(Assert.Single(harness.DeadLetterMeta())));
        Assert.Equal("convert", meta.RootElement.GetProperty("stage").GetString());
        Assert.Equal(receipt.Id, meta.RootElement.GetProperty("id").GetGuid());
        Assert.Equal(failure.Error, meta.RootElement.GetProperty("error").GetString());
        Assert.Empty(harness.Sink("out").Received);
        Assert.Equal(1, harness.Counters.Get(EndpointKind.Route, "r").Failed);
        Assert.Equal(1, harness.Counters.Get(EndpointKind.Route, "r").DeadLettered);
    }

    [Fact]
    public async Task Transient_failures_are_retried_until_the_sink_takes_the_message()
    {
        await using var harness = await EngineHarness.StartAsync($$"""
            {
              "Inputs": { "in": { "Type": "Test" } },
              "Sinks": { "flaky": { "Type": "Recording", "FailTimes": 2, {{FastRetry}} } },
              "Routes": { "r": { "Input": "in", "Sinks": [ "flaky" ] } }
            }
            """);

        var receipt = await harness.SendAsync("in", "{\"a\":1}");

        Assert.True((await receipt.Delivered.WaitAsync(Timeout)).Succeeded);
        Assert.Equal(3, harness.Sink("flaky").Attempts);
        Assert.Equal(2, harness.Counters.Get(EndpointKind.Sink, "flaky").Retried);
        Assert.Equal(1, harness.Counters.Get(EndpointKind.Sink, "flaky").Delivered);
        Assert.Empty(harness.DeadLetterMeta());
    }

    [Fact]
    public async Task After_the_retries_the_message_goes_to_the_dead_letter_folder()
    {
        await using var harness = await EngineHarness.StartAsync($$"""
            {
              "Inputs": { "in": { "Type": "Test" } },
              "Sinks": { "down": { "Type": "Recording", "FailTimes": 100, {{FastRetry}} } },
              "Routes": { "r": { "Input": "in", "Sinks": [ "down" ] } }
            }
            """);

        var receipt = await harness.SendAsync("in", "{\"a\":1}");

        var failure = Assert.Single((await receipt.Delivered.WaitAsync(Timeout)).Failures);
        Assert.Equal(("down", "send"), (failure.Sink, failure.Stage));
        Assert.Contains("attempt 4 failed", failure.Error, StringComparison.Ordinal);
        Assert.Equal(4, harness.Sink("down").Attempts);
        Assert.Equal("{\"a\":1}", await File.ReadAllTextAsync(failure.DeadLetter!));
        var counters = harness.Counters.Get(EndpointKind.Sink, "down");
        Assert.Equal((3, 1, 1), (counters.Retried, counters.Failed, counters.DeadLettered));
    }

    [Fact]
    public async Task Permanent_failure_skips_the_retries_and_goes_to_the_route_dead_letter_sink_with_the_error()
    {
        await using var harness = await EngineHarness.StartAsync($$"""
            {
              "Inputs": { "in": { "Type": "Test" } },
              "Sinks": {
                "refuses": { "Type": "Recording", "FailPermanently": true, {{FastRetry}} },
                "dlq": { "Type": "Recording", "Format": "Ndjson" }
              },
              "Routes": { "r": { "Input": "in", "Sinks": [ "refuses" ], "DeadLetter": "dlq" } }
            }
            """);

        var receipt = await harness.SendAsync("in", "{\"a\":1}");

        var failure = Assert.Single((await receipt.Delivered.WaitAsync(Timeout)).Failures);
        Assert.Equal("dlq", failure.DeadLetter);
        Assert.Equal(1, harness.Sink("refuses").Attempts);
        var dead = Assert.Single(harness.Sink("dlq").Received);
        Assert.Equal("{\"a\":1}\n", Encoding.UTF8.GetString(dead.Body.Span));
        Assert.Equal("the destination refuses this message", dead.Canonical.Metadata["gateway.error"]);
        Assert.Equal("refuses", dead.Canonical.Metadata["gateway.sink"]);
        Assert.Equal("r", dead.Canonical.Metadata["gateway.route"]);
        Assert.Empty(harness.DeadLetterMeta());
    }

    [Fact]
    public async Task A_body_refused_to_its_sender_is_thrown_back_and_not_stored()
    {
        await using var harness = await EngineHarness.StartAsync("""
            {
              "Inputs": { "in": { "Type": "Test" } },
              "Sinks": { "out": { "Type": "Recording" } },
              "Routes": { "r": { "Input": "in", "Sinks": [ "out" ] } }
            }
            """);

        var dispatcher = harness.Dispatcher("in");
        var error = Assert.Throws<FormatReadException>(() => dispatcher.TryDispatch(new Gateway.Core.Messages.Message("{\"a\": tru}"u8.ToArray(), "Json", "in"), DispatchOptions.RefuseInvalid, out _, out _));

        Assert.NotNull(error.Location);
        Assert.Equal(0, harness.Engine.Buffer.UsedBytes);
        var after = await harness.SendAsync("in", "{\"a\":1}");
        Assert.True((await after.Delivered.WaitAsync(Timeout)).Succeeded);
        Assert.Single(harness.Sink("out").Received);
        Assert.Empty(harness.DeadLetterMeta());
    }

    [Fact]
    public async Task A_full_buffer_pushes_back_and_what_it_holds_is_delivered_after_a_restart()
    {
        const string Config = """
            {
              "Buffer": { "MaxBytes": 65536 },
              "Inputs": { "in": { "Type": "Test" } },
              "Sinks": { "stuck": { "Type": "Recording", "Block": true } },
              "Routes": { "r": { "Input": "in", "Sinks": [ "stuck" ] } }
            }
            """;
        var body = Encoding.UTF8.GetBytes("{\"pad\":\"" + new string('x', 8000) + "\"}");
        var harness = await EngineHarness.StartAsync(Config);
        var folders = (harness.DeadLetterFolder, harness.BufferFolder);
        harness.Engine.DrainTimeout = TimeSpan.FromMilliseconds(100);
        var dispatcher = harness.Dispatcher("in");
        var accepted = new List<Guid>();
        while (accepted.Count < 100)
        {
            if (!dispatcher.TryDispatch(new Gateway.Core.Messages.Message(body, "Json", "in"), DispatchOptions.None, out var receipt, out var refusal))
            {
                Assert.Contains("Gateway:Buffer:MaxBytes", refusal, StringComparison.Ordinal);
                break;
            }

            await receipt.Committed.WaitAsync(Timeout);
            accepted.Add(receipt.Id);
        }

        // 8 KB messages in a 64 KiB buffer: 8 fit with their record headers, the ninth is refused, and a waiting dispatch does not get through.
        Assert.Equal(8, accepted.Count);
        using (var waiting = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await dispatcher.DispatchAsync(new Gateway.Core.Messages.Message(body, "Json", "in"), waiting.Token));
        }

        // Stopping with a disk buffer keeps what the sink did not take (nothing is dead-lettered); the next start sends it.
        await harness.DisposeAsync(keepFolders: true);
        Assert.Empty(Directory.Exists(folders.DeadLetterFolder) ? Directory.GetFiles(folders.DeadLetterFolder, "*.meta.json") : []);
        await using var restarted = await EngineHarness.StartAsync(Config.Replace("\"Block\": true", "\"Block\": false", StringComparison.Ordinal), folders);
        var deadline = DateTime.UtcNow + Timeout;
        while (restarted.Sink("stuck").Received.Count < accepted.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(accepted, restarted.Sink("stuck").Received.Select(m => m.Canonical.Id));
        Assert.Empty(restarted.DeadLetterMeta());
    }

    [Fact]
    public async Task A_memory_buffer_dead_letters_what_is_left_when_it_stops()
    {
        await using var harness = await EngineHarness.StartAsync("""
            {
              "Buffer": { "Durability": "Memory" },
              "Inputs": { "in": { "Type": "Test" } },
              "Sinks": { "stuck": { "Type": "Recording", "Block": true } },
              "Routes": { "r": { "Input": "in", "Sinks": [ "stuck" ] } }
            }
            """);
        harness.Engine.DrainTimeout = TimeSpan.FromMilliseconds(100);
        var receipts = new List<MessageReceipt>();
        for (var i = 0; i < 3; i++)
        {
            receipts.Add(await harness.SendAsync("in", $"{{\"n\":{i}}}"));
        }

        await harness.Engine.StopAsync(CancellationToken.None);

        var reports = await Task.WhenAll(receipts.Select(r => r.Delivered.WaitAsync(Timeout)));
        Assert.All(reports, r => Assert.NotNull(Assert.Single(r.Failures).DeadLetter));
        Assert.Equal(3, harness.DeadLetterMeta().Count);
        Assert.False(Directory.Exists(harness.BufferFolder));
    }

    [Fact]
    public async Task Routes_sharing_an_input_each_get_the_message()
    {
        await using var harness = await EngineHarness.StartAsync("""
            {
              "Inputs": { "in": { "Type": "Test" } },
              "Sinks": { "a": { "Type": "Recording" }, "b": { "Type": "Recording", "Format": "Csv" } },
              "Routes": { "one": { "Input": "in", "Sinks": [ "a" ] }, "two": { "Input": "in", "Sinks": [ "b" ] } }
            }
            """);

        var receipt = await harness.SendAsync("in", "[{\"x\":1}]");

        Assert.Equal(2, (await receipt.Delivered.WaitAsync(Timeout)).Deliveries);
        Assert.Single(harness.Sink("a").Received);
        Assert.Equal("x\r\n1\r\n", Encoding.UTF8.GetString(Assert.Single(harness.Sink("b").Received).Body.Span));
    }
}
