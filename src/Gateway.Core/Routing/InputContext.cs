using Gateway.Core.Formats;
using Microsoft.Extensions.Logging;

namespace Gateway.Core.Routing;

/// <summary>What an input factory gets besides its options.</summary>
/// <param name="Id">The input's configured id (<c>Gateway:Inputs:ID</c>).</param>
/// <param name="Path">The config path of its section, for error messages.</param>
/// <param name="Format">The configured <c>Format</c>, or null when the input takes it from each message (HTTP Content-Type).</param>
/// <param name="FormatOptions">Format options from the same section (how to read bodies).</param>
/// <param name="Dispatcher">Takes the input's messages into its routes.</param>
/// <param name="Services">The application services.</param>
/// <param name="Logger">A logger named after the input type.</param>
public sealed record InputContext(
    string Id,
    string Path,
    string? Format,
    FormatOptions FormatOptions,
    IMessageDispatcher Dispatcher,
    IServiceProvider Services,
    ILogger Logger);
