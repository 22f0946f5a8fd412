using Gateway.Core.Formats;
using Microsoft.Extensions.Logging;

namespace Gateway.Core.Routing;

/// <summary>What a sink factory gets besides its options.</summary>
/// <param name="Id">The sink's configured id (<c>Gateway:Sinks:ID</c>).</param>
/// <param name="Path">The config path of its section, for error messages.</param>
/// <param name="Format">The format the sink's messages are encoded in.</param>
/// <param name="FormatOptions">Format options from the same section (how to write bodies).</param>
/// <param name="Services">The application services.</param>
/// <param name="Logger">A logger named after the sink type.</param>
public sealed record SinkContext(
    string Id,
    string Path,
    string Format,
    FormatOptions FormatOptions,
    IServiceProvider Services,
    ILogger Logger);
