namespace Gateway.Core.Routing;

/// <summary>How an input wants a message taken (<see cref="IMessageDispatcher"/>).</summary>
[Flags]
public enum DispatchOptions
{
    None = 0,

    /// <summary>The caller waits for every sink (<c>?wait=true</c>): <see cref="MessageReceipt.Delivered"/> reports it.</summary>
    TrackDelivery = 1,

    /// <summary>
    /// The caller can tell its sender (HTTP 400/422): a body that does not decode or that a converter refuses is thrown
    /// back and not stored. Without it the message is stored and dead-lettered.
    /// </summary>
    RefuseInvalid = 2,
}
