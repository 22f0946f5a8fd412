namespace Gateway.Core.Formats;

/// <summary>
/// Input that a format cannot decode (or a record a format cannot encode). The message says what is wrong;
/// <see cref="Location"/> says where, in the terms of the format (line and column, record number, JSON path).
/// </summary>
public class FormatReadException : Exception
{
    public FormatReadException()
    {
    }

    public FormatReadException(string message)
        : base(message)
    {
    }

    public FormatReadException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public FormatReadException(string message, string? location, Exception? innerException = null)
        : base(location is null ? message : $"{message} ({location})", innerException)
    {
        Location = location;
    }

    /// <summary>Where the problem is, for example <c>line 3, column 7</c> or <c>record 12</c>.</summary>
    public string? Location { get; }
}
