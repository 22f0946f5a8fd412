using Gateway.Core.Converters;

namespace Gateway.Core.Routing;

/// <summary>A configured route with its converter pipeline built.</summary>
public sealed record RouteDefinition(string Id, string Path, string Input, ConverterPipeline Pipeline, IReadOnlyList<string> Sinks, string? DeadLetter)
{
    /// <summary>The route's settings as configured (<see cref="Gateway.Core.Configuration.ConfigurationFingerprint"/>): a reload keeps the running route when it is the same.</summary>
    public string Fingerprint { get; init; } = string.Empty;
}
