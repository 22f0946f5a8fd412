namespace Gateway.Core.Converters;

/// <summary>A message a converter step could not convert; the text says what and where (record, JSON path).</summary>
public class ConverterException : Exception
{
    public ConverterException()
    {
    }

    public ConverterException(string message)
        : base(message)
    {
    }

    public ConverterException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
