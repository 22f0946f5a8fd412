namespace Gateway.Core.Configuration;

/// <summary>Invalid configuration. <see cref="Errors"/> lists every problem, each prefixed with its config path.</summary>
public class GatewayConfigurationException : Exception
{
    public GatewayConfigurationException()
    {
    }

    public GatewayConfigurationException(string message)
        : this([message])
    {
    }

    public GatewayConfigurationException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public GatewayConfigurationException(IReadOnlyList<string> errors)
        : base("Invalid gateway configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<string> Errors { get; } = [];
}
