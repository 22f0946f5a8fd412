using System.Diagnostics;
using Gateway.Core.Diagnostics;
using Gateway.Core.Log;
using Gateway.Core.Routing;
using Microsoft.Extensions.Logging;

namespace Gateway.Core.Delivery;

/// <summary>
/// One sink of one route: reads the route's log at the sink's own cursor, encodes, sends (a batch to a batching sink,
/// else one by one with retries), dead-letters what fails for good, and moves the cursor past what is done. A stop
/// leaves the cursor at the first message not done, so a restart sends it again (at least once).
/// </summary>
internal sealed class SinkReader(RouteLog log, GatewayBuffer buffer, string routeId, SinkSender sender, SinkEncoder encoder, FailureHandler failures, bool deadLettersConversionFailures, ILogger logger)
{
    /// <summary>The most messages handed to a batching sink at once.</summary>
    private const int MaxBatch = 256;

    private static readonly TimeSpan FirstDeadLetterRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastDeadLetterRetry = TimeSpan.FromSeconds(30);

    private readonly TagList _delivered = new() { { "route", routeId }, { "sink", sender.Id }, { "outcome", "delivered" } };
    private readonly TagList _failed = new() { { "route", routeId }, { "sink", sender.Id }, { "outcome", "failed" } };
    private LogPosition _position;

    public string SinkId => sender.Id;

    /// <summary>Messages in the log this sink has not done yet.</summary>
    public long Unread => log.Unread(sender.Id);

    /// <summary>Delivers until <paramref name="stop"/> fires; then returns (the cursor stays where it is).</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        _position = log.CursorOf(sender.Id, buffer.NextGroupId);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var published = log.Published;
                if (!log.TryNext(_position, out var group, out var start))
                {
                    await published.WaitAsync(stop).ConfigureAwait(false);
                    continue;
                }

