namespace Gateway.Transports.Tcp;

/// <summary>
/// The bytes on a connection cannot be a frame of the configured framing (too long, a malformed octet count, a length
/// prefix out of range). The stream cannot be resynchronized after that, so the input closes the connection.
/// </summary>
public sealed class InvalidFrameException : Exception
{
    public InvalidFrameException()
    {
    }

    public InvalidFrameException(string message)
        : base(message)
    {
    }

    public InvalidFrameException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
