using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Gateway.Core.Messages;
using Gateway.Core.Routing;

namespace Gateway.Tests.Transports.Mqtt;

/// <summary>
/// A dispatcher that records messages and lets the test decide when each is stored: with
/// <see cref="HoldDeliveries"/> on, <see cref="MessageReceipt.Committed"/> completes only on <see cref="ReleaseAll"/>.
/// </summary>
internal sealed class FakeDispatcher : IMessageDispatcher
{
    private readonly Channel<Message> _received = Channel.CreateUnbounded<Message>();
    private readonly ConcurrentQueue<TaskCompletionSource<DeliveryReport>> _held = new();
    private readonly TaskCompletionSource _firstArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _failNext;

    public bool HoldDeliveries { get; set; }

    /// <summary>When set, DispatchAsync waits on it before queuing (a full route).</summary>
    public TaskCompletionSource? Gate { get; set; }

    public ConcurrentQueue<Message> All { get; } = new();

    /// <summary>When set, the next dispatch throws it (once) and takes nothing.</summary>
    public Exception? FailNextDispatch
    {
        get => Volatile.Read(ref _failNext);
        set => Volatile.Write(ref _failNext, value);
    }

    /// <summary>When set, every commit fails with it (the route logs could not store the message).</summary>
    public Exception? FailCommits { get; set; }

    /// <summary>Completes when the first message reached <see cref="DispatchAsync"/>, before it waits on <see cref="Gate"/>.</summary>
    public Task FirstArrived => _firstArrived.Task;

    public async ValueTask<MessageReceipt> DispatchAsync(Message message, CancellationToken cancellationToken)
    {
        _firstArrived.TrySetResult();
        if (Interlocked.Exchange(ref _failNext, null) is { } failure)
        {
            throw failure;
        }

        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        return Accept(message);
    }

    public bool TryDispatch(Message message, DispatchOptions options, [NotNullWhen(true)] out MessageReceipt? receipt, out string? refusal)
    {
        _firstArrived.TrySetResult();
        refusal = null;
        receipt = Accept(message);
        return true;
    }

    /// <summary>The next message handed over, or a failure after <paramref name="timeout"/>.</summary>
    public async Task<Message> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            return await _received.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("no message was dispatched in time");
        }
    }

    /// <summary>
    /// True when no message arrives within <paramref name="wait"/>. Only where no later message can serve as a marker
    /// (everything behind is held back on purpose).
    /// </summary>
    public async Task<bool> NothingWithinAsync(TimeSpan wait)
    {
        using var cts = new CancellationTokenSource(wait);
        try
        {
            await _received.Reader.WaitToReadAsync(cts.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    /// <summary>The body of the next message handed over, as text.</summary>
    public async Task<string> NextBodyAsync() => System.Text.Encoding.UTF8.GetString((await NextAsync()).Body.Span);

    public void ReleaseAll()
    {
        while (_held.TryDequeue(out var delivery))
        {
            delivery.TrySetResult(new DeliveryReport(1, []));
        }
    }

    private MessageReceipt Accept(Message message)
    {
        All.Enqueue(message);
        _received.Writer.TryWrite(message);
        var delivered = new TaskCompletionSource<DeliveryReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (HoldDeliveries)
        {
            _held.Enqueue(delivered);
        }
        else
        {
            delivered.SetResult(new DeliveryReport(1, []));
        }

        var committed = FailCommits is { } failed ? Task.FromException(failed) : delivered.Task;
        return new MessageReceipt(message.Id, 1, committed, delivered.Task);
    }
}