                var entries = buffer.Load(group);
                var end = Math.Min(group.Count, start + MaxBatch);
                await DeliverAsync(group.Id, entries, start, end, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping: what is not done stays in the log.
        }
#pragma warning disable CA1031 // A reader must not die silently: it says why, waits, and reads again from its cursor.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            DeliveryLog.ReaderFailed(logger, ex, routeId, sender.Id);
            await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None).ConfigureAwait(false);
            await RunAsync(stop).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Dead-letters everything this sink has not done (a memory buffer that is stopping: nothing would send it again).
    /// </summary>
    public async Task DeadLetterRestAsync()
    {
        while (log.TryNext(_position, out var group, out var start))
        {
            var entries = buffer.Load(group);
            for (var i = start; i < group.Count; i++)
            {
                var entry = entries[i];
                if (Skips(entry))
                {
                    continue;
                }

                const string Error = "the gateway stopped before the sink acknowledged the message";
                try
                {
                    var outcome = await failures.HandleAsync(entry.Message, entry.ConversionError is null ? sender : null, entry.ConversionError is null ? "send" : "convert", entry.ConversionError ?? Error, CancellationToken.None).ConfigureAwait(false);
                    entry.Tracker?.Complete(outcome);
                }
                catch (IOException ex)
                {
                    DeliveryLog.LostFromMemory(logger, routeId, entry.Message.Id, entry.Message.InputId, sender.Id, ex.Message);
                    entry.Tracker?.Complete(new DeliveryFailure(routeId, sender.Id, "send", Error, null));
                }
            }

            Done(group.Id, group.Count);
        }
    }

    private bool Skips(LogEntry entry) =>
        (entry.OnlySink is { } only && !string.Equals(only, sender.Id, StringComparison.OrdinalIgnoreCase))
        || (entry.ConversionError is not null && !deadLettersConversionFailures);

    private void Done(long group, int index)
    {
        _position = new LogPosition(group, index);
        log.Advance(sender.Id, _position);
    }

    private async Task DeliverAsync(long group, LogEntry[] entries, int start, int end, CancellationToken stop)
    {
        var batch = new List<(LogEntry Entry, OutgoingMessage Outgoing)>(end - start);
        for (var i = start; i < end; i++)
        {
            var entry = entries[i];
            if (Skips(entry))
            {
                continue;
            }

            if (entry.ConversionError is { } conversionError)
            {
                var outcome = await FailAsync(entry, null, "convert", conversionError, stop).ConfigureAwait(false);
                entry.Tracker?.Complete(outcome);
                continue;
            }

            try
            {
                batch.Add((entry, encoder.Encode(entry.Message)));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                var outcome = await FailAsync(entry, sender, "encode", SinkSender.Describe(ex), stop).ConfigureAwait(false);
                entry.Tracker?.Complete(outcome);
            }
        }

        if (batch.Count > 1 && sender.CanBatch && await TrySendBatchAsync(batch, stop).ConfigureAwait(false))
        {
            Done(group, end);
            return;
        }

        // One by one, with retries, so each gets its own outcome and the cursor moves past each as it is done.
        var next = 0;
        for (var i = start; i < end; i++)
        {
            if (next < batch.Count && ReferenceEquals(batch[next].Entry.Message, entries[i].Message))
            {
                var (entry, outgoing) = batch[next++];
                var outcome = await SendAsync(entry, outgoing, stop).ConfigureAwait(false);
                entry.Tracker?.Complete(outcome);
            }

            Done(group, i + 1);
        }
    }

    private async Task<bool> TrySendBatchAsync(List<(LogEntry Entry, OutgoingMessage Outgoing)> batch, CancellationToken stop)
    {
        var started = Stopwatch.GetTimestamp();
        bool sent;
        using (SinkActivity.StartBatch(routeId, sender.Id, batch.Select(b => b.Outgoing.Canonical)))
        {
            sent = await sender.TrySendBatchAsync([.. batch.Select(b => b.Outgoing)], stop).ConfigureAwait(false);
        }

        stop.ThrowIfCancellationRequested();
        if (sent)
        {
            // One send carried the whole batch: each message waited for all of it.
            var seconds = GatewayInstruments.SecondsSince(started);
            foreach (var (entry, _) in batch)
            {
                GatewayInstruments.SinkDuration.Record(seconds, _delivered);
                entry.Tracker?.Complete(null);
            }
        }

        return sent;
    }

    private async Task<DeliveryFailure?> SendAsync(LogEntry entry, OutgoingMessage outgoing, CancellationToken stop)
    {
        using var activity = SinkActivity.Start(routeId, sender.Id, outgoing.Canonical);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await sender.SendAsync(outgoing, stop).ConfigureAwait(false);
            GatewayInstruments.SinkDuration.Record(GatewayInstruments.SecondsSince(started), _delivered);
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !stop.IsCancellationRequested)
        {
            GatewayInstruments.SinkDuration.Record(GatewayInstruments.SecondsSince(started), _failed);
            var error = SinkSender.Describe(ex);
            SinkActivity.Failed(activity, error);
            if (ex is not SinkDeliveryException { IsTransient: false })
            {
                // Unreachable or not answering; a sink that refuses one message is still reachable.
                sender.Counters.OnAttemptFailed(error);
            }

            return await FailAsync(entry, sender, "send", error, stop).ConfigureAwait(false);
        }
    }

    /// <summary>Dead-letters the entry; while that is impossible, waits and tries again (the log holds the message and pushes back).</summary>
    private async Task<DeliveryFailure> FailAsync(LogEntry entry, SinkSender? sink, string stage, string error, CancellationToken stop)
    {
        var delay = FirstDeadLetterRetry;
        while (true)
        {
            try
            {
                return await failures.HandleAsync(entry.Message, sink, stage, error, stop).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                DeliveryLog.DeadLetterUnavailable(logger, routeId, entry.Message.Id, entry.Message.InputId, sink?.Id ?? DeliveryLog.NoSink, delay, ex.Message);
                await Task.Delay(delay, stop).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LastDeadLetterRetry.Ticks));
            }
        }
    }
}
