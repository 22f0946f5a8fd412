namespace Gateway.Core.Routing;

/// <summary>
/// What an input gets back for a queued message: <see cref="Accepted"/> once its routes decoded and converted it,
/// <see cref="Delivered"/> once every sink acknowledged it or gave up on it (dead-lettered).
/// </summary>
public sealed class MessageReceipt
{
    /// <summary>Creates a receipt; the engine does, and test doubles of <see cref="IMessageDispatcher"/> may.</summary>
    public MessageReceipt(Guid id, Task<int> accepted, Task<DeliveryReport> delivered)
    {
        Id = id;
        Accepted = accepted;
        Delivered = delivered;
    }

    public Guid Id { get; }

    /// <summary>
    /// The number of records in the body, once every route decoded it and ran its converters. Faults with the
    /// conversion error (<see cref="Formats.FormatReadException"/>, <see cref="Converters.ConverterException"/>) when
    /// the message could not be converted; it was dead-lettered.
    /// </summary>
    public Task<int> Accepted { get; }

    /// <summary>Completes (never faults) when every sink of every route acknowledged the message or gave up on it.</summary>
    public Task<DeliveryReport> Delivered { get; }
}
