namespace Gateway.Transports.Tls;

/// <summary>Whether a TLS listener asks its clients for a certificate.</summary>
public enum ClientCertificateMode
{
    /// <summary>No client certificate is asked for.</summary>
    None,

    /// <summary>A client may present one; when it does, it must be valid.</summary>
    Allow,

    /// <summary>Every client must present a valid certificate, or the handshake fails.</summary>
    Require,
}
