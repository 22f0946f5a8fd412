using System.Threading.Channels;
using Gateway.Core.Messages;
using Gateway.Core.Routing;

namespace Gateway.Transports.Acknowledgements;

/// <summary>
/// Hands a broker input's messages to the routes, every message already received as one batch, and acknowledges
/// them to the broker only once every sink of their routes took them or dead-lettered them
/// (<see cref="IMessageDispatcher.DispatchBatchUntilDeliveredAsync"/>). Until then the broker keeps each message and
/// gives it to another consumer when this gateway dies, so the broker, not this gateway's log, answers for it. The
/// broker's own bound on unacknowledged messages (JetStream <c>MaxAckPending</c>, AMQP prefetch) bounds what waits
/// here. The client library's receive loop only queues here, so a slow route never holds it up. The pump also runs
/// the input's receive loop and owns the stop signal both share, so the inputs share one start, stop and dispose.
/// </summary>
/// <typeparam name="T">The client library's received message.</typeparam>
internal sealed class DeliveredAcknowledgementPump<T> : IAsyncDisposable
{
    /// <summary>How long <see cref="DisposeAsync"/> waits for acknowledgements still due.</summary>
    private static readonly TimeSpan DisposeGrace = TimeSpan.FromSeconds(5);

    /// <summary>The most messages dispatched as one batch.</summary>
    private const int MaxBatch = 256;

    private readonly InputContext _context;
    private readonly Func<T, Message> _toMessage;
    private readonly Func<IReadOnlyList<T>, Task> _acknowledge;
    private readonly Action<Exception> _failed;
    private readonly Channel<T> _queue;
    private readonly CancellationTokenSource _stopping = new();
    private Task _lastAck = Task.CompletedTask;
    private Task? _dispatching;
    private Task? _receiving;

    /// <param name="context">The input's context: its dispatcher and logger.</param>
    /// <param name="capacity">How many received messages may wait here (the broker's in-flight bound).</param>
    /// <param name="toMessage">Turns a received message into a gateway message.</param>
    /// <param name="acknowledge">Acknowledges delivered messages to the broker; a failure is reported to <paramref name="failed"/>.</param>
    /// <param name="failed">Reports a batch that could not be handed over or acknowledged: the broker redelivers it.</param>
    public DeliveredAcknowledgementPump(InputContext context, int capacity, Func<T, Message> toMessage, Func<IReadOnlyList<T>, Task> acknowledge, Action<Exception> failed)
    {
        _context = context;
        _toMessage = toMessage;
        _acknowledge = acknowledge;
        _failed = failed;
        _queue = Channel.CreateBounded<T>(new BoundedChannelOptions(Math.Max(1, capacity)) { SingleReader = true, SingleWriter = false });
    }

    /// <summary>Cancelled once the input stops taking messages.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Completes when every acknowledgement due so far was sent or given up.</summary>
    public Task PendingAcknowledgements => Volatile.Read(ref _lastAck);

    /// <summary>Starts dispatching, and <paramref name="receive"/> (the input's loop that connects and enqueues) until <see cref="Stopping"/>; a second call does nothing.</summary>
    public void Start(Func<CancellationToken, Task> receive)
    {
        _dispatching ??= Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        _receiving ??= Task.Run(() => receive(_stopping.Token), CancellationToken.None);
    }

    /// <summary>Stops taking messages and waits for both loops; what was handed over is still acknowledged once delivered.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_dispatching ?? Task.CompletedTask, _receiving ?? Task.CompletedTask).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops, then waits up to 5 seconds for the acknowledgements still due, before the input closes its connection.
    /// What is still unacknowledged after that the broker delivers again.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await PendingAcknowledgements.WaitAsync(DisposeGrace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Left to the broker's redelivery.
        }

        _stopping.Dispose();
    }

    /// <summary>Queues a received message; waits while the queue is full.</summary>
    public ValueTask EnqueueAsync(T received, CancellationToken stopping) => _queue.Writer.WriteAsync(received, stopping);

    /// <summary>
    /// Dispatches queued messages until <paramref name="stopping"/>, every message already received as one batch;
    /// those still queued then are neither handed over nor acknowledged (the broker redelivers them).
    /// </summary>
    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                var received = new List<T>(Math.Min(MaxBatch, _queue.Reader.Count));
                var messages = new List<Message>(received.Capacity);
                while (received.Count < MaxBatch && _queue.Reader.TryRead(out var item))
                {
                    received.Add(item);
                    messages.Add(_toMessage(item));
                }

                try
                {
                    var delivered = await _context.Dispatcher.DispatchBatchUntilDeliveredAsync(messages, stopping).ConfigureAwait(false);
                    _lastAck = AcknowledgeWhenDeliveredAsync(_lastAck, delivered, received);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    // One batch must not end the pump; its messages stay unacknowledged and come again.
                    _failed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task AcknowledgeWhenDeliveredAsync(Task previous, Task delivered, List<T> received)
    {
        try
        {
            await delivered.ConfigureAwait(false);
            await _acknowledge(received).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _failed(ex);
        }

        // Chained, so that PendingAcknowledgements covers every batch before this one too.
        await previous.ConfigureAwait(false);
    }
}
