namespace Gateway.Core.Routing;

/// <summary>
/// What an input gets back for a message it dispatched: the records its body held, <see cref="Committed"/> once
/// every route stored it (the moment to acknowledge the sender), and, when asked for, <see cref="Delivered"/> once
/// every sink acknowledged it or it was dead-lettered.
/// </summary>
public sealed class MessageReceipt
{
    private static readonly Task<DeliveryReport> NotTracked = Task.FromException<DeliveryReport>(
        new InvalidOperationException("Delivery was not tracked for this message; dispatch it with DispatchOptions.TrackDelivery."));

    /// <summary>Creates a receipt; the engine does, and test doubles of <see cref="IMessageDispatcher"/> may.</summary>
    public MessageReceipt(Guid id, int records, Task committed, Task<DeliveryReport>? delivered = null)
    {
        Id = id;
        Records = records;
        Committed = committed ?? throw new ArgumentNullException(nameof(committed));
        Delivered = delivered ?? NotTracked;
    }

    public Guid Id { get; }

    /// <summary>The records in the body (counted when the routes decoded it; the most over several routes).</summary>
    public int Records { get; }

    /// <summary>Completes once the message is durable in every route's log; faults when the gateway stopped before.</summary>
    public Task Committed { get; }

    /// <summary>With <see cref="DispatchOptions.TrackDelivery"/>: completes (never faults) when every sink of every route acknowledged the message or gave up on it.</summary>
    public Task<DeliveryReport> Delivered { get; }
}
