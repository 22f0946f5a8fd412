using System.Text.Json;

namespace Gateway.Hosting;

/// <summary>
/// Says why a configuration file cannot be read, with the 1-based line and column of a JSON syntax error (the JSON
/// reader counts from 0, and the configuration provider hides its error behind "Could not parse the JSON file").
/// </summary>
internal static class ConfigurationFileErrors
{
    /// <summary>Parses <paramref name="configFile"/> as the configuration provider does; throws <see cref="JsonException"/> when it cannot.</summary>
    public static void CheckSyntax(string configFile)
    {
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        using var document = JsonDocument.Parse(File.ReadAllBytes(configFile), options);
    }

    public static string Describe(string configFile, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is JsonException { LineNumber: { } line } json)
            {
                var message = json.Message;
                var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
                message = (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
                return $"{configFile}: line {line + 1}, column {(json.BytePositionInLine ?? 0) + 1}: the configuration file is not valid JSON: {message}.";
            }
        }

        var reason = exception.InnerException is { } inner ? $"{exception.Message} {inner.Message}" : exception.Message;
        return $"{configFile}: the configuration file cannot be read. {reason}";
    }
}
