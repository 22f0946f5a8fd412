using Gateway.Core.Messages;

namespace Gateway.Core.Routing;

/// <summary>
/// Follows one received message through its routes and sinks and completes its <see cref="MessageReceipt"/>.
/// Each route holds one pending token until it has queued the message for all its sinks, so the receipt cannot
/// complete early; each sink delivery adds one more.
/// </summary>
internal sealed class DeliveryTracker
{
    private readonly TaskCompletionSource<int> _accepted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<DeliveryReport> _delivered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<DeliveryFailure> _failures = [];
    private int _routesToAccept;
    private int _pending;
    private int _deliveries;
    private int _records;
    private Exception? _rejection;

    public DeliveryTracker(Message message, int routes)
    {
        _routesToAccept = routes;
        _pending = routes;
        Receipt = new MessageReceipt(message.Id, _accepted.Task, _delivered.Task);

        // Inputs that do not care about conversion errors never look at Accepted; observe it so a fault is not reported as unobserved.
        _accepted.Task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public MessageReceipt Receipt { get; }

    /// <summary>A route converted the message into <paramref name="deliveries"/> sink deliveries.</summary>
    public void Accept(long records, int deliveries)
    {
        Interlocked.Add(ref _pending, deliveries);
        InterlockedMax(ref _records, (int)Math.Min(records, int.MaxValue));
        OnRouteAccepted();
    }

    /// <summary>A route could not convert the message; it was dead-lettered (or not, see <see cref="DeliveryFailure.DeadLetter"/>).</summary>
    public void Reject(Exception error, DeliveryFailure failure)
    {
        Interlocked.CompareExchange(ref _rejection, error, null);
        AddFailure(failure);
        OnRouteAccepted();
    }

    /// <summary>One sink delivery ended: <paramref name="failure"/> is null when the sink acknowledged it.</summary>
    public void Complete(DeliveryFailure? failure)
    {
        if (failure is null)
        {
            Interlocked.Increment(ref _deliveries);
        }
        else
        {
            AddFailure(failure);
        }

        Release();
    }

    private void OnRouteAccepted()
    {
        if (Interlocked.Decrement(ref _routesToAccept) == 0)
        {
            if (Volatile.Read(ref _rejection) is { } rejection)
            {
                _accepted.TrySetException(rejection);
            }
            else
            {
                _accepted.TrySetResult(Volatile.Read(ref _records));
            }
        }

        Release();
    }

    private void AddFailure(DeliveryFailure failure)
    {
        lock (_failures)
        {
            _failures.Add(failure);
        }
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _pending) == 0)
        {
            DeliveryFailure[] failures;
            lock (_failures)
            {
                failures = [.. _failures];
            }

            _delivered.TrySetResult(new DeliveryReport(Volatile.Read(ref _deliveries), failures));
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
