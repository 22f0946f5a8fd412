using Gateway.Core.Converters;

namespace Gateway.Core.Routing;

/// <summary>A configured route with its converter pipeline built.</summary>
public sealed record RouteDefinition(string Id, string Path, string Input, ConverterPipeline Pipeline, IReadOnlyList<string> Sinks, string? DeadLetter, int QueueCapacity);
