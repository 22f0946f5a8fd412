using System.Text;
using Gateway.Core.Converters;
using Gateway.Core.Formats;
using Gateway.Core.Messages;
using Gateway.Core.Observation;
using Gateway.Core.Routing;
using Gateway.Formats.Csv;
using Gateway.Formats.Json;

namespace Gateway.Tests.Core.Observation;

/// <summary>The live tail's taps: free when nobody watches, bounded in rate, size and watchers when somebody does.</summary>
public sealed class MessageTapsTests
{
    [Fact]
    public void Nobody_watching_costs_no_allocation_and_finds_no_tap()
    {
        var taps = new MessageTaps();
        Assert.Null(taps.For("orders"));
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            _ = taps.For("orders");
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void A_watcher_opens_the_route_tap_and_closing_the_last_one_removes_it()
    {
        var taps = new MessageTaps();
        var first = taps.Watch("orders")!;
        var second = taps.Watch("ORDERS")!;
        Assert.NotNull(taps.For("orders"));
        Assert.Null(taps.For("other"));
        first.Dispose();
        Assert.NotNull(taps.For("orders"));
        second.Dispose();
        second.Dispose(); // twice is harmless
        Assert.Null(taps.For("orders"));
    }

    [Fact]
    public void No_more_than_MaxWatchers_watch_at_once()
    {
        var taps = new MessageTaps();
        var watchers = Enumerable.Range(0, MessageTaps.MaxWatchers).Select(i => taps.Watch($"r{i % 2}")).ToList();
        Assert.All(watchers, Assert.NotNull);
        Assert.Null(taps.Watch("r0"));
        watchers[0]!.Dispose();
        Assert.NotNull(taps.Watch("r0"));
    }

    [Fact]
    public void A_sampled_message_is_shown_received_after_each_step_converted_and_encoded_with_bodies_cut()
    {
        var taps = new MessageTaps(new TailLimits(MaxPerSecond: 1, MaxBodyBytes: 12, Pending: 64));
        using var watcher = taps.Watch("orders")!;
        var tap = taps.For("orders")!;
        var pipeline = Pipeline().Append("Upper", new UpperCaseConverter());
        var message = new Message(Encoding.UTF8.GetBytes("id,name\n1,ada\n"), FormatNames.Csv, "in") { Metadata = new Dictionary<string, string> { ["topic"] = "t" } };

        var outputs = tap.Run(pipeline, message, out var records);
        tap.OnEncoded("archive", new OutgoingMessage(outputs[0], Encoding.UTF8.GetBytes("1,ADA\n"), FormatNames.Csv));

        Assert.Equal(1, records);
        var samples = Drain(watcher);
        Assert.Equal(["received", "step", "converted", "encoded"], samples.Select(s => s.Stage));
        Assert.Equal("id,name\n1,ad", samples[0].Body);
        Assert.True(samples[0].Truncated);
        Assert.Equal(14, samples[0].Bytes);
        Assert.Equal((0, "Upper"), (samples[1].Step!.Value, samples[1].Name!));
        Assert.Equal("[{\"ID\":\"1\",\"", samples[1].Body);
        Assert.Equal(("archive", "1,ADA\n", false), (samples[3].Name!, samples[3].Body, samples[3].Truncated));
        Assert.All(samples, s => Assert.Equal((message.Id, "t"), (s.MessageId, s.Metadata["topic"])));
    }

    [Fact]
    public void At_most_MaxPerSecond_messages_a_second_are_sampled_and_only_their_encodings_shown()
    {
        var taps = new MessageTaps(new TailLimits(MaxPerSecond: 2, MaxBodyBytes: 64, Pending: 64));
        using var watcher = taps.Watch("orders")!;
        var tap = taps.For("orders")!;
        var messages = Enumerable.Range(0, 20).Select(i => new Message(Encoding.UTF8.GetBytes($"[{i}]"), FormatNames.Json, "in")).ToList();
        foreach (var message in messages)
        {
            var converted = tap.Run(Pipeline(), message, out _);
            tap.OnEncoded("archive", new OutgoingMessage(converted[0], converted[0].Body, FormatNames.Json));
        }

        // The loop takes far less than a second, so it spans at most two one-second windows.
        var samples = Drain(watcher);
        var sampled = samples.Where(s => s.Stage == "received").Select(s => s.MessageId).ToList();
        Assert.InRange(sampled.Count, 2, 4);
        Assert.Equal(sampled, samples.Where(s => s.Stage == "encoded").Select(s => s.MessageId));
    }

    [Fact]
    public void A_refused_message_is_shown_failed_and_the_error_still_reaches_the_route()
    {
        var taps = new MessageTaps();
        using var watcher = taps.Watch("orders")!;
        var message = new Message(Encoding.UTF8.GetBytes("id\n\"1\n"), FormatNames.Csv, "in");
        Assert.Throws<FormatReadException>(() => taps.For("orders")!.Run(Pipeline(), message, out _));
        var failed = Drain(watcher).Last();
        Assert.Equal("failed", failed.Stage);
        Assert.False(string.IsNullOrEmpty(failed.Error));
    }

    [Fact]
    public void A_slow_watcher_keeps_only_its_newest_samples()
    {
        var taps = new MessageTaps(new TailLimits(MaxPerSecond: 1000, MaxBodyBytes: 64, Pending: 4));
        using var watcher = taps.Watch("orders")!;
        var tap = taps.For("orders")!;
        for (var i = 0; i < 10; i++)
        {
            tap.Run(Pipeline(), new Message(Encoding.UTF8.GetBytes($"[{i}]"), FormatNames.Json, "in"), out _);
        }

        var samples = Drain(watcher);
        Assert.Equal(4, samples.Count);
        Assert.Equal("[9]", samples[^1].Body);
    }

    private static List<TailSample> Drain(TailSubscription watcher)
    {
        var samples = new List<TailSample>();
        while (watcher.Samples.TryRead(out var sample))
        {
            samples.Add(sample);
        }

        return samples;
    }

    private static ConverterPipeline Pipeline()
    {
        var formats = new FormatRegistry([new JsonFormat(), new CsvFormat()]);
        return ConverterPipeline.Empty(formats, new FormatOptions());
    }

    /// <summary>Upper-cases the canonical body (a step whose output is easy to tell from its input).</summary>
    private sealed class UpperCaseConverter : IMessageConverter
    {
        public void Convert(Message message, ICollection<Message> output)
            => output.Add(message.WithBody(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(message.Body.Span).ToUpperInvariant()), message.Format));
    }
}
