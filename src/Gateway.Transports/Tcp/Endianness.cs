namespace Gateway.Transports.Tcp;

/// <summary>The byte order of a binary length prefix.</summary>
public enum Endianness
{
    /// <summary>Most significant byte first (network byte order).</summary>
    Big,

    /// <summary>Least significant byte first.</summary>
    Little,
}
