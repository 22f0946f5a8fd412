namespace Gateway.Formats.Xml;

/// <summary>
/// Thrown by <see cref="XmlReadLimitStream"/> through the XML parser; <see cref="XmlRecordReader"/> turns it into a
/// <c>FormatReadException</c> with the parser's position.
/// </summary>
internal sealed class XmlReadLimitExceededException : Exception
{
    public XmlReadLimitExceededException()
        : base("The input exceeded the per-record size limit.")
    {
    }

    public XmlReadLimitExceededException(string message)
        : base(message)
    {
    }

    public XmlReadLimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
