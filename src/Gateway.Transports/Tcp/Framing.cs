namespace Gateway.Transports.Tcp;

/// <summary>How a TCP byte stream is cut into messages (and how a sink writes them).</summary>
public enum Framing
{
    /// <summary>Each line is a message: it ends with LF, a CR before the LF is dropped, empty lines are skipped.</summary>
    NewLine,

    /// <summary>Each message ends with <see cref="TcpFramingOptions.FrameDelimiter"/>, any byte sequence.</summary>
    Delimiter,

    /// <summary>Each message follows a binary length of <see cref="TcpFramingOptions.LengthPrefixBytes"/> bytes.</summary>
    LengthPrefix,

    /// <summary>RFC 6587 octet counting: the length in decimal digits, a space, then the message (<c>5 hello</c>).</summary>
    OctetCounting,
}
