using System.Diagnostics;
using Gateway.Core.DeadLetters;
using Gateway.Core.Diagnostics;
using Gateway.Core.Log;
using Gateway.Core.Messages;
using Gateway.Core.Observation;
using Gateway.Core.Routing;
using Microsoft.Extensions.Logging;

namespace Gateway.Core.Delivery;

/// <summary>
/// One sink of one route: reads the route's log from the sink's own cursor, encodes, sends (a batch to a batching sink,
/// else one by one with retries), dead-letters what fails for good, and moves the cursor past what is done. Up to
/// <see cref="SinkSender.MaxInFlightBatches"/> batches are outstanding at once (a broker sink waits for their
/// acknowledgements together); reading and encoding stay on the reader's one loop, and the cursor moves only over
/// the done prefix (<see cref="DeliveryWindow"/>). A stop leaves the cursor at the first message not done, so a
/// restart sends it again (at least once).
/// </summary>
internal sealed class SinkReader(RouteLog log, GatewayBuffer buffer, string routeId, SinkSender sender, SinkEncoder encoder, FailureHandler failures, bool deadLettersConversionFailures, ILogger logger)
{
    /// <summary>The most messages handed to a batching sink at once.</summary>
    private const int MaxBatch = 256;

    private static readonly TimeSpan FirstDeadLetterRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastDeadLetterRetry = TimeSpan.FromSeconds(30);

    private readonly TagList _delivered = new() { { "route", routeId }, { "sink", sender.Id }, { "outcome", "delivered" } };
    private readonly TagList _failed = new() { { "route", routeId }, { "sink", sender.Id }, { "outcome", "failed" } };
    /// <summary>The cursor: everything before it is done.</summary>
    private LogPosition _position;

    /// <summary>Where the next batch starts (ahead of the cursor while batches are outstanding).</summary>
    private LogPosition _read;

    /// <summary>
    /// The last group read back from the store (it was no longer in memory): a group holds more messages than one
    /// batch, and decoding it again for every batch would cost a slow sink several decodes of each message.
    /// </summary>
    private (LogGroup? Group, LogEntry[]? Entries) _loaded;

    public string SinkId => sender.Id;

    /// <summary>The paused sinks: this reader waits while its sink is one (null in tests that build a reader by hand).</summary>
    public SinkPauses? Pauses { get; init; }

    /// <summary>The live tails, shown how sampled messages were encoded.</summary>
    public MessageTaps? Taps { get; init; }

    /// <summary>True while an admin paused this reader's sink.</summary>
    public bool Paused => Pauses?.IsPaused(sender.Id) == true;

    /// <summary>Messages in the log this sink has not done yet.</summary>
    public long Unread => log.Unread(sender.Id);

    /// <summary>
    /// Takes the sink's cursor, or gives a sink new to the route one at the end of the log (it gets what is committed
    /// from now on). Called when the route is created and again right before <see cref="RunAsync"/>, synchronously, so
    /// that no message committed in between is skipped and a replaced reader's last moves are seen.
    /// </summary>
    public void Attach() => _position = log.CursorOf(sender.Id, buffer.NextGroupId);

    /// <summary>Delivers from the attached cursor until <paramref name="stop"/> fires; then returns once no batch is outstanding (the cursor stays where it is).</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var window = new DeliveryWindow(sender.MaxInFlightBatches, _position, Done);
        var running = new List<Task>();
        _read = _position;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (Paused)
                {
                    await Pauses!.WhenResumed(sender.Id).WaitAsync(stop).ConfigureAwait(false);
                    continue;
                }

                if (!window.HasRoom(out var freed))
                {
                    await freed.WaitAsync(stop).ConfigureAwait(false);
                    continue;
                }

                var published = log.Published;
                var items = Next();
                if (items.Count == 0)
                {
                    await published.WaitAsync(stop).ConfigureAwait(false);
                    continue;
                }

                var batch = new SinkBatch(_read, await PrepareAsync(items, stop).ConfigureAwait(false));
                _read = batch.End;
                window.Add(batch);
                running.RemoveAll(t => t.IsCompleted);
                running.Add(DeliverAsync(batch, window, stop));
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Stopping: what is not done stays in the log.
            }
