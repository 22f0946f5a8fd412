namespace Gateway.Core.Converters;

/// <summary>A well-formed message that failed validation (a schema); HTTP answers it with 422.</summary>
public class MessageValidationException : ConverterException
{
    public MessageValidationException()
    {
    }

    public MessageValidationException(string message)
        : base(message)
    {
    }

    public MessageValidationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public MessageValidationException(string message, IReadOnlyList<string> errors)
        : base(errors.Count == 0 ? message : $"{message}: {string.Join("; ", errors)}")
    {
        Errors = errors;
    }

    /// <summary>Each validation error with its location.</summary>
    public IReadOnlyList<string> Errors { get; } = [];
}
