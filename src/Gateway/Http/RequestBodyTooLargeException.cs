namespace Gateway.Http;

/// <summary>A request body went past <c>Gateway:Http:MaxBodyBytes</c>; answered with 413.</summary>
internal sealed class RequestBodyTooLargeException : IOException
{
    public RequestBodyTooLargeException()
    {
    }

    public RequestBodyTooLargeException(string message)
        : base(message)
    {
    }

    public RequestBodyTooLargeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public RequestBodyTooLargeException(long limit)
        : base($"The request body is larger than the limit of {limit} bytes.")
    {
        Limit = limit;
    }

    /// <summary>The limit in bytes.</summary>
    public long Limit { get; }
}