#pragma warning disable CA1031 // A reader must not die silently: it says why, waits, and reads again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                DeliveryLog.ReaderFailed(logger, ex, routeId, sender.Id);
                await Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(1), stop)).ConfigureAwait(false); // a stop ends the wait
            }
        }

        // The outstanding batches end at the stop; the cursor is final once they did.
        await Task.WhenAll(running).ConfigureAwait(false);
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

            Done(group.End);
        }
    }

    /// <summary>Up to <see cref="MaxBatch"/> messages from the end of the last batch on, across as many commit groups as it takes.</summary>
    private List<(LogPosition After, LogEntry Entry)> Next()
    {
        var batch = new List<(LogPosition After, LogEntry Entry)>();
        var position = _read;
        while (batch.Count < MaxBatch && log.TryNext(position, out var group, out var start))
        {
            var entries = Load(group);
            var end = Math.Min(group.Count, start + MaxBatch - batch.Count);
            for (var i = start; i < end; i++)
            {
                batch.Add((new LogPosition(group.Id, i + 1), entries[i]));
            }

            position = new LogPosition(group.Id, end);
        }

        return batch;
    }

    private LogEntry[] Load(LogGroup group)
    {
        if (group.Entries is { } entries)
        {
            _loaded = default;
            return entries;
        }

        if (!ReferenceEquals(_loaded.Group, group))
        {
            _loaded = (group, buffer.Load(group));
        }

        return _loaded.Entries!;
    }

    private bool Skips(LogEntry entry) =>
        (entry.OnlySink is { } only && !string.Equals(only, sender.Id, StringComparison.OrdinalIgnoreCase))
        || (entry.ConversionError is not null && !deadLettersConversionFailures)
        || (!sender.TakesStreams && StreamEnd.IsMarker(entry.Message));

    private void Done(LogPosition after)
    {
        _position = after; // by one batch at a time (the window's lock), read only while none is outstanding
        log.Advance(sender.Id, after);
    }

    /// <summary>
    /// On the reader's loop: what to send for each entry, encoded (the encoder serves one message at a time); entries
    /// this sink skips get nothing, and conversion or encoding failures are dead-lettered here, in log order.
    /// </summary>
    private async Task<List<(LogPosition After, LogEntry Entry, OutgoingMessage? Outgoing)>> PrepareAsync(List<(LogPosition After, LogEntry Entry)> items, CancellationToken stop)
    {
        var prepared = new List<(LogPosition After, LogEntry Entry, OutgoingMessage? Outgoing)>(items.Count);
        foreach (var (after, entry) in items)
        {
            prepared.Add((after, entry, await PrepareAsync(entry, stop).ConfigureAwait(false)));
        }

        return prepared;
    }

    private async Task<OutgoingMessage?> PrepareAsync(LogEntry entry, CancellationToken stop)
    {
        if (Skips(entry))
        {
            if (StreamEnd.IsMarker(entry.Message))
            {
                entry.Tracker?.Complete(null); // Nothing to deliver to a sink that does not write whole streams.
            }

            return null;
        }

        if (entry.ConversionError is { } conversionError)
        {
            // Not inside `Tracker?.Complete(...)`: that would skip the dead letter itself for a message nobody waits for.
            var failed = await FailAsync(entry, null, "convert", conversionError, stop).ConfigureAwait(false);
            entry.Tracker?.Complete(failed);
            return null;
        }

        try
        {
            var outgoing = sender.TakesStreams ? new OutgoingMessage(entry.Message, entry.Message.Body, entry.Message.Format) : encoder.Encode(entry.Message);
            Taps?.For(routeId)?.OnEncoded(sender.Id, outgoing);
            return outgoing;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var failed = await FailAsync(entry, sender, "encode", SinkSender.Describe(ex), stop).ConfigureAwait(false);
            entry.Tracker?.Complete(failed);
            return null;
        }
    }

    /// <summary>Sends one batch until it is done or the reader stops; an unexpected failure is said and tried again from where the batch got.</summary>
    private async Task DeliverAsync(SinkBatch batch, DeliveryWindow window, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await SendAsync(batch, window, stop).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Stopping: what is not done stays in the log.
            }
#pragma warning disable CA1031 // A batch must not fail silently: it says why, waits, and goes on from where it got.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                DeliveryLog.ReaderFailed(logger, ex, routeId, sender.Id);
                await Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(1), stop)).ConfigureAwait(false); // a stop ends the wait
            }
        }
    }

    private async Task SendAsync(SinkBatch batch, DeliveryWindow window, CancellationToken stop)
    {
        var outgoing = batch.Items.Where(i => i.Outgoing is not null).Select(i => (i.Entry, Outgoing: i.Outgoing!)).ToList();
        if (!batch.TriedWhole && outgoing.Count > 1 && sender.CanBatch)
        {
            batch.TriedWhole = true;
            if (await TrySendBatchAsync(outgoing, stop).ConfigureAwait(false))
            {
                window.Report(batch, batch.End, finished: true);
                return;
            }
        }

        // One by one, with retries, so each gets its own outcome and the cursor can move past each as it is done.
        for (; batch.Next < batch.Items.Count; batch.Next++)
        {
            var (after, entry, message) = batch.Items[batch.Next];
            if (message is not null)
            {
                var outcome = await SendAsync(entry, message, stop).ConfigureAwait(false); // not inside Tracker?.(): see above
                entry.Tracker?.Complete(outcome);
            }

            window.Report(batch, after, finished: false);
        }

        window.Report(batch, batch.End, finished: true);
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
