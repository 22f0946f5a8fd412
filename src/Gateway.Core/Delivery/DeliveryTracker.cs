using Gateway.Core.Routing;

namespace Gateway.Core.Delivery;

/// <summary>
/// Follows one message through every sink delivery it became (its routes' outputs times their sinks) for a caller that
/// waits for them (<c>?wait=true</c>); inputs that acknowledge on commit create none.
/// </summary>
internal sealed class DeliveryTracker
{
    private readonly TaskCompletionSource<DeliveryReport> _delivered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<DeliveryFailure> _failures = [];
    private int _pending;
    private int _deliveries;

    /// <summary>Expects <paramref name="deliveries"/> outcomes; with none (a filter dropped everything) it is complete at once.</summary>
    public DeliveryTracker(int deliveries)
    {
        _pending = deliveries;
        if (deliveries == 0)
        {
            _delivered.TrySetResult(new DeliveryReport(0, []));
        }
    }

    public Task<DeliveryReport> Delivered => _delivered.Task;

    /// <summary>One delivery ended: <paramref name="failure"/> is null when the sink acknowledged it.</summary>
    public void Complete(DeliveryFailure? failure)
    {
        if (failure is null)
        {
            Interlocked.Increment(ref _deliveries);
        }
        else
        {
            lock (_failures)
            {
                _failures.Add(failure);
            }
        }

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
}
