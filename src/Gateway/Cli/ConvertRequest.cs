using Gateway.Core.Formats.Options;

namespace Gateway.Cli;

/// <summary>What <c>gateway convert</c> was asked to do, as given on the command line.</summary>
internal sealed record ConvertRequest(
    string? From,
    string? To,
    string? Input,
    string? Output,
    string? ConfigFile,
    string? Pipeline,
    IReadOnlyList<(FormatOptionDescriptor Descriptor, string Value)> FormatOptions);
