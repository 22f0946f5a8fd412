using Gateway.Core.Configuration;

namespace Gateway.Cli;

/// <summary>Writes CLI errors the one way: <c>gateway &lt;verb&gt;: &lt;what is wrong&gt;</c>, one line each, no stack traces.</summary>
internal static class CliOutput
{
    public static void Error(TextWriter stderr, string verb, string message)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        stderr.WriteLine($"gateway {verb}: {OneLine(message)}");
        stderr.Flush();
    }

    public static int ConfigurationErrors(TextWriter stderr, string verb, GatewayConfigurationException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return ConfigurationErrors(stderr, verb, exception.Errors.Count > 0 ? exception.Errors : [exception.Message]);
    }

    public static int ConfigurationErrors(TextWriter stderr, string verb, IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Error(stderr, verb, $"the configuration is invalid ({errors.Count} {(errors.Count == 1 ? "problem" : "problems")}):");
        foreach (var error in errors)
        {
            Error(stderr, verb, error);
        }

        return ExitCodes.Failed;
    }

    public static string OneLine(string text) =>
        string.Join(' ', (text ?? string.Empty).Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
