namespace Gateway.Transports.Http;

/// <summary>The HTTP method an <c>Http</c> sink sends each message with.</summary>
public enum HttpSinkMethod
{
    /// <summary><c>POST</c>, the default.</summary>
    Post,

    /// <summary><c>PUT</c>, for destinations that store each message at its own URL (<c>/orders/{field:/id}</c>).</summary>
    Put,
}
