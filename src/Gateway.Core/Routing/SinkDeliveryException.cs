namespace Gateway.Core.Routing;

/// <summary>
/// A sink could not deliver a message. <see cref="IsTransient"/> says whether trying again may help (connection
/// refused, timeout, HTTP 503) or not (HTTP 400: the destination refuses this message, so it goes straight to the
/// dead letters).
/// </summary>
public sealed class SinkDeliveryException : Exception
{
    public SinkDeliveryException()
    {
    }

    public SinkDeliveryException(string message)
        : base(message)
    {
    }

    public SinkDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SinkDeliveryException(string message, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        IsTransient = isTransient;
    }

    public bool IsTransient { get; init; } = true;

    /// <summary>How long the destination asked to wait before the next attempt (HTTP <c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
